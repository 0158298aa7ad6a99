using System.Collections.Concurrent;

namespace WorkflowHub.Server.Features.Identity;

/// <summary>
/// Whether an account may use its bearer token, remembered for <see cref="Lifetime"/> so that not every request reads
/// the user's row (it was a tenth of the HTTP path's CPU). A change made through this node's user administration
/// forgets everything at once; a change made on another node is seen here within <see cref="Lifetime"/>.
/// </summary>
public sealed class AccountStatusCache([FromKeyedServices(Webhooks.WebhookReceiver.WallClockKey)] TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    /// <summary>Bounds the memory a flood of distinct tokens can take; past it the cache starts over.</summary>
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (bool Active, long Until)> _entries = new(StringComparer.Ordinal);

    public async ValueTask<bool> IsActiveAsync(string userId, Func<Task<bool>> read)
    {
        var now = clock.GetTimestamp();
        if (_entries.TryGetValue(userId, out var entry) && now < entry.Until)
        {
            return entry.Active;
        }
        var active = await read();
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }
        _entries[userId] = (active, now + (long)(Lifetime.TotalSeconds * clock.TimestampFrequency));
        return active;
    }

    public void Clear() => _entries.Clear();
}
