using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Identity;

namespace WorkflowHub.Server.Features.Tasks.Actions;

/// <summary>A reason or opinion with an action (most actions require one).</summary>
public sealed record ReasonRequest(string? Reason);

/// <summary>
/// What every task action shares: who holds the task, and writing the action as one engine step that records it in
/// the instance's history ("task.&lt;action&gt;" with the reason) and in the task's record (comments).
/// </summary>
public sealed class TaskActions(TaskAccess access, ITaskModificationService modification, HubDbContext db, TimeProvider time)
{
    public const int MaxReasonLength = 2000;

    public HubDbContext Db => db;
    public DateTimeOffset Now => time.GetUtcNow();
    public ITaskModificationService Engine => modification;

    /// <summary>The task, when the user holds it (its assignee; an unassigned task is held by its candidates).</summary>
    public async Task<(TaskAccess.Viewer Viewer, TaskInfo Task)> HeldAsync(ClaimsPrincipal user, string taskId, CancellationToken ct)
    {
        var (viewer, task) = await access.GetVisibleAsync(user, taskId, ct);
        var holds = task.Assignee == viewer.UserName || (task.Assignee is null && (TaskAccess.IsCandidate(viewer, task) || viewer.SeesAll));
        if (!holds)
        {
            throw new WorkflowConflictException(task.Assignee is null
                ? $"Task '{task.Name}' ({taskId}) is not offered to you."
                : $"Task '{task.Name}' ({taskId}) is held by '{task.Assignee}'.");
        }
        return (viewer, task);
    }

    public Task<(TaskAccess.Viewer Viewer, TaskInfo Task)> VisibleAsync(ClaimsPrincipal user, string taskId, CancellationToken ct) =>
        access.GetVisibleAsync(user, taskId, ct);

    /// <summary>The task after an action, or null when the action took it out of the user's sight (转办).</summary>
    public async Task<TaskInfo?> VisibleOrNullAsync(ClaimsPrincipal user, string taskId, CancellationToken ct)
    {
        try
        {
            return (await access.GetVisibleAsync(user, taskId, ct)).Task;
        }
        catch (WorkflowNotFoundException)
        {
            return null;
        }
    }

    public Task<TaskAccess.Viewer> ViewerAsync(ClaimsPrincipal user, CancellationToken ct) => access.ViewerAsync(user, ct);

    public static string RequireReason(string? reason, string field = "reason")
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw ApiRequestException.Invalid(field, "A reason is required.");
        }
        if (reason.Length > MaxReasonLength)
        {
            throw ApiRequestException.Invalid(field, $"The reason is longer than {MaxReasonLength} characters.");
        }
        return reason.Trim();
    }

    /// <summary>
    /// Writes action records (审批意见 and the other actions' lines) on the step's context, inside the step's
    /// transaction, as plain INSERTs (<see cref="RowInserter{T}"/>): every completion writes one, and nothing reads
    /// them back within the step.
    /// </summary>
    public static async Task WriteCommentsAsync(DbContext stepDb, IEnumerable<TaskComment> comments, CancellationToken ct)
    {
        foreach (var comment in comments)
        {
            await RowInserter<TaskComment>.InsertAsync(stepDb, comment, ct);
        }
    }

    public static TaskComment Comment(TaskInfo task, string author, TaskActionKind kind, string? message, DateTimeOffset at) => new()
    {
        TaskId = task.Id,
        InstanceId = task.InstanceId,
        ElementId = task.ElementId,
        TaskName = task.Name,
        ProcessKey = task.ProcessKey,
        BusinessKey = task.BusinessKey,
        Author = author,
        Kind = kind,
        Message = message,
        CreatedAt = at,
    };

    /// <summary>
    /// One step: history event <c>task.{kind}</c> with the reason, the task change, the comment, and
    /// <paramref name="alsoWithinStep"/> (state rows) on the step's DbContext.
    /// </summary>
    public Task RecordAsync(TaskInfo task, string actor, TaskActionKind kind, string? reason, TaskChange? change = null,
        JsonObject? data = null, Func<DbContext, TaskInfo, CancellationToken, Task>? alsoWithinStep = null, CancellationToken ct = default)
    {
        data ??= [];
        data["reason"] = reason;
        return modification.ChangeAsync(task.Id, HistoryType(kind), data, change, actor, async (stepDb, current, token) =>
        {
            await WriteCommentsAsync(stepDb, [Comment(current, actor, kind, reason, Now)], token);
            if (alsoWithinStep is not null)
            {
                await alsoWithinStep(stepDb, current, token);
            }
        }, ct);
    }

    /// <summary>The action's history type, e.g. "task.transfer".</summary>
    public static string HistoryType(TaskActionKind kind) => "task." + JsonNamingPolicyCamel(kind.ToString());

    private static string JsonNamingPolicyCamel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>The action state of a task, tracked on <paramref name="stepDb"/> (created when missing).</summary>
    public static async Task<TaskActionState> StateAsync(DbContext stepDb, TaskInfo task, CancellationToken ct)
    {
        // The step's own copy first: an earlier part of the same step may have added it, unsaved.
        var state = stepDb.Set<TaskActionState>().Local.FirstOrDefault(s => s.TaskId == task.Id)
            ?? await stepDb.Set<TaskActionState>().FirstOrDefaultAsync(s => s.TaskId == task.Id, ct);
        if (state is null)
        {
            state = new TaskActionState { TaskId = task.Id, InstanceId = task.InstanceId };
            stepDb.Add(state);
        }
        return state;
    }

    /// <summary>A user by id or user name, as the engine knows them (user name); a 400 naming the field otherwise.</summary>
    public static async Task<string> UserNameAsync(UserDirectory directory, string? idOrName, string field)
    {
        if (string.IsNullOrWhiteSpace(idOrName))
        {
            throw ApiRequestException.Invalid(field, "Choose a user.");
        }
        var user = await directory.FindAsync(idOrName.Trim())
            ?? throw ApiRequestException.Invalid(field, $"There is no user '{idOrName}'.");
        return user.UserName!;
    }
}
