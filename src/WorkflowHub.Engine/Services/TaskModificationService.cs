using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Runtime;

namespace WorkflowHub.Engine.Services;

/// <summary>What one task action changes on an open task, besides the history event it writes.</summary>
public sealed record TaskChange
{
    /// <summary>Set the assignee (null: leave it; an empty string unassigns).</summary>
    public string? Assignee { get; init; }

    /// <summary>Move the due date; the task's timer boundary events move by the same amount (they are measured from it).</summary>
    public DateTimeOffset? DueDate { get; init; }

    /// <summary>Offer the task to this group alone instead (unassigned; the former candidates are dropped).</summary>
    public string? CandidateGroup { get; init; }
}

/// <summary>
/// The engine side of the task actions Chinese offices use (转办, 委派, 延期, 退回, 撤回...): a task change or a token
/// move written as one step with its own history event, and host work (comments, action records) in the same
/// transaction. <see cref="MoveAsync"/> is an instance modification (cancel the tasks, start before the target) made
/// through the same token surgery as <see cref="IInstanceModificationService"/>, with the task action's own history.
/// </summary>
public interface ITaskModificationService
{
    /// <summary>Writes <paramref name="historyType"/> on an open task, applies <paramref name="change"/>, and runs
    /// <paramref name="withinStep"/> on the step's DbContext.</summary>
    Task ChangeAsync(string taskId, string historyType, JsonObject? data, TaskChange? change, string actor,
        Func<DbContext, TaskInfo, CancellationToken, Task>? withinStep, CancellationToken ct = default);

    /// <summary>
    /// Completes an open task as <see cref="ITaskService.CompleteAsync"/> does, and runs <paramref name="withinStep"/>
    /// on the step's DbContext first, so the host's rows (the opinion in the task's record) commit with the completion.
    /// Answers the instance's status as the step committed it: a caller that shows what comes next need not read an
    /// instance that has ended (it has no open tasks).
    /// </summary>
    Task<InstanceStatus> CompleteAsync(string taskId, IReadOnlyDictionary<string, JsonNode?>? variables, string? actor, string? comment,
        Func<DbContext, TaskInfo, CancellationToken, Task>? withinStep, CancellationToken ct = default);

    /// <summary>
    /// Cancels the open tasks of <paramref name="cancelTaskIds"/> and starts a token before <paramref name="targetElementId"/>
    /// in the same scope (its boundary timers start again); the new task goes to <paramref name="newAssignee"/> when given.
    /// Answers the new task's id, if the target is a user task.
    /// </summary>
    Task<string?> MoveAsync(string instanceId, IReadOnlyCollection<string> cancelTaskIds, string targetElementId, string? newAssignee,
        string historyType, JsonObject? data, string actor, Func<DbContext, CancellationToken, Task>? withinStep, CancellationToken ct = default);

    /// <summary>The user tasks of the instance's model that can reach <paramref name="elementId"/> along sequence flows
    /// within the same scope (the candidates for 退回).</summary>
    Task<IReadOnlyList<(string ElementId, string? Name)>> UpstreamUserTasksAsync(string instanceId, string elementId, CancellationToken ct = default);
}

internal sealed class TaskModificationService(StepRunner steps, DefinitionCache definitions, IEngineDbContextFactory contexts) : ITaskModificationService
{
    public Task ChangeAsync(string taskId, string historyType, JsonObject? data, TaskChange? change, string actor,
        Func<DbContext, TaskInfo, CancellationToken, Task>? withinStep, CancellationToken ct = default) =>
        steps.RunAsync(async (step, token) =>
        {
            var task = await step.Db.Set<UserTaskRecord>().FirstOrDefaultAsync(t => t.Id == taskId, token).ConfigureAwait(false)
                ?? throw new WorkflowNotFoundException($"Task '{taskId}' does not exist or is already completed.");
            if (change?.Assignee is { } assignee)
            {
                task.Assignee = assignee.Length == 0 ? null : assignee;
                task.ClaimedAt = task.Assignee is null ? null : step.Now;
                task.ClaimedBy = task.Assignee;
            }
            if (change?.CandidateGroup is { } group)
            {
                task.Assignee = null;
                task.ClaimedAt = null;
                task.ClaimedBy = null;
                task.CandidateUsers = null;
                task.CandidateGroups = group;
                var candidates = step.Db.Set<TaskCandidateRecord>();
                var existing = await candidates.Where(c => c.TaskId == taskId).ToListAsync(token).ConfigureAwait(false);
                candidates.RemoveRange(existing.Where(c => c.Kind != CandidateKind.Group || c.Value != group));
                if (!existing.Any(c => c.Kind == CandidateKind.Group && c.Value == group))
                {
                    candidates.Add(new TaskCandidateRecord { TaskId = taskId, Kind = CandidateKind.Group, Value = group });
                }
            }
            if (change?.DueDate is { } due)
            {
                var shift = task.DueDate is { } old ? due - old : TimeSpan.Zero;
                task.DueDate = due;
                if (shift != TimeSpan.Zero)
                {
                    var timers = await step.Db.Set<JobRecord>()
                        .Where(j => j.TokenId == task.TokenId && j.InstanceId == task.InstanceId && j.Kind == JobKind.Timer)
                        .ToListAsync(token).ConfigureAwait(false);
                    timers.ForEach(j => j.DueAt += shift);
                }
            }
            step.Effects.History.Add(Entry(task.InstanceId, task.ProcessKey, step, historyType, task.ElementId, task.TokenId, taskId, data));
            if (withinStep is not null)
            {
                await withinStep(step.Db, TaskService.ToInfo(task), token).ConfigureAwait(false);
            }
            return true;
        }, actor, FailureMode.Throw, ct);

