using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Features.Identity;

namespace WorkflowHub.Server.Features.Tasks.Actions;

public sealed record CoSignRequest(List<string>? UserIds, CoSignPosition? Position, string? Reason);

/// <summary>
/// 加签 / 减签: the holder adds co-signers before (they act first; the owner cannot complete until they finish) or
/// after (they act on the owner's decision, which waits for them) and removes one (减签), which cancels their part.
/// </summary>
public static class CoSignAction
{
    public const int MaxCoSigners = 20;

    public static void Map(RouteGroupBuilder tasks, RouteGroupBuilder api)
    {
        tasks.MapPost("/{id}/cosigners", async (string id, CoSignRequest request, TaskActions actions, UserDirectory directory, HttpContext http, CancellationToken ct) =>
            {
                var reason = TaskActions.RequireReason(request.Reason);
                if (request.UserIds is not { Count: > 0 and <= MaxCoSigners })
                {
                    throw ApiRequestException.Invalid("userIds", $"Choose 1 to {MaxCoSigners} co-signers.");
                }
                var position = request.Position ?? throw ApiRequestException.Invalid("position", "Position must be Before or After.");
                var (viewer, task) = await actions.HeldAsync(http.User, id, ct);
                var names = new List<string>();
                foreach (var user in request.UserIds)
                {
                    var name = await TaskActions.UserNameAsync(directory, user, "userIds");
                    if (name == viewer.UserName)
                    {
                        throw ApiRequestException.Invalid("userIds", "You cannot co-sign your own task.");
                    }
                    names.Add(name);
                }
                names = names.Distinct(StringComparer.Ordinal).ToList();
                var already = await actions.Db.Set<TaskCoSign>().Where(c => c.TaskId == id && names.Contains(c.UserName)
                    && (c.Status == CoSignStatus.Open || c.Status == CoSignStatus.Waiting)).Select(c => c.UserName).ToListAsync(ct);
                if (already.Count > 0)
                {
                    throw ApiRequestException.Invalid("userIds", $"Already co-signers: {string.Join(", ", already)}.");
                }
                var now = actions.Now;
                var added = names.Select(n => new TaskCoSign
                {
                    Id = Guid.CreateVersion7().ToString(),
                    TaskId = task.Id,
                    InstanceId = task.InstanceId,
                    TaskName = task.Name,
                    ProcessKey = task.ProcessKey,
                    BusinessKey = task.BusinessKey,
                    UserName = n,
                    Position = position,
                    Status = position == CoSignPosition.Before ? CoSignStatus.Open : CoSignStatus.Waiting,
                    AddedBy = viewer.UserName,
                    Reason = reason,
                    CreatedAt = now,
                }).ToList();
                await actions.RecordAsync(task, viewer.UserName, TaskActionKind.CoSignAdded, reason, null,
                    new JsonObject { ["users"] = new JsonArray(names.Select(n => (JsonNode?)n).ToArray()), ["position"] = position.ToString() },
                    (stepDb, _, _) =>
                    {
                        stepDb.AddRange(added);
                        return Task.CompletedTask;
                    }, ct);
                return TypedResults.Ok(added);
            })
            .WithSummary("加签: adds co-signers {userIds} Before or After the owner, with a reason.");

        tasks.MapPost("/{id}/cosigners/{cosignId}/remove", async (string id, string cosignId, ReasonRequest request, TaskActions actions, HttpContext http, CancellationToken ct) =>
            {
                var reason = TaskActions.RequireReason(request.Reason);
                var (viewer, task) = await actions.HeldAsync(http.User, id, ct);
                var cosign = await actions.Db.Set<TaskCoSign>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == cosignId && c.TaskId == id, ct)
                    ?? throw new WorkflowNotFoundException($"Co-signer '{cosignId}' does not exist on this task.");
                if (cosign.Status is CoSignStatus.Done or CoSignStatus.Cancelled)
                {
                    throw new WorkflowConflictException($"{cosign.UserName} already finished or was removed.");
                }
                await actions.RecordAsync(task, viewer.UserName, TaskActionKind.CoSignRemoved, reason, null,
                    new JsonObject { ["user"] = cosign.UserName },
                    async (stepDb, _, token) =>
                    {
                        var row = await stepDb.Set<TaskCoSign>().FirstAsync(c => c.Id == cosignId, token);
                        row.Status = CoSignStatus.Cancelled;
                        row.FinishedAt = actions.Now;
                    }, ct);
                return TypedResults.NoContent();
            })
            .WithSummary("减签: removes a co-signer; their part is cancelled.");

        api.MapGet("/cosigns", async (string? page, string? pageSize, TaskActions actions, HttpContext http, CancellationToken ct) =>
            {
                var viewer = await actions.ViewerAsync(http.User, ct);
                var rows = actions.Db.Set<TaskCoSign>().AsNoTracking()
                    .Where(c => c.UserName == viewer.UserName && c.Status == CoSignStatus.Open).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id);
                return TypedResults.Ok(await PagedList<TaskCoSign>.QueryAsync(rows, ApiRequest.Paging(http, page, pageSize), c => c, ct));
            })
            .WithTags("Tasks")
            .WithSummary("加签给我的: the co-signing parts waiting for the user.");

        api.MapPost("/cosigns/{cosignId}/complete", async (string cosignId, ReasonRequest request, TaskActions actions, TaskCompletion completion,
                ITaskService tasks, HttpContext http, CancellationToken ct) =>
            {
                var opinion = TaskActions.RequireReason(request.Reason, "opinion");
                var viewer = await actions.ViewerAsync(http.User, ct);
                var cosign = await actions.Db.Set<TaskCoSign>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == cosignId && c.UserName == viewer.UserName, ct)
                    ?? throw new WorkflowNotFoundException($"Co-signer '{cosignId}' does not exist.");
                if (cosign.Status != CoSignStatus.Open)
                {
                    throw new WorkflowConflictException(cosign.Status == CoSignStatus.Waiting
                        ? "The owner decides first."
                        : "Already finished or removed.");
                }
                var task = await tasks.GetAsync(cosign.TaskId, ct)
                    ?? throw new WorkflowNotFoundException($"Task '{cosign.TaskId}' is no longer open.");
                var last = !await actions.Db.Set<TaskCoSign>().AnyAsync(c => c.TaskId == task.Id && c.Id != cosignId
                    && (c.Status == CoSignStatus.Open || c.Status == CoSignStatus.Waiting), ct);
                await actions.RecordAsync(task, viewer.UserName, TaskActionKind.CoSigned, opinion, null, null,
                    async (stepDb, _, token) =>
                    {
                        var row = await stepDb.Set<TaskCoSign>().FirstAsync(c => c.Id == cosignId, token);
                        row.Status = CoSignStatus.Done;
                        row.Opinion = opinion;
                        row.FinishedAt = actions.Now;
                    }, ct);
                if (last)
                {
                    await completion.RunPendingAsync(task, ct);
                }
                return TypedResults.NoContent();
            })
            .WithTags("Tasks")
            .WithSummary("A co-signer gives their opinion; the last one after the owner lets the owner's completion run.");
    }
}
