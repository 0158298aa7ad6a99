using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Features.Identity;

namespace WorkflowHub.Server.Features.Tasks.Actions;

public sealed record DelegateRequest(string? UserId, string? Reason);

/// <summary>
/// 委派 (Camunda delegateTask / resolveTask): the owner lends the task to a delegate, who works on it and resolves it
/// back; only the owner completes it.
/// </summary>
public static class DelegateAction
{
    public static void Map(RouteGroupBuilder tasks)
    {
        tasks.MapPost("/{id}/delegate", async (string id, DelegateRequest request, TaskActions actions, UserDirectory directory, HttpContext http, CancellationToken ct) =>
            {
                var reason = TaskActions.RequireReason(request.Reason);
                var (viewer, task) = await actions.HeldAsync(http.User, id, ct);
                var delegate_ = await TaskActions.UserNameAsync(directory, request.UserId, "userId");
                if (delegate_ == viewer.UserName)
                {
                    throw ApiRequestException.Invalid("userId", "You cannot delegate to yourself.");
                }
                if (await actions.Db.Set<TaskActionState>().AnyAsync(s => s.TaskId == id && s.Delegation == DelegationState.Pending, ct))
                {
                    throw new WorkflowConflictException("The task is already delegated.");
                }
                await actions.RecordAsync(task, viewer.UserName, TaskActionKind.Delegate, reason, new TaskChange { Assignee = delegate_ },
                    new JsonObject { ["owner"] = viewer.UserName, ["delegate"] = delegate_ },
                    async (stepDb, current, token) =>
                    {
                        var state = await TaskActions.StateAsync(stepDb, current, token);
                        state.Owner = viewer.UserName;
                        state.Delegation = DelegationState.Pending;
                    }, ct);
                return TypedResults.Ok(await actions.VisibleOrNullAsync(http.User, id, ct));
            })
            .WithSummary("委派: lends the task to {userId}; the delegate resolves it back to the owner.");

        tasks.MapPost("/{id}/resolve", async (string id, ReasonRequest request, TaskActions actions, HttpContext http, CancellationToken ct) =>
            {
                var opinion = TaskActions.RequireReason(request.Reason);
                var (viewer, task) = await actions.HeldAsync(http.User, id, ct);
                var state = await actions.Db.Set<TaskActionState>().AsNoTracking().FirstOrDefaultAsync(s => s.TaskId == id, ct);
                if (state is not { Delegation: DelegationState.Pending, Owner: not null })
                {
                    throw new WorkflowConflictException("The task is not delegated to you.");
                }
                await actions.RecordAsync(task, viewer.UserName, TaskActionKind.Resolve, opinion, new TaskChange { Assignee = state.Owner },
                    new JsonObject { ["owner"] = state.Owner },
                    async (stepDb, current, token) => (await TaskActions.StateAsync(stepDb, current, token)).Delegation = DelegationState.Resolved, ct);
                return TypedResults.Ok(await actions.VisibleOrNullAsync(http.User, id, ct));
            })
            .WithSummary("归还 (resolve): the delegate gives the task back to its owner with an opinion.");
    }
}