    public async Task<InstanceStatus> CompleteAsync(string taskId, IReadOnlyDictionary<string, JsonNode?>? variables, string? actor, string? comment,
        Func<DbContext, TaskInfo, CancellationToken, Task>? withinStep, CancellationToken ct = default)
    {
        var execution = await steps.RunAsync(async (step, token) =>
        {
            var (task, record) = await InstanceStore.LoadTaskWithInstanceAsync(step, taskId, token).ConfigureAwait(false)
                ?? throw new WorkflowNotFoundException($"Task '{taskId}' does not exist or is already completed.");
            var x = await step.AdoptAsync(record, token).ConfigureAwait(false);
            var waiter = x.FindToken(task.TokenId);
            if (waiter is null || waiter.TaskId != taskId)
            {
                throw new WorkflowNotFoundException($"Task '{taskId}' does not exist or is already completed.");
            }
            if (withinStep is not null)
            {
                await withinStep(step.Db, TaskService.ToInfo(task), token).ConfigureAwait(false);
            }
            await x.TriggerAsync(waiter, new TaskCompleted(task.ElementId, taskId) { Variables = variables, Comment = comment }, token).ConfigureAwait(false);
            return x;
        }, actor, FailureMode.Incident, ct).ConfigureAwait(false);
        // Read once the step has committed: its agenda runs at the flush, after the command, and may end the instance.
        return execution.Record.Status;
    }

    public Task<string?> MoveAsync(string instanceId, IReadOnlyCollection<string> cancelTaskIds, string targetElementId, string? newAssignee,
        string historyType, JsonObject? data, string actor, Func<DbContext, CancellationToken, Task>? withinStep, CancellationToken ct = default) =>
        steps.RunAsync<string?>(async (step, token) =>
        {
            var x = await step.GetInstanceAsync(instanceId, token).ConfigureAwait(false)
                ?? throw new WorkflowNotFoundException($"Process instance '{instanceId}' does not exist.");
            if (x.Record.Status != InstanceStatus.Running)
            {
                throw new WorkflowConflictException($"Process instance '{instanceId}' is not running.");
            }
            if (!x.Model.Nodes.TryGetValue(targetElementId, out var target))
            {
                throw new WorkflowArgumentException("targetElementId", $"The process has no element '{targetElementId}'.");
            }
            var cancelled = x.State.Tokens.Where(t => t.TaskId is not null && cancelTaskIds.Contains(t.TaskId)).ToList();
            if (cancelled.Count != cancelTaskIds.Count)
            {
                throw new WorkflowConflictException("A task to cancel is no longer open; reload and try again.");
            }
            var parentIds = cancelled.Select(t => t.ParentId).Distinct().ToList();
            if (parentIds.Count != 1 || cancelled.Any(t => x.Model.GetNode(t.ElementId).Scope != target.Scope))
            {
                throw new WorkflowArgumentException("targetElementId", $"'{targetElementId}' is not in the same scope as the tasks it replaces.");
            }
            x.History(historyType, node: target, data: data);
            cancelled.ForEach(t => InstanceModifier.Cancel(x, t));
            var moved = InstanceModifier.StartBefore(x, target, parentIds[0], "targetElementId");
            await step.RunAgendaAsync(token).ConfigureAwait(false);
            var created = step.Effects.NewTasks.FirstOrDefault(t => t.TokenId == moved.Id);
            if (created is not null && !string.IsNullOrEmpty(newAssignee))
            {
                created.Assignee = newAssignee;
                created.ClaimedAt = step.Now;
                created.ClaimedBy = newAssignee;
            }
            if (withinStep is not null)
            {
                await withinStep(step.Db, token).ConfigureAwait(false);
            }
            return created?.Id;
        }, actor, FailureMode.Incident, ct);

    public async Task<IReadOnlyList<(string ElementId, string? Name)>> UpstreamUserTasksAsync(string instanceId, string elementId, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var record = await db.Set<ProcessInstanceRecord>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == instanceId, ct).ConfigureAwait(false)
            ?? throw new WorkflowNotFoundException($"Process instance '{instanceId}' does not exist.");
        var model = await definitions.GetAsync(db, record.DefinitionId, ct).ConfigureAwait(false);
        var start = model.GetNode(elementId);
        var seen = new HashSet<string>(StringComparer.Ordinal) { start.Id };
        var queue = new Queue<FlowNode>([start]);
        var result = new List<(string, string?)>();
        while (queue.TryDequeue(out var node))
        {
            // A boundary event's flow comes from its activity, so walking back through it reaches that activity.
            var sources = node.Incoming.Select(f => f.Source).Concat(node.AttachedTo is null ? [] : [node.AttachedTo]);
            foreach (var source in sources.Where(s => s.Scope == start.Scope && seen.Add(s.Id)))
            {
                if (source.Kind == ElementKind.UserTask)
                {
                    result.Add((source.Id, source.Name));
                }
                queue.Enqueue(source);
            }
        }
        return result;
    }

    private static HistoryEntry Entry(string instanceId, string processKey, StepContext step, string type, string elementId,
        string tokenId, string taskId, JsonObject? data) => new()
    {
        InstanceId = instanceId,
        ProcessKey = processKey,
        Timestamp = step.Now,
        Type = type,
        ElementId = elementId,
        TokenId = tokenId,
        TaskId = taskId,
        Actor = step.Actor,
        Data = data,
    };
}
