using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Runtime;
using WorkflowHub.Engine.Services;
using static WorkflowHub.Engine.Persistence.SqlBatch;

namespace WorkflowHub.Engine.ExternalTasks;

/// <summary>
/// Fetch and lock with long polling. The claim is one statement — an UPDATE of the rows a sub-select picks, with
/// <c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL, so two nodes never lock the same task; on SQLite the single writer
/// orders claims. With nothing to lock, the request waits for <see cref="ExternalTaskSignal"/> (a new task on this
/// node, or another node's NOTIFY), the next lock expiry among its topics, or its timeout, whichever comes first.
/// </summary>
internal sealed partial class ExternalTaskService
{
    private const int MaxTopics = FetchAndLockRequest.MaxTopics;
    private const int MaxTasksLimit = FetchAndLockRequest.MaxTasksLimit;

    private const string T = ExternalTaskRecord.Table;
    private const string Columns = "id, topic, instance_id, token_id, element_id, definition_id, process_key, business_key, priority, " +
        "retries, worker_id, lock_expires_at, error_message, error_details, variables, local_variables, created_at";

    public async Task<IReadOnlyList<LockedExternalTask>> FetchAndLockAsync(FetchAndLockRequest request, CancellationToken ct = default)
    {
        Validate(request);
        if (request.MaxTasks == 0 || request.Topics.Count == 0)
        {
            return [];
        }
        var deadline = time.GetUtcNow() + request.AsyncResponseTimeout;
        while (true)
        {
            // Taken before looking, so a task committed between the look and the wait still wakes this request.
            var woken = signal.Next;
            var locked = await steps.RunAsync((step, token) => ClaimAsync(step, request, token), request.Actor, FailureMode.Throw, ct).ConfigureAwait(false);
            var now = time.GetUtcNow();
            if (locked.Count > 0 || now >= deadline)
            {
                return locked;
            }
            var until = deadline;
            if (await NextUnlockAsync(request, now, ct).ConfigureAwait(false) is { } unlock && unlock < until)
            {
                until = unlock;
            }
            // Measured again after the unlock query: time passed during it, and the wait ends at `until`, not later.
            var wait = until - time.GetUtcNow();
            if (wait <= TimeSpan.Zero)
            {
                continue;
            }
            using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var delay = Task.Delay(wait, time, stopDelay.Token);
            await Task.WhenAny(woken, delay).ConfigureAwait(false);
            await stopDelay.CancelAsync().ConfigureAwait(false);
            // A client that went away ends the wait here; nothing was locked for it.
            ct.ThrowIfCancellationRequested();
        }
    }

    public Task<LockedExternalTask> LockAsync(string id, string workerId, TimeSpan lockDuration, string? actor = null, CancellationToken ct = default)
    {
        RequirePositive(lockDuration, "lockDuration");
        if (string.IsNullOrWhiteSpace(workerId))
        {
            throw new WorkflowArgumentException("workerId", "The worker id is required.");
        }
        return steps.RunAsync(async (step, token) =>
        {
            var task = await FindAsync(step, id, token).ConfigureAwait(false);
            if (task.LockExpiresAt > step.Now && task.WorkerId != workerId)
            {
                throw new WorkflowConflictException($"External task '{id}' is locked by worker '{task.WorkerId}' until {task.LockExpiresAt:O}.");
            }
            if (task.Retries == 0)
            {
                throw new WorkflowConflictException($"External task '{id}' has no retries left (an incident); retry the incident first.");
            }
            task.WorkerId = workerId;
            task.LockExpiresAt = step.Now + lockDuration;
            step.Effects.History.Add(LockedHistory(task, step, workerId));
            var states = await InstanceStatesAsync(step, [task], token).ConfigureAwait(false);
            return ToLocked(task, new ExternalTaskTopic(task.Topic, lockDuration), states);
        }, actor, FailureMode.Throw, ct);
    }

