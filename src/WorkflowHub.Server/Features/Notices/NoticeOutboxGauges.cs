using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Operations;

namespace WorkflowHub.Server.Features.Notices;

/// <summary>
/// The mail outbox's backlog (发件箱积压) for /metrics: notices written by committed steps and not yet delivered.
/// A backlog that only grows means the SMTP server or a robot refuses, or no node runs the sender.
/// </summary>
internal sealed class NoticeOutboxBacklogGauge : IOperationalGauge
{
    public string Name => "workflowhub.outbox.backlog";
    public string Unit => "{notice}";
    public string Description => "Notices in the outbox waiting for delivery (pending, retries included).";

    public Task<long> ReadAsync(HubDbContext db, CancellationToken ct) =>
        db.Set<NoticeOutboxRecord>().LongCountAsync(n => n.Status == NoticeStatus.Pending, ct);
}

/// <summary>Notices that ran out of delivery attempts; each one also raised an incident.</summary>
internal sealed class NoticeOutboxFailedGauge : IOperationalGauge
{
    public string Name => "workflowhub.outbox.failed";
    public string Unit => "{notice}";
    public string Description => "Notices whose delivery failed after the last retry (resend them from the outbox page).";

    public Task<long> ReadAsync(HubDbContext db, CancellationToken ct) =>
        db.Set<NoticeOutboxRecord>().LongCountAsync(n => n.Status == NoticeStatus.Failed, ct);
}
