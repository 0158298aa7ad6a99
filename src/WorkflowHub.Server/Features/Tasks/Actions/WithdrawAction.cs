using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;

namespace WorkflowHub.Server.Features.Tasks.Actions;

/// <summary>
/// 撤回: whoever completed a task takes it back while the tasks it led to are untouched (not claimed, no record
/// entries): those are cancelled and the task starts again, assigned to them. The id is the completed task's.
/// </summary>
public static class WithdrawAction
{
    private static readonly TaskActionKind[] Completions = [TaskActionKind.Approve, TaskActionKind.Reject, TaskActionKind.Complete];

    public static void Map(RouteGroupBuilder tasks)
    {
        tasks.MapGet("/done", async (string? page, string? pageSize, TaskActions actions, HttpContext http, CancellationToken ct) =>
            {
                var viewer = await actions.ViewerAsync(http.User, ct);
                var rows = actions.Db.Set<TaskComment>().AsNoTracking()
                    .Where(c => c.Author == viewer.UserName && Completions.Contains(c.Kind))
                    .OrderByDescending(c => c.Id);
                return TypedResults.Ok(await PagedList<TaskComment>.QueryAsync(rows, ApiRequest.Paging(http, page, pageSize), c => c, ct));
            })
            .WithSummary("已办: the tasks the user completed, newest first (the ones 撤回 starts from).");

        tasks.MapPost("/{id}/withdraw", async (string id, ReasonRequest request, TaskActions actions, ITaskService tasks, HttpContext http, CancellationToken ct) =>
            {
                var reason = TaskActions.RequireReason(request.Reason);
                var viewer = await actions.ViewerAsync(http.User, ct);
                var done = await actions.Db.Set<TaskComment>().AsNoTracking()
                    .Where(c => c.TaskId == id && c.Author == viewer.UserName && Completions.Contains(c.Kind))
                    .OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct)
                    ?? throw new WorkflowNotFoundException($"You did not complete task '{id}'.");
                var open = (await tasks.QueryAsync(new TaskQuery { InstanceId = done.InstanceId, PageSize = 500 }, ct)).Items;
                var next = new List<TaskInfo>();
                foreach (var t in open.Where(t => t.CreatedAt >= done.CreatedAt))
                {
                    var upstream = await actions.Engine.UpstreamUserTasksAsync(t.InstanceId, t.ElementId, ct);
                    if (upstream.Any(u => u.ElementId == done.ElementId))
                    {
                        next.Add(t);
                    }
                }
                if (next.Count == 0)
                {
                    throw new WorkflowConflictException("The flow has moved past the point where the task could be taken back.");
                }
                var nextIds = next.Select(t => t.Id).ToList();
                if (next.Any(t => t.ClaimedAt is not null) || await actions.Db.Set<TaskComment>().AnyAsync(c => nextIds.Contains(c.TaskId), ct))
                {
                    throw new WorkflowConflictException("The next task was already taken up; it can no longer be withdrawn.");
                }
                var newTaskId = await actions.Engine.MoveAsync(done.InstanceId, nextIds, done.ElementId, viewer.UserName,
                    TaskActions.HistoryType(TaskActionKind.Withdraw),
                    new JsonObject { ["reason"] = reason, ["task"] = id, ["cancelledTasks"] = new JsonArray(nextIds.Select(t => (JsonNode?)t).ToArray()) },
                    viewer.UserName,
                    (stepDb, token) => TaskActions.WriteCommentsAsync(stepDb, next.Select(t => TaskActions.Comment(t, viewer.UserName, TaskActionKind.Withdraw, reason, actions.Now)), token), ct);
                return TypedResults.Ok(new { taskId = newTaskId, cancelled = nextIds });
            })
            .WithSummary("撤回: takes back a task the user completed while the next tasks are untouched.");
    }
}
