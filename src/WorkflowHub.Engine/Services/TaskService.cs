using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Runtime;

namespace WorkflowHub.Engine.Services;

internal sealed class TaskService(StepRunner steps, StepConnections connections, IEngineDbContextFactory contexts, DefinitionCache definitions) : ITaskService
{
    public async Task<TaskForm?> GetFormAsync(string taskId, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var row = await db.Set<UserTaskRecord>().AsNoTracking().Where(t => t.Id == taskId)
            .Join(db.Set<ProcessInstanceRecord>(), t => t.InstanceId, i => i.Id, (t, i) => new { t.ElementId, t.FormKey, i.DefinitionId })
            .FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }
        var model = await definitions.GetAsync(db, row.DefinitionId, ct).ConfigureAwait(false);
        return new TaskForm(taskId, row.FormKey, model.Nodes.GetValueOrDefault(row.ElementId)?.FormFields ?? []);
    }

    public async Task<Page<TaskInfo>> QueryAsync(TaskQuery query, CancellationToken ct = default)
    {
        var (page, size) = Paging.Normalize(query.PageNumber, query.PageSize);
        var (rows, total) = await connections.ReadAsync((session, token) => TaskQuerySql.RunAsync(session, query, page, size, token), ct).ConfigureAwait(false);
        return new Page<TaskInfo>(rows.Select(ToInfo).ToList(), total, page, size);
    }

    public async Task<TaskInfo?> GetAsync(string taskId, CancellationToken ct = default)
    {
        var row = await connections.ReadAsync((session, token) => ReadStore.TaskAsync(session, taskId, token), ct).ConfigureAwait(false);
        return row is null ? null : ToInfo(row);
    }

    /// <summary>Takes a task for oneself; only an unassigned task (or one already one's own) can be claimed.</summary>
    public Task ClaimAsync(string taskId, string userId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        return ChangeAssigneeAsync(taskId, userId, userId, HistoryTypes.TaskClaimed, requireFree: true, ct);
    }

    public Task UnclaimAsync(string taskId, string? actor = null, CancellationToken ct = default) =>
        ChangeAssigneeAsync(taskId, null, actor, HistoryTypes.TaskUnclaimed, requireFree: false, ct);

    public Task AssignAsync(string taskId, string? userId, string? actor = null, CancellationToken ct = default) =>
        ChangeAssigneeAsync(taskId, string.IsNullOrWhiteSpace(userId) ? null : userId, actor, HistoryTypes.TaskAssigned, requireFree: false, ct);

    public Task CompleteAsync(string taskId, IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonNode?>? variables = null,
        string? actor = null, string? comment = null, CancellationToken ct = default) =>
        steps.RunAsync(async (step, token) =>
        {
            var (task, record) = await InstanceStore.LoadTaskWithInstanceAsync(step, taskId, token).ConfigureAwait(false) ?? throw NotFound(taskId);
            var x = await step.AdoptAsync(record, token).ConfigureAwait(false);
            var waiter = x.FindToken(task.TokenId);
            if (waiter is null || waiter.TaskId != taskId)
            {
                throw NotFound(taskId);
            }
            await x.TriggerAsync(waiter, new TaskCompleted(task.ElementId, taskId) { Variables = variables, Comment = comment }, token).ConfigureAwait(false);
            return true;
        }, actor, FailureMode.Incident, ct);

    /// <summary>Assignment task listeners; the instance is read only when the task's definition has task listeners.</summary>
    private static async Task NotifyAssignmentAsync(StepContext step, UserTaskRecord task, CancellationToken ct)
    {
        var x = await step.GetInstanceAsync(task.InstanceId, ct).ConfigureAwait(false);
        if (x?.Model.Nodes.GetValueOrDefault(task.ElementId) is { Listeners.Count: > 0 } node && x.FindToken(task.TokenId) is { } waiter)
        {
            x.Notify(waiter, node, node.Listeners, taskListeners: true, "assignment");
        }
    }

    private Task ChangeAssigneeAsync(string taskId, string? assignee, string? actor, string historyType, bool requireFree, CancellationToken ct) =>
        steps.RunAsync(async (step, token) =>
        {
            var task = await InstanceStore.LoadTaskAsync(step, taskId, token).ConfigureAwait(false) ?? throw NotFound(taskId);
            if (requireFree && task.Assignee is not null && task.Assignee != assignee)
            {
                throw new WorkflowConflictException($"Task '{taskId}' is already claimed by '{task.Assignee}'.");
            }
            var sql = new SqlBatch().Append($"UPDATE {EngineTables.Tasks} SET assignee = ").Param(assignee)
                .Append(", claimed_at = ").Param(assignee is null ? null : SqlBatch.Ms(step.Now))
                .Append(", claimed_by = ").Param(assignee)
                .Append(" WHERE id = ").Param(taskId);
            if (requireFree)
            {
                sql.Append(" AND (assignee IS NULL OR assignee = ").Param(assignee).Append(")");
            }
            await step.Session.ExecuteAsync(sql, token).ConfigureAwait(false);
            if (sql.Statements[0].RecordsAffected == 0)
            {
                throw new WorkflowConflictException($"Task '{taskId}' was claimed by someone else meanwhile.");
            }
            step.Effects.History.Add(new HistoryEntry
            {
                InstanceId = task.InstanceId,
                ProcessKey = task.ProcessKey,
                Timestamp = step.Now,
                Type = historyType,
                ElementId = task.ElementId,
                TokenId = task.TokenId,
                TaskId = taskId,
                Actor = actor,
                Data = new System.Text.Json.Nodes.JsonObject { ["assignee"] = assignee, ["previous"] = task.Assignee },
            });
            if (assignee is not null)
            {
                await NotifyAssignmentAsync(step, task, token).ConfigureAwait(false);
            }
            return true;
        }, actor, FailureMode.Throw, ct);

    private static WorkflowNotFoundException NotFound(string taskId) => new($"Task '{taskId}' does not exist or is already completed.");

    internal static TaskInfo ToInfo(UserTaskRecord t) => new(
        t.Id, t.InstanceId, t.ElementId, t.Name, t.ProcessKey, t.BusinessKey, t.Assignee,
        Split(t.CandidateUsers), Split(t.CandidateGroups), t.DueDate, t.FollowUpDate, t.Priority, t.FormKey, t.CreatedAt, t.ClaimedAt);

    private static string[] Split(string? joined) =>
        string.IsNullOrEmpty(joined) ? [] : joined.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
