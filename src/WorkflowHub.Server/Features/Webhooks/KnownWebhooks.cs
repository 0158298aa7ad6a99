using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Identity;
using WorkflowHub.Server.Hosting;

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

    /// <summary>At most 1,000 (many webhooks); a webhook read before a change is not kept after it.</summary>
    private readonly NodeMemory<WebhookRecord> _hooks = new(clock, Lifetime, maxEntries: 1_000);

    private volatile bool _heard;

    private bool Usable => _heard || database.Provider != DatabaseProvider.Postgres;

    /// <summary>Whether this node hears other nodes' changes (always false on SQLite, where it need not).</summary>
    public bool Heard => _heard;

    /// <summary>Taken before a look-up: <see cref="Remember"/> keeps its result only if nothing changed since.</summary>
    public long Generation => _hooks.Generation;

    public bool TryGet(string key, [MaybeNullWhen(false)] out WebhookRecord hook)
    {
        hook = null;
        return Usable && _hooks.TryGet(key, out hook);
    }

    /// <summary>Keeps an enabled webhook read at <paramref name="generation"/>, unless something changed since.</summary>
    public void Remember(WebhookRecord hook, long generation)
    {
        if (hook.Enabled && Usable)
        {
            _hooks.Remember(hook.Key, hook, generation);
        }
    }

    public void Forget() => _hooks.Forget();

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
