using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Runtime;

namespace WorkflowHub.Engine.ExternalTasks;

/// <summary>
/// The engine side of an external task: the row a service task leaves for a worker, written through the step's
/// DbContext so it commits with the step, and removed the same way when its token leaves for any reason.
/// </summary>
internal static class ExternalTaskWaits
{
    /// <summary>The incident a worker's failure with no retries left raises.</summary>
    public const string IncidentKind = "failedExternalTask";

    public const string CreatedEvent = "externalTask.created";
    public const string LockedEvent = "externalTask.locked";
    public const string CompletedEvent = "externalTask.completed";
    public const string FailedEvent = "externalTask.failed";
    public const string BpmnErrorEvent = "externalTask.bpmnError";

    /// <summary>The token waits: a new fetchable row with a snapshot of the variables the worker will get.</summary>
    public static async ValueTask CreateAsync(ProcessExecution x, Token token, FlowNode node, string topic, ExternalTaskSignal signal, CancellationToken ct)
    {
        if (token.ExternalTaskId is not null)
        {
            // Entered again (an operator's retry of the element): the new row replaces the old one.
            Cancel(x, token);
        }
        var vars = x.VariablesOf(token);
        var priority = node.Service?.TaskPriority is { } p ? x.Expressions.EvaluateInt(p, vars) ?? 0 : 0;
        var record = new ExternalTaskRecord
        {
            Id = Ids.New(),
            Topic = topic,
            InstanceId = x.Id,
            TokenId = token.Id,
            ElementId = node.Id,
            DefinitionId = x.Record.DefinitionId,
            ProcessKey = x.Record.ProcessKey,
            BusinessKey = x.Record.BusinessKey,
            Priority = priority,
            Variables = ToJson(x.VisibleVariables(token)),
            LocalVariables = token.Variables is { Count: > 0 } locals ? ToJson(locals) : null,
            CreatedAt = x.Now,
        };
        x.Step.Db.Add(record);
        token.ExternalTaskId = record.Id;
        token.State = TokenState.Waiting;
        x.History(CreatedEvent, token, node, data: new JsonObject { ["externalTaskId"] = record.Id, ["topic"] = topic });
        await AnnounceAsync(x.Step, signal, topic, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Wakes waiting workers once the step commits: this node's at once, other nodes' by PostgreSQL NOTIFY, which
    /// PostgreSQL delivers on commit and drops on rollback.
    /// </summary>
    public static async ValueTask AnnounceAsync(StepContext step, ExternalTaskSignal signal, string topic, CancellationToken ct)
    {
        Action notify = signal.Notify;
        if (step.Effects.AfterCommit.Contains(notify))
        {
            return;
        }
        step.Effects.AfterCommit.Add(notify);
        if (IsPostgres(step))
        {
            await step.Session.ExecuteAsync(new SqlBatch().Append("SELECT pg_notify(").Param(ExternalTaskSignal.PostgresChannel)
                .Append(", ").Param(topic).Append(")"), ct).ConfigureAwait(false);
        }
    }

    /// <summary>The token no longer waits: its row goes with the step (ClearWaits calls this for every way out).</summary>
    public static void Cancel(ProcessExecution x, Token token)
    {
        var id = token.ExternalTaskId!;
        token.ExternalTaskId = null;
        var set = x.Step.Db.Set<ExternalTaskRecord>();
        var row = set.Local.FirstOrDefault(t => t.Id == id);
        if (row is null)
        {
            // Not read in this step: a key-only stand-in makes EF Core delete the row by its id.
            row = new ExternalTaskRecord
            {
                Id = id, Topic = "", InstanceId = x.Id, TokenId = token.Id, ElementId = token.ElementId,
                DefinitionId = x.Record.DefinitionId, ProcessKey = x.Record.ProcessKey, Variables = "{}",
            };
            set.Attach(row);
        }
        set.Remove(row);
    }

    /// <summary>
    /// An operator retries a failedExternalTask incident (the incident is already resolved by the caller): the task
    /// gets one retry and is fetchable again, as Camunda's "set retries" does. False for any other incident.
    /// </summary>
    public static async Task<bool> RetryIncidentAsync(StepContext step, IncidentRecord incident, ExternalTaskSignal signal, CancellationToken ct)
    {
        if (incident.Kind != IncidentKind)
        {
            return false;
        }
        var row = await step.Db.Set<ExternalTaskRecord>()
            .FirstOrDefaultAsync(t => t.InstanceId == incident.InstanceId && t.TokenId == incident.TokenId, ct).ConfigureAwait(false);
        if (row is not null)
        {
            row.Retries = 1;
            row.LockExpiresAt = null;
            await AnnounceAsync(step, signal, row.Topic, ct).ConfigureAwait(false);
        }
        return true;
    }

    internal static bool IsPostgres(StepContext step) =>
        step.Session.Connection.GetType().Name.StartsWith("Npgsql", StringComparison.Ordinal);

    internal static string ToJson(IEnumerable<KeyValuePair<string, JsonNode?>> variables) =>
        new JsonObject(variables.Select(kv => KeyValuePair.Create(kv.Key, kv.Value?.DeepClone()))).ToJsonString();
}
