using System.Text.Json.Nodes;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Engine.ExternalTasks;

/// <summary>
/// Camunda 7's external-task protocol: workers fetch and lock tasks by topic (waiting up to a timeout for one to
/// appear), then complete them, report a failure or a BPMN error, extend or give back their lock. A lock that
/// expires makes the task fetchable again; only the worker that locked a task last may complete it.
/// </summary>
public interface IExternalTaskService
{
    /// <summary>Locks up to MaxTasks fetchable tasks of the topics; with an AsyncResponseTimeout, waits that long for one.</summary>
    Task<IReadOnlyList<LockedExternalTask>> FetchAndLockAsync(FetchAndLockRequest request, CancellationToken ct = default);

    /// <summary>Locks one task by id for the worker (refused while another worker's lock holds).</summary>
    Task<LockedExternalTask> LockAsync(string id, string workerId, TimeSpan lockDuration, string? actor = null, CancellationToken ct = default);

    /// <summary>The token moves on in one step with the variables (set where they live, else on the process) and local variables.</summary>
    Task CompleteAsync(string id, string workerId, IReadOnlyDictionary<string, JsonNode?>? variables = null,
        IReadOnlyDictionary<string, JsonNode?>? localVariables = null, string? actor = null, CancellationToken ct = default);

    /// <summary>Retries left after the failure; 0 raises an incident. The task is not fetched again before the retry timeout ends.</summary>
    Task HandleFailureAsync(ExternalTaskFailure failure, CancellationToken ct = default);

    /// <summary>Throws the BPMN error at the task: an error boundary event or an enclosing catcher takes it, as for an error end event.</summary>
    Task HandleBpmnErrorAsync(string id, string workerId, string errorCode, string? errorMessage = null,
        IReadOnlyDictionary<string, JsonNode?>? variables = null, string? actor = null, CancellationToken ct = default);

    /// <summary>A new lock of <paramref name="newDuration"/> from now, for the worker that holds an unexpired lock.</summary>
    Task ExtendLockAsync(string id, string workerId, TimeSpan newDuration, string? actor = null, CancellationToken ct = default);

    /// <summary>Gives the task back: fetchable at once.</summary>
    Task UnlockAsync(string id, string? actor = null, CancellationToken ct = default);

    Task<ExternalTaskInfo?> GetAsync(string id, CancellationToken ct = default);

    Task<Page<ExternalTaskInfo>> QueryAsync(ExternalTaskQuery query, CancellationToken ct = default);
}

/// <summary>One topic of a fetch: its lock, which variables to hand out (null: all), and optional filters.</summary>
public sealed record ExternalTaskTopic(string TopicName, TimeSpan LockDuration)
{
    public IReadOnlyList<string>? Variables { get; init; }

    /// <summary>Only the activity's own variables (its input mappings), as Camunda's localVariables.</summary>
    public bool LocalVariables { get; init; }
    public string? BusinessKey { get; init; }
    public IReadOnlyList<string>? ProcessDefinitionKeys { get; init; }
}

public sealed record FetchAndLockRequest(string WorkerId, int MaxTasks, IReadOnlyList<ExternalTaskTopic> Topics)
{
    /// <summary>Topics one fetch may name: each becomes a clause of the claim.</summary>
    public const int MaxTopics = 50;

    /// <summary>The most tasks one fetch may lock, whatever the host allows.</summary>
    public const int MaxTasksLimit = 1000;

    /// <summary>Higher camunda:taskPriority first (then oldest first); otherwise oldest first.</summary>
    public bool UsePriority { get; init; } = true;

    /// <summary>How long to wait for a task when none is fetchable now (long polling); zero answers at once.</summary>
    public TimeSpan AsyncResponseTimeout { get; init; }

    /// <summary>Who asks (the signed-in user), for history.</summary>
    public string? Actor { get; init; }
}

public sealed record ExternalTaskFailure(string Id, string WorkerId, string? ErrorMessage, string? ErrorDetails, int Retries, TimeSpan RetryTimeout)
{
    public string? Actor { get; init; }
}

/// <summary>A task as the worker that locked it receives it (Camunda's LockedExternalTaskDto).</summary>
public sealed record LockedExternalTask(
    string Id, string TopicName, string WorkerId, DateTimeOffset LockExpirationTime, string ProcessInstanceId,
    string ExecutionId, string ActivityId, string ProcessDefinitionId, string ProcessDefinitionKey, string? BusinessKey,
    int? Retries, string? ErrorMessage, string? ErrorDetails, long Priority, DateTimeOffset CreateTime,
    IReadOnlyDictionary<string, JsonNode?> Variables);

/// <summary>A task as operators list it.</summary>
public sealed record ExternalTaskInfo(
    string Id, string TopicName, string? WorkerId, DateTimeOffset? LockExpirationTime, bool Locked, string ProcessInstanceId,
    string ExecutionId, string ActivityId, string ProcessDefinitionId, string ProcessDefinitionKey, string? BusinessKey,
    int? Retries, string? ErrorMessage, long Priority, DateTimeOffset CreateTime);

public sealed record ExternalTaskQuery
{
    public string? TopicName { get; init; }
    public string? ProcessInstanceId { get; init; }
    public string? WorkerId { get; init; }
    public string? ActivityId { get; init; }

    /// <summary>true: locked now; false: not locked now.</summary>
    public bool? Locked { get; init; }

    /// <summary>true: retries unset or above 0; false: no retries left (an incident).</summary>
    public bool? WithRetriesLeft { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;

    /// <summary>Camunda's paging: skip this many (then PageSize at most) instead of counting pages.</summary>
    public int? FirstResult { get; init; }
}
