using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Webhooks;

namespace WorkflowHub.Server.Features.Drafts;

public sealed record DraftEditor(string UserName, DateTimeOffset Since);

/// <summary>
/// Who has which flow open in the designer, so administrators see each other before they overwrite a draft. Kept
/// in <c>hub_designer_presence</c> so that every node behind a load balancer gives the same answer: the console
/// sends a heartbeat every minute, and an editor not heard of for <see cref="Timeout"/> is gone (their row is
/// deleted by the next heartbeat of anyone). Wall-clock time: the simulation clock is per node and must not
/// make people vanish.
/// </summary>
public sealed class DraftPresence([FromKeyedServices(WebhookReceiver.WallClockKey)] TimeProvider clock)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>Records a heartbeat of <paramref name="userName"/> on <paramref name="key"/>; answers everyone editing it.</summary>
    public async Task<IReadOnlyList<DraftEditor>> TouchAsync(HubDbContext db, string key, string userName, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = db.Set<DesignerPresenceRecord>();
        await rows.Where(p => p.ExpiresAt <= now).ExecuteDeleteAsync(ct);
        if (!await HeartbeatAsync(rows, key, userName, now, ct))
        {
            var row = new DesignerPresenceRecord { Key = key, UserName = userName, Since = now, SeenAt = now, ExpiresAt = now + Timeout };
            db.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The same user's other tab (or node) inserted the row first: theirs is the session, ours a heartbeat.
                db.Entry(row).State = EntityState.Detached;
                await HeartbeatAsync(rows, key, userName, now, ct);
            }
        }
        return await EditorsAsync(db, key, ct);
    }

    /// <summary>The user closed the designer: others stop seeing them at once instead of after the timeout.</summary>
    public Task LeaveAsync(HubDbContext db, string key, string userName, CancellationToken ct) =>
        db.Set<DesignerPresenceRecord>().Where(p => p.Key == key && p.UserName == userName).ExecuteDeleteAsync(ct);

    public async Task<IReadOnlyList<DraftEditor>> EditorsAsync(HubDbContext db, string key, CancellationToken ct) =>
        (await EditorsAsync(db, [key], ct)).GetValueOrDefault(key) ?? [];

    /// <summary>The editors of several keys in one query (the drafts list).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<DraftEditor>>> EditorsAsync(HubDbContext db, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = await db.Set<DesignerPresenceRecord>().AsNoTracking()
            .Where(p => keys.Contains(p.Key) && p.ExpiresAt > now)
            .Select(p => new { p.Key, p.UserName, p.Since }).ToListAsync(ct);
        return rows.GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<DraftEditor>)g.OrderBy(p => p.Since).ThenBy(p => p.UserName, StringComparer.Ordinal).Select(p => new DraftEditor(p.UserName, p.Since)).ToList(),
            StringComparer.Ordinal);
    }

    private static async Task<bool> HeartbeatAsync(DbSet<DesignerPresenceRecord> rows, string key, string userName, DateTimeOffset now, CancellationToken ct)
    {
        var expires = now + Timeout;
        return await rows.Where(p => p.Key == key && p.UserName == userName)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.SeenAt, now).SetProperty(p => p.ExpiresAt, expires), ct) > 0;
    }
}
