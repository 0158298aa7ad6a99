using WorkflowHub.Server.Hosting;

namespace WorkflowHub.Server.Features.Identity;

/// <summary>
/// Whether an account may use its bearer token, remembered for <see cref="Lifetime"/> so that not every request reads
/// the user's row (it was a tenth of the HTTP path's CPU). A change made through this node's user administration
/// forgets everything at once; a change made on another node is seen here within <see cref="Lifetime"/>.
/// </summary>
public sealed class AccountStatusCache([FromKeyedServices(Webhooks.WebhookReceiver.WallClockKey)] TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    /// <summary>At most 10,000 (a flood of distinct tokens); a status read before a change is not kept after it.</summary>
    private readonly NodeMemory<bool> _entries = new(clock, Lifetime, maxEntries: 10_000);

    public async ValueTask<bool> IsActiveAsync(string userId, Func<Task<bool>> read)
    {
        if (_entries.TryGet(userId, out var active))
        {
            return active;
        }
        var generation = _entries.Generation;
        active = await read();
        _entries.Remember(userId, active, generation);
        return active;
    }

    public void Clear() => _entries.Forget();
}
