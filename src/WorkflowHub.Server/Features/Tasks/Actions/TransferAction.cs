using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Features.Identity;

namespace WorkflowHub.Server.Features.Tasks.Actions;

public sealed record TransferRequest(string? UserId, string? GroupId, string? Reason);

/// <summary>转办: the holder hands the task to another user (or offers it to a group); the first owner is kept.</summary>
public static class TransferAction
{
    public static void Map(RouteGroupBuilder tasks) =>
        tasks.MapPost("/{id}/transfer", async (string id, TransferRequest request, TaskActions actions, UserDirectory directory, HttpContext http, CancellationToken ct) =>
            {
                var reason = TaskActions.RequireReason(request.Reason);
                var (viewer, task) = await actions.HeldAsync(http.User, id, ct);
                TaskChange change;
                if (!string.IsNullOrWhiteSpace(request.GroupId))
                {
                    var group = request.GroupId.Trim();
                    if (!await actions.Db.Set<HubGroup>().AnyAsync(g => g.Id == group, ct))
                    {
                        throw ApiRequestException.Invalid("groupId", $"There is no group '{group}'.");
                    }
                    change = new TaskChange { CandidateGroup = group };
                }
                else
                {
                    var user = await TaskActions.UserNameAsync(directory, request.UserId, "userId");
                    if (user == task.Assignee)
                    {
                        throw ApiRequestException.Invalid("userId", "The task is already theirs.");
                    }
                    change = new TaskChange { Assignee = user };
                }
                await actions.RecordAsync(task, viewer.UserName, TaskActionKind.Transfer, reason, change,
                    new JsonObject { ["from"] = task.Assignee ?? viewer.UserName, ["toUser"] = change.Assignee, ["toGroup"] = change.CandidateGroup },
                    async (stepDb, current, token) =>
                    {
                        var state = await TaskActions.StateAsync(stepDb, current, token);
                        state.Owner ??= task.Assignee ?? viewer.UserName;
                        state.Delegation = DelegationState.None;
                    }, ct);
                return TypedResults.Ok(await actions.VisibleOrNullAsync(http.User, id, ct));
            })
            .WithSummary("转办: hands the task to {userId} or offers it to {groupId}, with a reason; the owner is recorded.");
}
