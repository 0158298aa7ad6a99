using Microsoft.EntityFrameworkCore;

namespace WorkflowHub.Server.Features.Tasks.Actions;

/// <summary>What the task page shows beside the engine's task: owner, delegation, 催办 count, co-signers, extension requests.</summary>
public sealed record TaskActionSummaryDto(
    string? Owner, DelegationState Delegation, int UrgeCount, DateTimeOffset? LastUrgedAt, bool WaitsForCoSigners,
    IReadOnlyList<TaskCoSign> CoSigners, IReadOnlyList<ExtensionRequest> Extensions);

public static class TaskActionSummary
{
    public static void Map(RouteGroupBuilder tasks) =>
        tasks.MapGet("/{id}/actions", async (string id, TaskActions actions, HttpContext http, CancellationToken ct) =>
            {
                var (_, task) = await actions.VisibleAsync(http.User, id, ct);
                var db = actions.Db;
                var state = await db.Set<TaskActionState>().AsNoTracking().FirstOrDefaultAsync(s => s.TaskId == task.Id, ct);
                var cosigners = await db.Set<TaskCoSign>().AsNoTracking().Where(c => c.TaskId == task.Id).ToListAsync(ct);
                var extensions = await db.Set<ExtensionRequest>().AsNoTracking().Where(x => x.TaskId == task.Id).ToListAsync(ct);
                return TypedResults.Ok(new TaskActionSummaryDto(state?.Owner, state?.Delegation ?? DelegationState.None, state?.UrgeCount ?? 0,
                    state?.LastUrgedAt, state?.PendingCompletion is not null,
                    cosigners.OrderBy(c => c.CreatedAt).ToList(), extensions.OrderBy(x => x.CreatedAt).ToList()));
            })
            .WithSummary("The task's action state: owner, delegation, 催办 count, co-signers and extension requests.");
}
