namespace WorkflowHub.Engine.Persistence;

/// <summary>One deployed version of one process key, with the XML it was compiled from.</summary>
public sealed class ProcessDefinitionRecord
{
    public required string Id { get; set; }
    public required string Key { get; set; }
    public int Version { get; set; }
    public string? Name { get; set; }
    public required string ContentHash { get; set; }
    public required string Xml { get; set; }
    public required string ResourceName { get; set; }
    public required string DeploymentId { get; set; }
    public DateTimeOffset DeployedAt { get; set; }
    public string? DeployedBy { get; set; }
}

public enum InstanceStatus
{
    Running = 0,
    Completed = 1,
    Cancelled = 2,
}

/// <summary>
/// A process instance: its token tree, variables and join state travel as one JSON document
/// (<see cref="State"/>) guarded by <see cref="Revision"/>, the optimistic-concurrency token.
/// </summary>
public sealed class ProcessInstanceRecord
{
    public required string Id { get; set; }
    public required string DefinitionId { get; set; }
    public required string ProcessKey { get; set; }
    public int ProcessVersion { get; set; }
    public string? BusinessKey { get; set; }
    public InstanceStatus Status { get; set; }
    public required string State { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? StartedBy { get; set; }
    public string? SuperInstanceId { get; set; }
    public string? SuperTokenId { get; set; }
}

/// <summary>An open user task. Completed tasks leave this table; their story stays in history.</summary>
public sealed class UserTaskRecord
{
    public required string Id { get; set; }
    public required string InstanceId { get; set; }
    public required string TokenId { get; set; }
    public required string ElementId { get; set; }
    public string? Name { get; set; }
    public required string ProcessKey { get; set; }
    public string? BusinessKey { get; set; }
    public string? Assignee { get; set; }
    /// <summary>Comma-joined, for display; queries use <see cref="TaskCandidateRecord"/>.</summary>
    public string? CandidateUsers { get; set; }
    public string? CandidateGroups { get; set; }
    public DateTimeOffset? DueDate { get; set; }
    public DateTimeOffset? FollowUpDate { get; set; }
    public int Priority { get; set; }
    public string? FormKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public string? ClaimedBy { get; set; }
}

public enum CandidateKind
{
    User = 0,
    Group = 1,
}

/// <summary>One candidate user or group of an open task, so that "tasks I may take" is an indexed query.</summary>
public sealed class TaskCandidateRecord
{
    public required string TaskId { get; set; }
    public CandidateKind Kind { get; set; }
    public required string Value { get; set; }
}

public enum JobKind
{
    /// <summary>A timer of an intermediate catch, boundary or event-based gateway branch.</summary>
    Timer = 0,
    /// <summary>A timer start event of a deployed definition.</summary>
    TimerStart = 1,
    /// <summary>asyncBefore / asyncAfter continuation.</summary>
    Continuation = 2,
}

/// <summary>
/// A job: something to do at <see cref="DueAt"/> (timers, async continuations). Acquired under a lease
/// (<see cref="LeaseOwner"/>, <see cref="LeaseExpiresAt"/>) and deleted in the transaction that runs it.
/// </summary>
public sealed class JobRecord
{
    public required string Id { get; set; }
    public JobKind Kind { get; set; }
    public string? InstanceId { get; set; }
    public string? TokenId { get; set; }
    public required string ElementId { get; set; }
    public string? DefinitionId { get; set; }
    public DateTimeOffset DueAt { get; set; }
    /// <summary>Timer cycles: how many firings remain (-1 unbounded) and the cycle text; continuations: before/after.</summary>
    public string? Payload { get; set; }
    public int RetriesLeft { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>Set when retries ran out: the job waits for an operator's retry instead of the clock.</summary>
    public bool Suspended { get; set; }
}

public enum SubscriptionKind
{
    /// <summary>A waiting token of an instance (receive task, message catch, message boundary, event-based branch).</summary>
    Message = 0,
    /// <summary>A message start event of the latest version of a definition.</summary>
    MessageStart = 1,
    /// <summary>A waiting token for a signal (catch event, boundary event); the name is in message_name.</summary>
    Signal = 2,
    /// <summary>A signal start event of the latest version of a definition.</summary>
    SignalStart = 3,
    /// <summary>A conditional start event of the latest version of a definition; message_name holds the process key.</summary>
    ConditionalStart = 4,
}

/// <summary>Who waits for a message of a given name: a token of an instance, or a definition's start event.</summary>
public sealed class MessageSubscriptionRecord
{
    public required string Id { get; set; }
    public SubscriptionKind Kind { get; set; }
    public required string MessageName { get; set; }
    public string? InstanceId { get; set; }
    public string? BusinessKey { get; set; }
    public string? TokenId { get; set; }
    public required string ElementId { get; set; }
    public string? DefinitionId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A failure that stopped a token: an expression, handler or job that failed. Retry re-runs from the token.</summary>
public sealed class IncidentRecord
{
    public required string Id { get; set; }
    public required string InstanceId { get; set; }
    public required string TokenId { get; set; }
    public required string ElementId { get; set; }
    public required string ProcessKey { get; set; }
    public required string Kind { get; set; }
    public required string Message { get; set; }
    public string? JobId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
}

/// <summary>
/// The history one step wrote for one instance, appended once: its events (instance, activity, task, variable,
/// incident) as a JSON array in the order they happened, all at the step's time and by the step's actor. One row
/// per step instead of one per event keeps the write path short; the history queries unfold the events.
/// </summary>
public sealed class HistoryRecord
{
    public long Id { get; set; }
    public required string InstanceId { get; set; }
    public required string ProcessKey { get; set; }
    public DateTimeOffset Timestamp { get; set; }
    public string? Actor { get; set; }
    /// <summary>How many events <see cref="Events"/> holds, so that pages of events need no JSON in SQL.</summary>
    public int EventCount { get; set; }
    /// <summary>[{"type", "elementId", "elementType", "tokenId", "taskId", "data"}, ...], absent members being null.</summary>
    public required string Events { get; set; }
}
