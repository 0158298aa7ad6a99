using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Tasks;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Server.Features.Notices;

public sealed record OutboxItemDto(string Id, NoticeChannel Channel, NoticeStatus Status, string Recipient, string? RecipientName, bool Cc,
    string Subject, string TemplateKey, int TemplateVersion, int Attempts, string? LastError, DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt, DateTimeOffset NextAttemptAt, string? InstanceId, string? BusinessKey, string? ElementId, string? IncidentId,
    string? InstanceLink);

public sealed record OutboxDetailDto(OutboxItemDto Item, string? Html, string Text);

/// <summary>The outbox and sent log (发件记录): every notice with its status, attempts and error; administrators resend failed ones.</summary>
public static class NoticeOutboxEndpoints
{
    public static RouteGroupBuilder MapNoticeOutboxEndpoints(this RouteGroupBuilder notices)
    {
        var group = notices.MapGroup("/outbox").WithTags("Notices");

        group.MapGet("", async (string? status, string? channel, string? instanceId, string? recipient, string? page, string? pageSize,
                HubDbContext db, NoticeModelFactory links, TaskAccess access, HttpContext http, CancellationToken ct) =>
            {
                var (number, size) = ApiRequest.Paging(http, page, pageSize);
                var rows = await VisibleAsync(db, access, http, ct);
                if (ApiRequest.Enum<NoticeStatus>(status, "status") is { } s)
                {
                    rows = rows.Where(o => o.Status == s);
                }
                if (ApiRequest.Enum<NoticeChannel>(channel, "channel") is { } c)
                {
                    rows = rows.Where(o => o.Channel == c);
                }
                if (!string.IsNullOrWhiteSpace(instanceId))
                {
                    rows = rows.Where(o => o.InstanceId == instanceId);
                }
                if (!string.IsNullOrWhiteSpace(recipient))
                {
                    rows = rows.Where(o => o.Recipient == recipient.Trim());
                }
                var total = await rows.CountAsync(ct);
                var items = await rows.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)
                    .Skip((number - 1) * size).Take(size).ToListAsync(ct);
                return TypedResults.Ok(new PagedList<OutboxItemDto>(items.Select(o => Item(o, links)).ToList(), total, number, size));
            })
            .RequireAuthorization(HubPolicies.Operators)
            .WithSummary("Notices, newest first: status (Pending, Sent, Failed), channel (Mail, Robot), instance, recipient filters (leaders: of the instances with an open task of their groups).");

        group.MapGet("/{id}", async Task<Results<Ok<OutboxDetailDto>, NotFound>> (string id, HubDbContext db, NoticeModelFactory links,
                TaskAccess access, HttpContext http, CancellationToken ct) =>
                await (await VisibleAsync(db, access, http, ct)).FirstOrDefaultAsync(o => o.Id == id, ct) is { } o
                    ? TypedResults.Ok(new OutboxDetailDto(Item(o, links), o.Html, o.Text))
                    : TypedResults.NotFound())
            .RequireAuthorization(HubPolicies.Operators)
            .WithSummary("One notice with its rendered bodies; its id is the mail's Message-ID (404 outside a leader's groups).");

        group.MapPost("/{id}/resend", async Task<Results<Ok<OutboxItemDto>, NotFound>> (string id, HubDbContext db, NoticeModelFactory links,
                TimeProvider time, CancellationToken ct) =>
            {
                var row = await db.Set<NoticeOutboxRecord>().FirstOrDefaultAsync(o => o.Id == id, ct);
                if (row is null)
                {
                    return TypedResults.NotFound();
                }
                if (row.Status != NoticeStatus.Failed)
                {
                    throw new WorkflowConflictException(
                        $"Only a failed notice can be resent; this one is {row.Status}");
                }
                var now = time.GetUtcNow();
                if (row.IncidentId is { } incidentId
                    && await db.Set<IncidentRecord>().FirstOrDefaultAsync(i => i.Id == incidentId && i.ResolvedAt == null, ct) is { } incident)
                {
                    incident.ResolvedAt = now;
                }
                row.Status = NoticeStatus.Pending;
                row.Attempts = 0;
                row.NextAttemptAt = now;
                row.LeasedUntil = null;
                row.IncidentId = null;
                await db.SaveChangesAsync(ct);
                return TypedResults.Ok(Item(row, links));
            })
            .RequireAuthorization(HubPolicies.Administrators)
            .WithSummary("Queues a failed notice again (same Message-ID, attempts from zero) and resolves its incident.");
        return notices;
    }

    /// <summary>
    /// The notices the caller may read: dispatchers, supervisors and administrators every one; leaders those of the
    /// instances they reach (an open task of their groups), as the instance and incident lists do. A notice without an
    /// instance (a template's test mail) is for the former only.
    /// </summary>
    private static async Task<IQueryable<NoticeOutboxRecord>> VisibleAsync(HubDbContext db, TaskAccess access, HttpContext http, CancellationToken ct)
    {
        var rows = db.Set<NoticeOutboxRecord>().AsNoTracking();
        if (await access.InstanceReachAsync(http.User, ct) is not { } reach)
        {
            return rows;
        }
        var reached = InvolvementFilter.InstanceIds(db, reach);
        return rows.Where(o => o.InstanceId != null && reached.Contains(o.InstanceId));
    }

    private static OutboxItemDto Item(NoticeOutboxRecord o, NoticeModelFactory links) =>
        new(o.Id, o.Channel, o.Status, o.Recipient, o.RecipientName, o.IsCc, o.Subject, o.TemplateKey, o.TemplateVersion, o.Attempts, o.LastError,
            o.CreatedAt, o.SentAt, o.NextAttemptAt, o.InstanceId, o.BusinessKey, o.ElementId, o.IncidentId,
            o.InstanceId is null ? null : $"{links.BaseUrl}/instances/{Uri.EscapeDataString(o.InstanceId)}");
}