    private static void Validate(FetchAndLockRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.WorkerId))
        {
            throw new WorkflowArgumentException("workerId", "The worker id is required.");
        }
        if (request.MaxTasks is < 0 or > MaxTasksLimit)
        {
            throw new WorkflowArgumentException("maxTasks", $"maxTasks must be between 0 and {MaxTasksLimit}.");
        }
        if (request.AsyncResponseTimeout < TimeSpan.Zero)
        {
            throw new WorkflowArgumentException("asyncResponseTimeout", "asyncResponseTimeout cannot be negative.");
        }
        if (request.Topics.Count > MaxTopics)
        {
            throw new WorkflowArgumentException("topics", $"A fetch names at most {MaxTopics} topics.");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < request.Topics.Count; i++)
        {
            var topic = request.Topics[i];
            if (string.IsNullOrWhiteSpace(topic.TopicName) || !seen.Add(topic.TopicName))
            {
                throw new WorkflowArgumentException($"topics[{i}].topicName", "Each topic needs a name, named once per fetch.");
            }
            RequirePositive(topic.LockDuration, $"topics[{i}].lockDuration");
        }
    }

    /// <summary>Locks what is fetchable now, in one statement, and writes "externalTask.locked" for each.</summary>
    private static async Task<IReadOnlyList<LockedExternalTask>> ClaimAsync(StepContext step, FetchAndLockRequest request, CancellationToken ct)
    {
        var now = step.Now;
        var b = new SqlBatch().Append($"UPDATE {T} SET worker_id = ").Param(request.WorkerId).Append(", lock_expires_at = CASE topic");
        foreach (var topic in request.Topics)
        {
            b.Append(" WHEN ").Param(topic.TopicName).Append(" THEN ").Param(Ms(now + topic.LockDuration));
        }
        b.Append($" END WHERE id IN (SELECT id FROM {T} WHERE (retries IS NULL OR retries > 0) AND (lock_expires_at IS NULL OR lock_expires_at <= ")
            .Param(Ms(now)).Append(") AND (");
        for (var i = 0; i < request.Topics.Count; i++)
        {
            var topic = request.Topics[i];
            b.Append(i == 0 ? "(topic = " : " OR (topic = ").Param(topic.TopicName);
            if (topic.BusinessKey is { } businessKey)
            {
                b.Append(" AND business_key = ").Param(businessKey);
            }
            if (topic.ProcessDefinitionKeys is { Count: > 0 } keys)
            {
                b.Append(" AND process_key IN (");
                for (var k = 0; k < keys.Count; k++)
                {
                    b.Append(k == 0 ? "" : ", ").Param(keys[k]);
                }
                b.Append(")");
            }
            b.Append(")");
        }
        b.Append(request.UsePriority ? ") ORDER BY priority DESC, created_at, id" : ") ORDER BY created_at, id")
            .Limit(request.MaxTasks);
        if (ExternalTaskWaits.IsPostgres(step))
        {
            b.Append(" FOR UPDATE SKIP LOCKED");
        }
        b.Append($") RETURNING {Columns}");
        var rows = await step.Session.QueryListAsync(b, Read, ct).ConfigureAwait(false);
        IEnumerable<ExternalTaskRecord> ordered = request.UsePriority
            ? rows.OrderByDescending(r => r.Priority).ThenBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal)
            : rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal);
        var topics = request.Topics.ToDictionary(t => t.TopicName, StringComparer.Ordinal);
        var states = await InstanceStatesAsync(step, rows, ct).ConfigureAwait(false);
        var locked = new List<LockedExternalTask>(rows.Count);
        foreach (var row in ordered)
        {
            step.Effects.History.Add(LockedHistory(row, step, request.WorkerId));
            locked.Add(ToLocked(row, topics[row.Topic], states));
        }
        return locked;
    }

    /// <summary>
    /// The current state of the instances the locked tasks belong to, read in one statement inside the claiming step:
    /// a worker gets the variables as they are when it fetches (as in Camunda), not as they were when the task was made.
    /// </summary>
    private static async Task<Dictionary<string, InstanceState>> InstanceStatesAsync(StepContext step, IReadOnlyList<ExternalTaskRecord> rows, CancellationToken ct)
    {
        var states = new Dictionary<string, InstanceState>(StringComparer.Ordinal);
        var ids = rows.Select(r => r.InstanceId).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return states;
        }
        var b = new SqlBatch().Append($"SELECT id, state FROM {EngineTables.Instances} WHERE id IN (");
        for (var i = 0; i < ids.Count; i++)
        {
            b.Append(i == 0 ? "" : ", ").Param(ids[i]);
        }
        b.Append(")");
        foreach (var (id, state) in await step.Session.QueryListAsync(b, r => (r.GetString(0), r.GetString(1)), ct).ConfigureAwait(false))
        {
            states[id] = InstanceState.Deserialize(state);
        }
        return states;
    }

    /// <summary>When the next lock among the request's topics runs out (a crashed worker's, a retry timeout), if any.</summary>
    private async Task<DateTimeOffset?> NextUnlockAsync(FetchAndLockRequest request, DateTimeOffset now, CancellationToken ct)
    {
        var names = request.Topics.Select(t => t.TopicName).ToList();
        await using var db = contexts.CreateDbContext();
        return await db.Set<ExternalTaskRecord>().AsNoTracking()
            .Where(t => names.Contains(t.Topic) && (t.Retries == null || t.Retries > 0) && t.LockExpiresAt > now)
            .MinAsync(t => t.LockExpiresAt, ct).ConfigureAwait(false);
    }

    private static HistoryEntry LockedHistory(ExternalTaskRecord row, StepContext step, string workerId) => new()
    {
        InstanceId = row.InstanceId,
        ProcessKey = row.ProcessKey,
        Timestamp = step.Now,
        Type = ExternalTaskWaits.LockedEvent,
        ElementId = row.ElementId,
        TokenId = row.TokenId,
        Actor = step.Actor,
        Data = new JsonObject
        {
            ["externalTaskId"] = row.Id,
            ["topic"] = row.Topic,
            ["workerId"] = workerId,
            ["lockExpirationTime"] = row.LockExpiresAt?.ToString("O", CultureInfo.InvariantCulture),
        },
    };

    /// <summary>
    /// The task as its worker receives it: the variables the topic asks for (all, when it names none), as the instance
    /// holds them now: every variable the task's token sees, or with localVariables only the activity's own.
    /// </summary>
    private static LockedExternalTask ToLocked(ExternalTaskRecord row, ExternalTaskTopic topic, IReadOnlyDictionary<string, InstanceState> states)
    {
        IEnumerable<KeyValuePair<string, JsonNode?>> all;
        if (states.TryGetValue(row.InstanceId, out var state) && state.Find(row.TokenId) is { } token)
        {
            all = topic.LocalVariables ? token.Variables ?? new Dictionary<string, JsonNode?>() : state.VisibleVariables(token);
        }
        else
        {
            // The row outlived its token (it goes in the same step, so only a hand-edited database gets here): what it recorded.
            var source = topic.LocalVariables ? row.LocalVariables : row.Variables;
            all = source is null ? new JsonObject() : JsonNode.Parse(source)?.AsObject() ?? new JsonObject();
        }
        var variables = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, value) in all)
        {
            if (topic.Variables is null || topic.Variables.Contains(name, StringComparer.Ordinal))
            {
                variables[name] = value?.DeepClone();
            }
        }
        return new LockedExternalTask(row.Id, row.Topic, row.WorkerId!, row.LockExpiresAt!.Value, row.InstanceId, row.TokenId,
            row.ElementId, row.DefinitionId, row.ProcessKey, row.BusinessKey, row.Retries, row.ErrorMessage, row.ErrorDetails,
            row.Priority, row.CreatedAt, variables);
    }

    private static ExternalTaskRecord Read(DbDataReader r) => new()
    {
        Id = r.GetString(0),
        Topic = r.GetString(1),
        InstanceId = r.GetString(2),
        TokenId = r.GetString(3),
        ElementId = r.GetString(4),
        DefinitionId = r.GetString(5),
        ProcessKey = r.GetString(6),
        BusinessKey = r.IsDBNull(7) ? null : r.GetString(7),
        Priority = Convert.ToInt64(r.GetValue(8), CultureInfo.InvariantCulture),
        Retries = r.IsDBNull(9) ? null : Convert.ToInt32(r.GetValue(9), CultureInfo.InvariantCulture),
        WorkerId = r.IsDBNull(10) ? null : r.GetString(10),
        LockExpiresAt = r.IsDBNull(11) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(r.GetValue(11), CultureInfo.InvariantCulture)),
        ErrorMessage = r.IsDBNull(12) ? null : r.GetString(12),
        ErrorDetails = r.IsDBNull(13) ? null : r.GetString(13),
        Variables = r.GetString(14),
        LocalVariables = r.IsDBNull(15) ? null : r.GetString(15),
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(r.GetValue(16), CultureInfo.InvariantCulture)),
    };
}
