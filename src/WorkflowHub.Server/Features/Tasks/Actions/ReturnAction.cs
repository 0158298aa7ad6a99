using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;

namespace WorkflowHub.Server.Features.Tasks.Actions;

public sealed record ReturnRequest(string? TargetElementId, string? Reason);

public sealed record ReturnTarget(string ElementId, string? Name, string? LastAssignee);

/// <summary>
/// 退回: sends the task back to an earlier, completed user task of the same scope. Open tasks below the target are
/// cancelled and recorded as returned; the target starts again (its boundary timers too) with its last assignee.
/// </summary>
public static class ReturnAction
{
    public static void Map(RouteGroupBuilder tasks)
    {
        tasks.MapGet("/{id}/return-targets", async (string id, string? page, string? pageSize, TaskActions actions, IHistoryService history, HttpContext http, CancellationToken ct) =>
            {
                var paging = ApiRequest.Paging(http, page, pageSize);
                return TypedResults.Ok(PagedList<ReturnTarget>.Slice(await TargetsAsync((await actions.VisibleAsync(http.User, id, ct)).Task, actions, history, ct), paging));
            })
            .WithSummary("退回 targets: the earlier user tasks of the same scope that were completed in this instance.");

        tasks.MapPost("/{id}/return", async (string id, ReturnRequest request, TaskActions actions, IHistoryService history, ITaskService tasks,
                HttpContext http, CancellationToken ct) =>
            {
                var reason = TaskActions.RequireReason(request.Reason);
                var (viewer, task) = await actions.HeldAsync(http.User, id, ct);
                var targets = await TargetsAsync(task, actions, history, ct);
                var target = targets.FirstOrDefault(t => t.ElementId == request.TargetElementId)
                    ?? throw ApiRequestException.Invalid("targetElementId", "The target must be an earlier completed task of this flow.");
                var open = (await tasks.QueryAsync(new TaskQuery { InstanceId = task.InstanceId, PageSize = 500 }, ct)).Items;
                var below = new List<TaskInfo>();
                foreach (var t in open)
                {
                    var upstream = await actions.Engine.UpstreamUserTasksAsync(t.InstanceId, t.ElementId, ct);
                    if (t.Id == task.Id || upstream.Any(u => u.ElementId == target.ElementId))
                    {
                        below.Add(t);
                    }
                }
                var newTaskId = await actions.Engine.MoveAsync(task.InstanceId, below.Select(t => t.Id).ToList(), target.ElementId, target.LastAssignee,
                    TaskActions.HistoryType(TaskActionKind.Return),
                    new JsonObject { ["reason"] = reason, ["from"] = task.ElementId, ["to"] = target.ElementId, ["cancelledTasks"] = new JsonArray(below.Select(t => (JsonNode?)t.Id).ToArray()) },
                    viewer.UserName,
                    (stepDb, token) => TaskActions.WriteCommentsAsync(stepDb, below.Select(t => TaskActions.Comment(t, viewer.UserName, TaskActionKind.Return,
                        $"退回至“{target.Name ?? target.ElementId}”：{reason}", actions.Now)), token), ct);
                return TypedResults.Ok(new { taskId = newTaskId, cancelled = below.Select(t => t.Id) });
            })
            .WithSummary("退回: sends the task back to {targetElementId}, with a reason.");
    }

    private static async Task<List<ReturnTarget>> TargetsAsync(TaskInfo task, TaskActions actions, IHistoryService history, CancellationToken ct)
    {
        var upstream = await actions.Engine.UpstreamUserTasksAsync(task.InstanceId, task.ElementId, ct);
        var events = await history.GetInstanceHistoryAsync(task.InstanceId, ct);
        var completed = events.Where(e => e.Type == Engine.Runtime.HistoryTypes.TaskCompleted && e.ElementId is not null)
            .GroupBy(e => e.ElementId!).ToDictionary(g => g.Key, g => g.Last().Actor, StringComparer.Ordinal);
        return upstream.Where(u => completed.ContainsKey(u.ElementId))
            .Select(u => new ReturnTarget(u.ElementId, u.Name, completed[u.ElementId])).ToList();
    }
}
