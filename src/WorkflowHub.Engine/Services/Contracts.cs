using System.Text.Json.Nodes;
using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Persistence;

namespace WorkflowHub.Engine.Services;

public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);

public sealed record DeployedProcess(string Id, string Key, int Version, string? Name, bool IsNew);

public sealed record DeploymentResult(string DeploymentId, IReadOnlyList<DeployedProcess> Processes, IReadOnlyList<BpmnProblem> Warnings);

public sealed record DefinitionInfo(string Id, string Key, int Version, string? Name, string ResourceName, DateTimeOffset DeployedAt, string? DeployedBy);

public sealed record StartRequest(string ProcessKey, string? BusinessKey = null, IReadOnlyDictionary<string, JsonNode?>? Variables = null, string? Actor = null, int? Version = null);

public sealed record CorrelationRequest(string MessageName, string? BusinessKey = null, IReadOnlyDictionary<string, JsonNode?>? Variables = null, bool All = false, string? Actor = null)
{
    /// <summary>
    /// Host rows that must commit or roll back with the correlation (e.g. an idempotency record): asked for once the
    /// correlation is known, and written in the same batch as the step's own rows (one round trip on PostgreSQL).
    /// A statement whose <see cref="StepStatement.ExpectedRows"/> does not match abandons the step.
    /// </summary>
    public Func<CorrelationResult, IReadOnlyList<StepStatement>>? AlsoWrite { get; init; }
}

/// <summary>
/// A statement a host adds to a step's write. Its parameters are @p0, @p1 … in the order of <see cref="Values"/>,
/// which are only strings, integers, booleans and nulls, so the same text runs on SQLite and PostgreSQL.
/// </summary>
public sealed record StepStatement(string Sql, IReadOnlyList<object?> Values)
{
    /// <summary>The rows the statement must change; when it changes another number, the step rolls back with <see cref="Mismatch"/>.</summary>
    public int? ExpectedRows { get; init; }

    /// <summary>The exception the step fails with when <see cref="ExpectedRows"/> does not match (the default names the statement).</summary>
    public Func<Exception>? Mismatch { get; init; }
}

/// <summary>What a correlation did: the instances it moved on, and whether it started one through a message start event.</summary>
public sealed record CorrelationResult(IReadOnlyList<string> InstanceIds, bool StartedInstance, string? BusinessKey);

public sealed record InstanceSummary(
    string Id, string ProcessKey, int ProcessVersion, string? BusinessKey, InstanceStatus Status,
    DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? StartedBy, int OpenIncidents);

/// <summary>One place a token stands now: the element and what it waits for.</summary>
public sealed record ActivityInstanceInfo(string TokenId, string ElementId, string ElementType, string? Name, string State, string? ParentTokenId);

public sealed record InstanceDetail(
    InstanceSummary Summary,
    IReadOnlyList<ActivityInstanceInfo> Activities,
    IReadOnlyDictionary<string, JsonNode?> Variables);

public sealed record InstanceQuery(
    string? ProcessKey = null, string? BusinessKey = null, InstanceStatus? Status = null,
    DateTimeOffset? StartedAfter = null, DateTimeOffset? StartedBefore = null,
    int PageNumber = 1, int PageSize = 50)
{
    /// <summary>Only the instances with an open task this user may see (null: every instance).</summary>
    public TaskInvolvement? InvolvedWith { get; init; }
}

/// <summary>
/// A user's reach over instances: those with an open task assigned to <paramref name="User"/> or offered to them or
/// one of <paramref name="Groups"/>, the same rule as <see cref="TaskQuery.InvolvedUser"/> for tasks.
/// </summary>
public sealed record TaskInvolvement(string User, IReadOnlyCollection<string> Groups);

public enum TaskSort
{
    Created,
    Due,
    Priority,
}

/// <summary>
/// Filters over open tasks. <see cref="InvolvedUser"/> with <see cref="InvolvedGroups"/> limits to tasks the user
/// may see: assigned to them, or offered to them or one of their groups.
/// </summary>
public sealed record TaskQuery
{
    public string? Assignee { get; init; }
    public string? CandidateUser { get; init; }
    public IReadOnlyCollection<string>? CandidateGroups { get; init; }
    /// <summary>With candidate filters: leave out tasks already assigned to someone.</summary>
    public bool UnassignedOnly { get; init; }
    public string? InvolvedUser { get; init; }
    public IReadOnlyCollection<string>? InvolvedGroups { get; init; }
    public DateTimeOffset? DueBefore { get; init; }
    public string? BusinessKey { get; init; }
    public string? ProcessKey { get; init; }
    public string? InstanceId { get; init; }
    /// <summary>Text the task's name, business key or process key contains (case-insensitive for Latin letters).</summary>
    public string? Text { get; init; }
    public TaskSort Sort { get; init; } = TaskSort.Created;
    public bool Descending { get; init; }
    public int PageNumber { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

public sealed record TaskInfo(
    string Id, string InstanceId, string ElementId, string? Name, string ProcessKey, string? BusinessKey,
    string? Assignee, IReadOnlyList<string> CandidateUsers, IReadOnlyList<string> CandidateGroups,
    DateTimeOffset? DueDate, DateTimeOffset? FollowUpDate, int Priority, string? FormKey,
    DateTimeOffset CreatedAt, DateTimeOffset? ClaimedAt);

/// <summary>One history event: <paramref name="Id"/> is the step's history row, <paramref name="Index"/> the event's place in it.</summary>
public sealed record HistoryEvent(
    long Id, int Index, string InstanceId, string ProcessKey, DateTimeOffset Timestamp, string Type,
    string? ElementId, string? ElementType, string? TokenId, string? TaskId, string? Actor, JsonNode? Data);

public sealed record IncidentInfo(
    string Id, string InstanceId, string TokenId, string ElementId, string ProcessKey, string Kind, string Message,
    string? JobId, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt);

/// <summary>An input a service-task handler reads, shown to flow designers (GET /api/handlers).</summary>
public sealed record HandlerParameter(string Name, string Type, bool Required, string? Description = null);

/// <summary>A task's form: a formKey (a form the console knows) and/or the fields its definition declares.</summary>
public sealed record TaskForm(string TaskId, string? FormKey, IReadOnlyList<FormField> Fields);

/// <summary>
/// Evaluate the conditional start events of the latest definitions with these variables (Camunda's condition evaluation);
/// narrowed to one process by key or by definition id.
/// </summary>
public sealed record ConditionEvaluationRequest(IReadOnlyDictionary<string, JsonNode?>? Variables)
{
    public string? BusinessKey { get; init; }
    public string? ProcessDefinitionKey { get; init; }
    public string? ProcessDefinitionId { get; init; }
}

/// <summary>An instance a conditional start event started: which definition, at which start event.</summary>
public sealed record ConditionalStartedInstance(string Id, string DefinitionId, string ProcessKey, int ProcessVersion, string StartEventId, string? BusinessKey);

/// <summary>What a signal reached: the instances whose waiting tokens moved on and the instances it started.</summary>
public sealed record SignalResult(string SignalName, IReadOnlyList<string> MovedInstanceIds, IReadOnlyList<string> StartedInstanceIds);
