using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Identity;

namespace WorkflowHub.Server.Features.Webhooks;

/// <summary>
/// Enabled webhooks by key, remembered per node for <see cref="Lifetime"/>: every delivery needs its webhook, and the
/// look-up was a round trip of its own on PostgreSQL. A change made on this node forgets them at once
/// (<see cref="WebhookEndpoints"/>); a change made on another node arrives through PostgreSQL's
/// <see cref="PostgresChannel"/> and is forgotten as it is heard. While that channel is not heard (not yet connected,
/// or the connection was lost), a PostgreSQL node does not use what it remembered, so a lost notification cannot keep a
/// rotated secret or a disabled webhook working there; <see cref="Lifetime"/> bounds anything else (as for accounts).
/// SQLite is one node, so its own changes are all there are.
/// </summary>
public sealed class KnownWebhooks(HubDatabase database, [FromKeyedServices(WebhookReceiver.WallClockKey)] TimeProvider clock, ILogger<KnownWebhooks> logger)
{
    public const string PostgresChannel = "wfh_webhooks";

    public static readonly TimeSpan Lifetime = AccountStatusCache.Lifetime;

    /// <summary>Bounds the memory many webhooks can take; past it the cache starts over.</summary>
    private const int MaxEntries = 1_000;

    private readonly ConcurrentDictionary<string, (WebhookRecord Hook, long Until)> _hooks = new(StringComparer.Ordinal);

    /// <summary>
    /// Moves at every <see cref="Forget"/>: a look-up that began before a change must not store what it read, or
    /// the old webhook would be served for another <see cref="Lifetime"/>.
    /// </summary>
    private long _generation;

    private volatile bool _heard;

    private bool Usable => _heard || database.Provider != DatabaseProvider.Postgres;

    /// <summary>Whether this node hears other nodes' changes (always false on SQLite, where it need not).</summary>
    public bool Heard => _heard;

    /// <summary>Where a look-up starts: what <see cref="Remember"/> needs to tell whether a change came in between.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGet(string key, out WebhookRecord hook)
    {
        if (Usable && _hooks.TryGetValue(key, out var entry) && clock.GetTimestamp() < entry.Until)
        {
            hook = entry.Hook;
            return true;
        }
        hook = null!;
        return false;
    }

    /// <summary>Keeps an enabled webhook read at <paramref name="generation"/>, unless something changed since.</summary>
    public void Remember(WebhookRecord hook, long generation)
    {
        if (!hook.Enabled || !Usable)
        {
            return;
        }
        if (_hooks.Count >= MaxEntries)
        {
            _hooks.Clear();
        }
        var until = clock.GetTimestamp() + (long)(Lifetime.TotalSeconds * clock.TimestampFrequency);
        if (Interlocked.Read(ref _generation) == generation)
        {
            _hooks[hook.Key] = (hook, until);
        }
    }

    public void Forget()
    {
        Interlocked.Increment(ref _generation);
        _hooks.Clear();
    }

    /// <summary>
    /// After a change saved on this node: forgets here, and on PostgreSQL tells the other nodes. Should the
    /// announcement fail, they still forget within <see cref="Lifetime"/>.
    /// </summary>
    public async Task ChangedAsync(HubDbContext db, CancellationToken ct)
    {
        Forget();
        if (database.Provider != DatabaseProvider.Postgres)
        {
            return;
        }
        try
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_notify({0}, '')", [PostgresChannel], ct);
        }
        catch (System.Data.Common.DbException ex)
        {
            logger.LogWarning("Other nodes were not told of a webhook change ({Error}); they see it within {Lifetime}.", ex.Message, Lifetime);
        }
    }

    /// <summary>Whether this node hears <see cref="PostgresChannel"/>; either way what it remembered is forgotten.</summary>
    public void Hearing(bool heard)
    {
        _heard = heard;
        Forget();
    }
}
