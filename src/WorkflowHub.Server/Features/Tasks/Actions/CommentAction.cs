using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Api;

namespace WorkflowHub.Server.Features.Tasks.Actions;

/// <summary>A task's record: comments and every action with its reason, for the whole instance (earlier tasks too).</summary>
public static class CommentAction
{
    public static void Map(RouteGroupBuilder tasks)
    {
        tasks.MapGet("/{id}/comments", async (string id, string? page, string? pageSize, TaskActions actions, HttpContext http, CancellationToken ct) =>
            {
                var paging = ApiRequest.Paging(http, page, pageSize);
                var (_, task) = await actions.VisibleAsync(http.User, id, ct);
                return TypedResults.Ok(await PagedList<TaskComment>.QueryAsync(
                    actions.Db.Set<TaskComment>().AsNoTracking().Where(c => c.InstanceId == task.InstanceId).OrderBy(c => c.Id), paging, c => c, ct));
            })
            .WithSummary("The record of the task's instance: comments and actions with their reasons, oldest first.");

        tasks.MapPost("/{id}/comments", async (string id, ReasonRequest request, TaskActions actions, HttpContext http, CancellationToken ct) =>
            {
                var message = TaskActions.RequireReason(request.Reason, "reason");
                var (viewer, task) = await actions.VisibleAsync(http.User, id, ct);
                await actions.RecordAsync(task, viewer.UserName, TaskActionKind.Comment, message, ct: ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Adds a comment to the task.");
    }
}
