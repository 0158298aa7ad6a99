using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using WorkflowHub.Server.Api;

namespace WorkflowHub.Server.Features.Webhooks;

/// <summary>
/// Rate limits of POST /hooks/{key}: a fixed window per webhook (its own <see cref="WebhookRecord.RateLimitPerMinute"/>
/// or <c>RateLimiting:Hooks</c>), and per client address for requests naming keys that do not exist, checked before
/// the database is read, so probing keys costs the prober. Each node counts its own requests.
/// </summary>
public sealed class WebhookRateLimits(IOptions<RateLimitingOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<(string Key, int Limit, TimeSpan Window), FixedWindowRateLimiter> _hooks = new();
    private readonly PartitionedRateLimiter<string> _probes = PartitionedRateLimiter.Create<string, string>(address =>
        options.Value.UnknownHookKeys.PermitLimit <= 0
            ? RateLimitPartition.GetNoLimiter(address)
            : RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.Value.UnknownHookKeys.PermitLimit,
                Window = options.Value.UnknownHookKeys.Window,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));

    /// <summary>Whether the address still has tries left for unknown keys in this window (asking takes none).</summary>
    public bool MayProbe(string address)
    {
        using var lease = Attempt(() => _probes.AttemptAcquire(address, 0));
        return lease.IsAcquired;
    }

    public void CountUnknownKey(string address) => Attempt(() => _probes.AttemptAcquire(address, 1)).Dispose();

    /// <summary>
    /// The partitioned limiter disposes a partition's limiter once it has been idle for a while, and a request that
    /// took that limiter a moment before gets ObjectDisposedException (dotnet/runtime#99865; seen once in 30,000
    /// deliveries from one address in the intake harness, as a 500). An idle limiter had every permit left, so asking
    /// again, which makes a fresh one, answers the same. Bounded: the limiter itself being disposed still throws.
    /// </summary>
    internal static RateLimitLease Attempt(Func<RateLimitLease> acquire)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return acquire();
            }
            catch (ObjectDisposedException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>Takes one request of the webhook's window; false when the window is spent.</summary>
    public bool TryAcquire(WebhookRecord hook)
    {
        var defaults = options.Value.Hooks;
        var limit = hook.RateLimitPerMinute ?? defaults.PermitLimit;
        var window = hook.RateLimitPerMinute is null ? defaults.Window : TimeSpan.FromMinutes(1);
        if (limit <= 0)
        {
            return true;
        }
        // A changed limit makes a new limiter; the old one is simply no longer used.
        var limiter = _hooks.GetOrAdd((hook.Key, limit, window), k => new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = k.Limit,
            Window = k.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        using var lease = limiter.AttemptAcquire();
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        _probes.Dispose();
        foreach (var limiter in _hooks.Values)
        {
            limiter.Dispose();
        }
    }
}
