using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Services;

/// <summary>Deploys and reads process definitions (one version per changed process key).</summary>
public interface IDefinitionService
{
    /// <summary>Reads and checks a BPMN file without deploying it; unsupported elements are warnings here.</summary>
    BpmnDocument Validate(string xml);

    /// <summary>As <see cref="Validate(string)"/> for the file's bytes: the encoding its XML declaration names is honoured.</summary>
    BpmnDocument Validate(byte[] xml);

    /// <summary>Deploys every executable process of the file; throws <see cref="BpmnValidationException"/> on errors.</summary>
    Task<DeploymentResult> DeployAsync(string resourceName, string xml, string? actor = null, CancellationToken ct = default);

    /// <summary>Deploys the file's bytes, honouring its declared encoding (ISO-8859-1, UTF-16...); invalid bytes are an error.</summary>
    Task<DeploymentResult> DeployAsync(string resourceName, byte[] xml, string? actor = null, CancellationToken ct = default);

    Task<IReadOnlyList<DefinitionInfo>> ListLatestAsync(CancellationToken ct = default);
    Task<IReadOnlyList<DefinitionInfo>> ListVersionsAsync(string key, CancellationToken ct = default);

    /// <summary>The BPMN XML of a version (the latest when <paramref name="version"/> is null), or null.</summary>
    Task<string?> GetXmlAsync(string key, int? version = null, CancellationToken ct = default);

    /// <summary>
    /// The compiled model of a version (the latest when <paramref name="version"/> is null), or null: the same
    /// immutable model the engine runs, so a host reads a task's declarations without parsing the XML again.
    /// </summary>
    Task<ProcessModel?> GetModelAsync(string key, int? version = null, CancellationToken ct = default);
}

/// <summary>Starts, moves on, reads and cancels process instances.</summary>
public interface IRuntimeService
{
    Task<InstanceSummary> StartAsync(StartRequest request, CancellationToken ct = default);
    Task<CorrelationResult> CorrelateAsync(CorrelationRequest request, CancellationToken ct = default);
    Task<InstanceDetail?> GetInstanceAsync(string instanceId, CancellationToken ct = default);

    /// <summary>Several instances in two queries (a page of tasks names up to a page of instances); missing ids are left out.</summary>
    Task<IReadOnlyDictionary<string, InstanceDetail>> GetInstancesAsync(IReadOnlyCollection<string> instanceIds, CancellationToken ct = default);
    Task<Page<InstanceSummary>> QueryInstancesAsync(InstanceQuery query, CancellationToken ct = default);
    Task CancelAsync(string instanceId, string? actor = null, string? reason = null, CancellationToken ct = default);

    /// <summary>
    /// Moves on the token waiting at a receive task (Camunda's <c>signal</c>): the one that names no message waits
    /// for exactly this. Unknown instance or no token waiting there: <see cref="WorkflowNotFoundException"/>.
    /// </summary>
    /// <summary>
    /// Broadcasts a signal: every token waiting for it now moves on and every process whose start event names it
    /// starts, all in one step.
    /// </summary>
    Task<SignalResult> SignalAsync(string signalName, IReadOnlyDictionary<string, JsonNode?>? variables = null, string? actor = null, CancellationToken ct = default);

    Task TriggerAsync(string instanceId, string activityId, IReadOnlyDictionary<string, JsonNode?>? variables = null, string? actor = null, CancellationToken ct = default);

    /// <summary>
    /// Starts, in one step, an instance at every conditional start event of a latest definition whose condition holds
    /// for the given variables (Camunda's <c>evaluateStartConditions</c>); the variables become the instance's.
    /// </summary>
    Task<IReadOnlyList<ConditionalStartedInstance>> EvaluateStartConditionsAsync(ConditionEvaluationRequest request, string? actor = null, CancellationToken ct = default);
}

/// <summary>Human tasks: query, claim, unclaim, assign, complete.</summary>
public interface ITaskService
{
    Task<Page<TaskInfo>> QueryAsync(TaskQuery query, CancellationToken ct = default);
    Task<TaskInfo?> GetAsync(string taskId, CancellationToken ct = default);
    Task ClaimAsync(string taskId, string userId, CancellationToken ct = default);
    Task UnclaimAsync(string taskId, string? actor = null, CancellationToken ct = default);
    Task AssignAsync(string taskId, string? userId, string? actor = null, CancellationToken ct = default);
    /// <summary>
    /// The task's form: its formKey and the fields its definition declares (camunda:formData or
    /// activiti/flowable:formProperty), or null for an unknown task. No visibility check: the host checks first.
    /// </summary>
    Task<TaskForm?> GetFormAsync(string taskId, CancellationToken ct = default);

    Task CompleteAsync(string taskId, IReadOnlyDictionary<string, JsonNode?>? variables = null, string? actor = null, string? comment = null, CancellationToken ct = default);
}

public interface IHistoryService
{
    Task<IReadOnlyList<HistoryEvent>> GetInstanceHistoryAsync(string instanceId, CancellationToken ct = default);
    Task<Page<HistoryEvent>> QueryAsync(DateTimeOffset from, DateTimeOffset to, int pageNumber = 1, int pageSize = 200, CancellationToken ct = default);
}

public interface IIncidentService
{
    /// <summary>Incidents, newest first; with <paramref name="involvedWith"/> only those of instances the user reaches.</summary>
    Task<Page<IncidentInfo>> QueryAsync(
        bool openOnly = true, string? instanceId = null, int pageNumber = 1, int pageSize = 50, TaskInvolvement? involvedWith = null, CancellationToken ct = default);

    /// <summary>Re-runs the failed token (or job) of an open incident, in a new step.</summary>
    Task RetryAsync(string incidentId, CancellationToken ct = default);

    /// <summary>As <see cref="RetryAsync(string, CancellationToken)"/>; history records <paramref name="actor"/> as who retried.</summary>
    Task RetryAsync(string incidentId, string? actor, CancellationToken ct = default);
}

/// <summary>Runs due jobs (timers, async continuations). The hosted executor calls it; tests call it after moving the clock.</summary>
public interface IJobExecutor
{
    /// <summary>Acquires and runs every job due now; returns how many ran.</summary>
    Task<int> ExecuteDueJobsAsync(CancellationToken ct = default);
}

/// <summary>
/// Gives the engine DbContexts of the host's model (which includes
/// <see cref="Persistence.EngineModelBuilderExtensions.ApplyWorkflowEngineModel"/>), so handlers' writes share the
/// step's transaction. On PostgreSQL the engine takes one per step; on SQLite it keeps one open for its writer and
/// a few for its readers.
/// </summary>
public interface IEngineDbContextFactory
{
    DbContext CreateDbContext();
}

/// <summary>
/// A service-task handler: the C# behind a <c>camunda:topic</c>. It runs inside the step; what it writes through
/// <see cref="ServiceTaskContext.Db"/> commits with the step, so it must not call out of the process (mail goes to an outbox).
/// </summary>
public interface IServiceTaskHandler
{
    string Topic { get; }
    string? Description => null;
    IReadOnlyList<HandlerParameter> Parameters => [];
    ValueTask ExecuteAsync(ServiceTaskContext context, CancellationToken ct);
}

/// <summary>The handlers registered in DI, by topic.</summary>
public interface IHandlerRegistry
{
    IReadOnlyCollection<IServiceTaskHandler> All { get; }
    IServiceTaskHandler? Find(string topic);
}
