using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;

namespace WorkflowHub.Server.Features.Tasks.Actions;

public sealed record ExtensionRequestBody(DateTimeOffset? DueDate, string? Reason);

/// <summary>
/// 延期申请: the assignee asks for a later due date with a reason; a leader (or an administrator) approves or refuses
/// it from their inbox. Approval moves the due date and the task's timer boundary events by the same amount.
/// </summary>
public static class ExtensionAction
{
    public static void Map(RouteGroupBuilder tasks, RouteGroupBuilder api)
    {
        tasks.MapPost("/{id}/extension", async (string id, ExtensionRequestBody request, TaskActions actions, HttpContext http, CancellationToken ct) =>
            {
                var reason = TaskActions.RequireReason(request.Reason);
                var due = request.DueDate ?? throw ApiRequestException.Invalid("dueDate", "Choose the new due date.");
                var (viewer, task) = await actions.HeldAsync(http.User, id, ct);
                if (due <= (task.DueDate ?? actions.Now) || due > actions.Now.AddYears(1))
                {
                    throw ApiRequestException.Invalid("dueDate", "The new due date must be after the current one and within a year.");
                }
                if (await actions.Db.Set<ExtensionRequest>().AnyAsync(x => x.TaskId == id && x.Status == ExtensionStatus.Pending, ct))
                {
                    throw new WorkflowConflictException("An extension request is already waiting for a decision.");
                }
                var row = new ExtensionRequest
                {
                    Id = Guid.CreateVersion7().ToString(),
                    TaskId = task.Id,
                    InstanceId = task.InstanceId,
                    TaskName = task.Name,
                    ProcessKey = task.ProcessKey,
                    BusinessKey = task.BusinessKey,
                    RequestedBy = viewer.UserName,
                    CurrentDue = task.DueDate,
                    RequestedDue = due,
                    Reason = reason,
                    CreatedAt = actions.Now,
                };
                await actions.RecordAsync(task, viewer.UserName, TaskActionKind.ExtensionRequested, reason, null,
                    new JsonObject { ["dueDate"] = due.ToString("o") }, (stepDb, _, _) =>
                    {
                        stepDb.Add(row);
                        return Task.CompletedTask;
                    }, ct);
                return TypedResults.Ok(row);
            })
            .WithSummary("延期申请: asks for a new {dueDate} with a reason.");

        var extensions = api.MapGroup("/extension-requests").WithTags("Tasks");
        extensions.MapGet("", async (string? status, string? taskId, string? page, string? pageSize, TaskActions actions, HttpContext http, CancellationToken ct) =>
            {
                var viewer = await actions.ViewerAsync(http.User, ct);
                var q = actions.Db.Set<ExtensionRequest>().AsNoTracking();
                if (ApiRequest.Enum<ExtensionStatus>(status, "status") is { } s)
                {
                    q = q.Where(x => x.Status == s);
                }
                if (!string.IsNullOrWhiteSpace(taskId))
                {
                    q = q.Where(x => x.TaskId == taskId);
                }
                if (!http.User.IsInRole(WorkflowHub.Server.Identity.HubRoles.Leader) && !http.User.IsInRole(WorkflowHub.Server.Identity.HubRoles.Administrator))
                {
                    q = q.Where(x => x.RequestedBy == viewer.UserName);
                }
                return TypedResults.Ok(await PagedList<ExtensionRequest>.QueryAsync(
                    q.OrderByDescending(x => x.CreatedAt).ThenByDescending(x => x.Id), ApiRequest.Paging(http, page, pageSize), x => x, ct));
            })
            .WithSummary("Extension requests: a leader's or administrator's to decide, or one's own.");

        extensions.MapPost("/{requestId}/approve", (string requestId, ReasonRequest request, TaskActions actions, ITaskService tasks, HttpContext http, CancellationToken ct) =>
                DecideAsync(requestId, true, request, actions, tasks, http, ct))
            .RequireAuthorization(HubPolicies.Leaders)
            .WithSummary("Approves: the due date and the task's boundary timers move.");
        extensions.MapPost("/{requestId}/refuse", (string requestId, ReasonRequest request, TaskActions actions, ITaskService tasks, HttpContext http, CancellationToken ct) =>
                DecideAsync(requestId, false, request, actions, tasks, http, ct))
            .RequireAuthorization(HubPolicies.Leaders)
            .WithSummary("Refuses, with a reason.");
    }

    private static async Task<IResult> DecideAsync(string requestId, bool approve, ReasonRequest request, TaskActions actions, ITaskService tasks,
        HttpContext http, CancellationToken ct)
    {
        var comment = approve ? request.Reason?.Trim() : TaskActions.RequireReason(request.Reason);
        var viewer = await actions.ViewerAsync(http.User, ct);
        var row = await actions.Db.Set<ExtensionRequest>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == requestId, ct)
            ?? throw new WorkflowNotFoundException($"Extension request '{requestId}' does not exist.");
        if (row.Status != ExtensionStatus.Pending)
        {
            throw new WorkflowConflictException("The request was already decided.");
        }
        var task = await tasks.GetAsync(row.TaskId, ct)
            ?? throw new WorkflowConflictException("The task is no longer open.");
        await actions.RecordAsync(task, viewer.UserName, approve ? TaskActionKind.ExtensionApproved : TaskActionKind.ExtensionRefused, comment,
            approve ? new TaskChange { DueDate = row.RequestedDue } : null,
            new JsonObject { ["request"] = requestId, ["dueDate"] = row.RequestedDue.ToString("o"), ["previousDueDate"] = row.CurrentDue?.ToString("o") },
            async (stepDb, _, token) =>
            {
                var tracked = await stepDb.Set<ExtensionRequest>().FirstAsync(x => x.Id == requestId, token);
                tracked.Status = approve ? ExtensionStatus.Approved : ExtensionStatus.Refused;
                tracked.DecidedBy = viewer.UserName;
                tracked.DecidedAt = actions.Now;
                tracked.DecisionComment = comment;
            }, ct);
        return TypedResults.Ok(await tasks.GetAsync(row.TaskId, ct));
    }
}
