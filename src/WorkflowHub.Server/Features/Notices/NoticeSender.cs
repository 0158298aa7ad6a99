using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Server.Data;

namespace WorkflowHub.Server.Features.Notices;

/// <summary>
/// Delivers due outbox rows. A row is taken under a lease with its attempt counted first; only after the receiver
/// accepted it is it marked sent, so a crash at any point leaves it pending and, once the lease ran out, it is
/// delivered again with the same Message-ID (at least once, never a different message); a row marked sent is never
/// taken again. A failure waits (doubling from <see cref="NoticeDeliveryOptions.RetryDelay"/>) and after the last
/// attempt marks the row failed and raises an incident on its instance; retrying that incident, or resending the
/// row, puts it back in the queue.
/// </summary>
public sealed class NoticeSender(
    IDbContextFactory<HubDbContext> contexts, MailTransport mail, RobotTransport robots, TimeProvider time,
    IOptions<NoticesOptions> options, ILogger<NoticeSender> logger)
{
    public const string IncidentKind = "notice";

    /// <summary>Takes and delivers the rows due now (one batch); returns how many it took.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct = default)
    {
        await RequeueRetriedIncidentsAsync(ct);
        var rows = await ClaimAsync(ct);
        var accepted = new List<string>(rows.Count);
        try
        {
            await using var smtp = mail.OpenSession();
            foreach (var row in rows)
            {
                if (await DeliverAsync(row, smtp, ct))
                {
                    accepted.Add(row.Id);
                }
            }
        }
        finally
        {
            // One write for the batch, not one per mail: on SQLite each is a turn at the one writer the engine's steps
            // queue for. A crash before it repeats the batch's accepted mails with their own Message-IDs (at least once).
            await MarkSentAsync(accepted);
        }
        return rows.Count;
    }

    private async Task MarkSentAsync(List<string> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        var now = time.GetUtcNow();
        await db.Set<NoticeOutboxRecord>().Where(o => ids.Contains(o.Id) && o.Status == NoticeStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, NoticeStatus.Sent).SetProperty(o => o.SentAt, now)
                .SetProperty(o => o.LeasedUntil, (DateTimeOffset?)null).SetProperty(o => o.LastError, (string?)null), CancellationToken.None);
    }

    private async Task<List<NoticeOutboxRecord>> ClaimAsync(CancellationToken ct)
    {
        var settings = options.Value.Delivery;
        var now = time.GetUtcNow();
        var until = now + settings.LeaseDuration;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var due = await Due(db, now).OrderBy(o => o.NextAttemptAt).ThenBy(o => o.Id).Select(o => o.Id).Take(settings.BatchSize).ToListAsync(ct);
        var claimed = new List<string>(due.Count);
        foreach (var id in due)
        {
            // Another node may have taken it between the read and here; the conditional update decides.
            var taken = await Due(db, now).Where(o => o.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.LeasedUntil, until).SetProperty(o => o.Attempts, o => o.Attempts + 1), ct);
            if (taken == 1)
            {
                claimed.Add(id);
            }
        }
        // The claimed rows in one read (with their counted attempt), not one per row.
        return claimed.Count == 0 ? []
            : await db.Set<NoticeOutboxRecord>().AsNoTracking().Where(o => claimed.Contains(o.Id)).OrderBy(o => o.NextAttemptAt).ThenBy(o => o.Id).ToListAsync(ct);
    }

    private static IQueryable<NoticeOutboxRecord> Due(HubDbContext db, DateTimeOffset now) =>
        db.Set<NoticeOutboxRecord>().Where(o => o.Status == NoticeStatus.Pending && o.NextAttemptAt <= now && (o.LeasedUntil == null || o.LeasedUntil <= now));

    /// <summary>True when the receiver accepted the row (it is then marked sent with its batch).</summary>
    private async Task<bool> DeliverAsync(NoticeOutboxRecord row, MailTransport.SmtpSession smtp, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.Delivery.Timeout);
        try
        {
            await (row.Channel == NoticeChannel.Robot ? robots.DeliverAsync(row, timeout.Token) : mail.DeliverAsync(row, smtp, timeout.Token));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping (or killed): leave the row leased and pending; it is taken again when the lease runs out.
            throw;
        }
        catch (Exception e)
        {
            await FailAsync(row, e, ct);
            return false;
        }
        return true;
    }

    private async Task FailAsync(NoticeOutboxRecord row, Exception error, CancellationToken ct)
    {
        var settings = options.Value.Delivery;
        var now = time.GetUtcNow();
        var message = Truncate(error is OperationCanceledException ? $"timed out after {settings.Timeout}" : error.Message, 2000);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (row.Attempts < settings.MaxAttempts)
        {
            var delay = TimeSpan.FromTicks(Math.Min(settings.MaxRetryDelay.Ticks, settings.RetryDelay.Ticks * (1L << Math.Min(row.Attempts - 1, 30))));
            logger.LogWarning("Notice {Id} to {Recipient} failed (attempt {Attempt} of {Max}), retrying in {Delay}: {Error}",
                row.Id, row.Recipient, row.Attempts, settings.MaxAttempts, delay, message);
            await db.Set<NoticeOutboxRecord>().Where(o => o.Id == row.Id && o.Status == NoticeStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.NextAttemptAt, now + delay).SetProperty(o => o.LeasedUntil, (DateTimeOffset?)null)
                    .SetProperty(o => o.LastError, message), ct);
            return;
        }
        logger.LogError("Notice {Id} to {Recipient} failed for good after {Attempts} attempts: {Error}", row.Id, row.Recipient, row.Attempts, message);
        var stored = await db.Set<NoticeOutboxRecord>().FirstOrDefaultAsync(o => o.Id == row.Id && o.Status == NoticeStatus.Pending, ct);
        if (stored is null)
        {
            return;
        }
        stored.Status = NoticeStatus.Failed;
        stored.LeasedUntil = null;
        stored.LastError = message;
        if (stored.InstanceId is not null)
        {
            var incident = new IncidentRecord
            {
                Id = Guid.CreateVersion7().ToString(),
                InstanceId = stored.InstanceId,
                TokenId = stored.TokenId ?? "",
                ElementId = stored.ElementId ?? "",
                ProcessKey = stored.ProcessKey ?? "",
                Kind = IncidentKind,
                Message = Truncate($"notice '{stored.Subject}' ({stored.Id}) to {stored.Recipient} failed after {stored.Attempts} attempts: {message}", 4000),
                CreatedAt = now,
            };
            db.Add(incident);
            stored.IncidentId = incident.Id;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A failed row whose incident an administrator retried (the engine resolves it) goes back in the queue.</summary>
    private async Task RequeueRetriedIncidentsAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var incidents = db.Set<IncidentRecord>();
        await db.Set<NoticeOutboxRecord>()
            .Where(o => o.Status == NoticeStatus.Failed && o.IncidentId != null && incidents.Any(i => i.Id == o.IncidentId && i.ResolvedAt != null))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, NoticeStatus.Pending).SetProperty(o => o.Attempts, 0)
                .SetProperty(o => o.NextAttemptAt, now).SetProperty(o => o.IncidentId, (string?)null), ct);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
