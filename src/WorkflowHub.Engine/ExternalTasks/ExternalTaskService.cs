using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Runtime;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Engine.ExternalTasks;

/// <summary>
/// What a worker does with a task it locked, each as one engine step: complete, failure, BPMN error, extend the lock,
/// unlock. Fetching and waiting are in <c>ExternalTaskService.Fetch.cs</c>.
/// </summary>
internal sealed partial class ExternalTaskService(
    StepRunner steps,
    IEngineDbContextFactory contexts,
    ExternalTaskSignal signal,
    TimeProvider time) : IExternalTaskService
{
    public Task CompleteAsync(string id, string workerId, IReadOnlyDictionary<string, JsonNode?>? variables = null,
        IReadOnlyDictionary<string, JsonNode?>? localVariables = null, string? actor = null, CancellationToken ct = default) =>
        steps.RunAsync(async (step, token) =>
        {
            var (task, x, waiter) = await LoadOwnedAsync(step, id, workerId, token).ConfigureAwait(false);
            foreach (var (name, value) in localVariables ?? new Dictionary<string, JsonNode?>())
            {
                x.SetLocalVariable(waiter, name, value?.DeepClone());
            }
            x.ResolveIncident(waiter);
            x.History(ExternalTaskWaits.CompletedEvent, waiter, x.Model.GetNode(task.ElementId), data: Event(task, workerId));
            await x.TriggerAsync(waiter, new ExternalTaskCompleted(task.ElementId) { Variables = variables }, token).ConfigureAwait(false);
            return true;
        }, actor, FailureMode.Incident, ct);

    public Task HandleFailureAsync(ExternalTaskFailure failure, CancellationToken ct = default)
    {
        if (failure.RetryTimeout < TimeSpan.Zero)
        {
            throw new WorkflowArgumentException("retryTimeout", "The retry timeout cannot be negative.");
        }
        return steps.RunAsync(async (step, token) =>
        {
            var (task, x, waiter) = await LoadOwnedAsync(step, failure.Id, failure.WorkerId, token).ConfigureAwait(false);
            var node = x.Model.GetNode(task.ElementId);
            task.Retries = Math.Max(0, failure.Retries);
            task.ErrorMessage = Truncate(failure.ErrorMessage, ExternalTaskRecord.ErrorMessageMaxLength);
            task.ErrorDetails = failure.ErrorDetails;
            // As in Camunda: the task stays locked for the retry timeout, then any worker may fetch it again.
            task.LockExpiresAt = failure.RetryTimeout > TimeSpan.Zero ? step.Now + failure.RetryTimeout : null;
            var data = Event(task, failure.WorkerId);
            data["retries"] = task.Retries;
            data["errorMessage"] = task.ErrorMessage;
            x.History(ExternalTaskWaits.FailedEvent, waiter, node, data: data);
            if (task.Retries == 0 && waiter.IncidentId is null)
            {
                x.RaiseIncident(waiter, node, null, ExternalTaskWaits.IncidentKind,
                    $"{node}: the external worker '{failure.WorkerId}' failed and no retries are left: {failure.ErrorMessage ?? "(no message)"}", jobId: null);
            }
            else if (task.Retries > 0 && task.LockExpiresAt is null)
            {
                await ExternalTaskWaits.AnnounceAsync(step, signal, task.Topic, token).ConfigureAwait(false);
            }
            return true;
        }, failure.Actor, FailureMode.Throw, ct);
    }

    public Task HandleBpmnErrorAsync(string id, string workerId, string errorCode, string? errorMessage = null,
        IReadOnlyDictionary<string, JsonNode?>? variables = null, string? actor = null, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(errorCode))
        {
            throw new WorkflowArgumentException("errorCode", "The error code is required.");
        }
        return steps.RunAsync(async (step, token) =>
        {
            var (task, x, waiter) = await LoadOwnedAsync(step, id, workerId, token).ConfigureAwait(false);
            var data = Event(task, workerId);
            data["errorCode"] = errorCode;
            x.History(ExternalTaskWaits.BpmnErrorEvent, waiter, x.Model.GetNode(task.ElementId), data: data);
            x.MarkDirty();
            x.SetVariables(waiter, variables);
            x.ResolveIncident(waiter);
            x.ThrowError(waiter, errorCode, errorMessage);
            return true;
        }, actor, FailureMode.Incident, ct);
    }

    public Task ExtendLockAsync(string id, string workerId, TimeSpan newDuration, string? actor = null, CancellationToken ct = default)
    {
        RequirePositive(newDuration, "newDuration");
        return steps.RunAsync(async (step, token) =>
        {
            var task = await FindAsync(step, id, token).ConfigureAwait(false);
            RequireWorker(task, workerId);
            if (task.LockExpiresAt is not { } expires || expires <= step.Now)
            {
                throw new WorkflowConflictException($"The lock of external task '{id}' has expired and cannot be extended; fetch it again.");
            }
            task.LockExpiresAt = step.Now + newDuration;
            return true;
        }, actor, FailureMode.Throw, ct);
    }

    public Task UnlockAsync(string id, string? actor = null, CancellationToken ct = default) =>
        steps.RunAsync(async (step, token) =>
        {
            var task = await FindAsync(step, id, token).ConfigureAwait(false);
            task.WorkerId = null;
            task.LockExpiresAt = null;
            await ExternalTaskWaits.AnnounceAsync(step, signal, task.Topic, token).ConfigureAwait(false);
            return true;
        }, actor, FailureMode.Throw, ct);

    public async Task<ExternalTaskInfo?> GetAsync(string id, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var row = await db.Set<ExternalTaskRecord>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct).ConfigureAwait(false);
        return row is null ? null : ToInfo(row, time.GetUtcNow());
    }

    public async Task<Page<ExternalTaskInfo>> QueryAsync(ExternalTaskQuery query, CancellationToken ct = default)
    {
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        var now = time.GetUtcNow();
        await using var db = contexts.CreateDbContext();
        var q = db.Set<ExternalTaskRecord>().AsNoTracking();
        if (query.TopicName is { } topic)
        {
            q = q.Where(t => t.Topic == topic);
        }
        if (query.ProcessInstanceId is { } instance)
        {
            q = q.Where(t => t.InstanceId == instance);
        }
        if (query.WorkerId is { } worker)
        {
            q = q.Where(t => t.WorkerId == worker);
        }
        if (query.ActivityId is { } activity)
        {
            q = q.Where(t => t.ElementId == activity);
        }
        if (query.Locked is { } locked)
        {
            q = locked ? q.Where(t => t.LockExpiresAt > now) : q.Where(t => t.LockExpiresAt == null || t.LockExpiresAt <= now);
        }
        if (query.WithRetriesLeft is { } left)
        {
            q = left ? q.Where(t => t.Retries == null || t.Retries > 0) : q.Where(t => t.Retries == 0);
        }
        if (query.FirstResult is < 0)
        {
            throw new WorkflowArgumentException("firstResult", "firstResult cannot be negative.");
        }
        var skip = query.FirstResult ?? (page - 1) * size;
        var rows = await q.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).Skip(skip).Take(size).ToListAsync(ct).ConfigureAwait(false);
        var total = query.FirstResult is null
            ? await Paging.TotalAsync(q, rows.Count, page, size, ct).ConfigureAwait(false)
            : await q.CountAsync(ct).ConfigureAwait(false);
        return new Page<ExternalTaskInfo>(rows.Select(r => ToInfo(r, now)).ToList(), total, page, size);
    }

    /// <summary>The task (tracked, so the step's changes to it are saved), its instance and the token waiting on it.</summary>
    private static async Task<(ExternalTaskRecord Task, ProcessExecution Instance, Token Waiter)> LoadOwnedAsync(
        StepContext step, string id, string workerId, CancellationToken ct)
    {
        var task = await FindAsync(step, id, ct).ConfigureAwait(false);
        RequireWorker(task, workerId);
        var x = await step.GetInstanceAsync(task.InstanceId, ct).ConfigureAwait(false);
        var waiter = x?.FindToken(task.TokenId);
        if (x is null || waiter is null || waiter.ExternalTaskId != id)
        {
            throw NotFound(id);
        }
        return (task, x, waiter);
    }

    private static async Task<ExternalTaskRecord> FindAsync(StepContext step, string id, CancellationToken ct) =>
        await step.Db.Set<ExternalTaskRecord>().FirstOrDefaultAsync(t => t.Id == id, ct).ConfigureAwait(false) ?? throw NotFound(id);

    /// <summary>Camunda's rule: only the worker that locked the task last may act on it, even after its lock expired.</summary>
    private static void RequireWorker(ExternalTaskRecord task, string workerId)
    {
        if (string.IsNullOrWhiteSpace(workerId))
        {
            throw new WorkflowArgumentException("workerId", "The worker id is required.");
        }
        if (task.WorkerId != workerId)
        {
            throw new WorkflowConflictException(task.WorkerId is null
                ? $"External task '{task.Id}' is not locked by worker '{workerId}': no worker holds it."
                : $"External task '{task.Id}' is locked by worker '{task.WorkerId}', not by '{workerId}'.");
        }
    }

    private static void RequirePositive(TimeSpan duration, string field)
    {
        if (duration <= TimeSpan.Zero)
        {
            throw new WorkflowArgumentException(field, $"{field} must be a positive number of milliseconds.");
        }
    }

    private static WorkflowNotFoundException NotFound(string id) => new($"External task '{id}' does not exist.");

    private static JsonObject Event(ExternalTaskRecord task, string workerId) =>
        new() { ["externalTaskId"] = task.Id, ["topic"] = task.Topic, ["workerId"] = workerId };

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..max];

    private static ExternalTaskInfo ToInfo(ExternalTaskRecord r, DateTimeOffset now) => new(
        r.Id, r.Topic, r.WorkerId, r.LockExpiresAt, r.LockExpiresAt > now, r.InstanceId, r.TokenId, r.ElementId, r.DefinitionId,
        r.ProcessKey, r.BusinessKey, r.Retries, r.ErrorMessage, r.Priority, r.CreatedAt);
}

/// <summary>A worker completed the external task the token waited on.</summary>
internal sealed record ExternalTaskCompleted(string ElementId) : Trigger(ElementId);
