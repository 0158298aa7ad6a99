using System.Text.Json.Nodes;
using WorkflowHub.Engine.Expressions;
using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Persistence;

namespace WorkflowHub.Engine.Runtime;

/// <summary>
/// One process instance inside one step: its record, compiled model and token state, and the operations
/// the behaviours use to move tokens, keep variables and write history.
/// </summary>
internal sealed partial class ProcessExecution
{
    private readonly Dictionary<string, HistoryEntry> _openActivities = new(StringComparer.Ordinal);

    public ProcessExecution(StepContext step, ProcessInstanceRecord record, ProcessModel model, InstanceState state, bool isNew)
    {
        Step = step;
        Record = record;
        Model = model;
        State = state;
        IsNew = isNew;
        IsDirty = isNew;
    }

    public StepContext Step { get; }
    public ProcessInstanceRecord Record { get; }
    public ProcessModel Model { get; }
    public InstanceState State { get; }
    public bool IsNew { get; }
    public bool IsDirty { get; private set; }
    public string Id => Record.Id;

    /// <summary>
    /// Names the instance across re-runs of the same step: its id, or for an instance this step creates, its
    /// creation order (a re-run creates it again under a new id), so a failure point can be found again.
    /// </summary>
    public string StepKey { get; init; } = "";

    private string PoisonScope => IsNew ? StepKey : Id;
    public DateTimeOffset Now => Step.Now;
    public ExpressionEvaluator Expressions => Step.Services.Expressions;

    public void MarkDirty() => IsDirty = true;

    public Token NewToken(string elementId, string? parentId)
    {
        var token = new Token { Id = State.NewTokenId(), ElementId = elementId, ParentId = parentId };
        State.Tokens.Add(token);
        return token;
    }

    public Token? FindToken(string tokenId) => State.Find(tokenId);

    public Token? ParentOf(Token token) => token.ParentId is null ? null : State.Find(token.ParentId);

    public IVariableResolver VariablesOf(Token? token) => new TokenVariables(this, token);

    /// <summary>Reads a variable as seen from the token: its own scope, then enclosing scopes, then the process.</summary>
    public bool TryGetVariable(Token? token, string name, out JsonNode? value)
    {
        for (var t = token; t is not null; t = ParentOf(t))
        {
            if (t.Variables is not null && t.Variables.TryGetValue(name, out value))
            {
                return true;
            }
        }
        return State.Variables.TryGetValue(name, out value);
    }

    /// <summary>
    /// Sets a variable where it already lives (the nearest scope that has it), else on the process, as Camunda's
    /// setVariable does; the change is written to history.
    /// </summary>
    public void SetVariable(Token? token, string name, JsonNode? value)
    {
        IsDirty = true;
        for (var t = token; t is not null; t = ParentOf(t))
        {
            if (t.Variables is not null && t.Variables.ContainsKey(name))
            {
                t.Variables[name] = value;
                VariableHistory(t, name, value);
                NoteVariableChange(name);
                return;
            }
        }
        State.Variables[name] = value;
        VariableHistory(null, name, value);
        NoteVariableChange(name);
    }

    public void SetVariables(Token? token, IReadOnlyDictionary<string, JsonNode?>? variables)
    {
        if (variables is null)
        {
            return;
        }
        foreach (var (name, value) in variables)
        {
            SetVariable(token, name, value?.DeepClone());
        }
    }

    public void SetLocalVariable(Token token, string name, JsonNode? value)
    {
        IsDirty = true;
        token.Variables ??= new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        token.Variables[name] = value;
    }

    /// <summary>Every variable visible from the token, nearest scope winning (for call activities and the API).</summary>
    public Dictionary<string, JsonNode?> VisibleVariables(Token? token) => State.VisibleVariables(token);

    public void History(string type, Token? token = null, FlowNode? node = null, string? taskId = null, JsonNode? data = null)
    {
        Step.Effects.History.Add(NewHistory(type, token, node, taskId, data));
    }

    private HistoryEntry NewHistory(string type, Token? token, FlowNode? node, string? taskId, JsonNode? data) => new()
    {
        InstanceId = Record.Id,
        ProcessKey = Record.ProcessKey,
        Timestamp = Now,
        Type = type,
        ElementId = node?.Id ?? token?.ElementId,
        ElementType = node?.ElementType,
        TokenId = token?.Id,
        TaskId = taskId,
        Actor = Step.Actor,
        Data = data,
    };

    private void VariableHistory(Token? scope, string name, JsonNode? value)
    {
        var data = new JsonObject { ["name"] = name, ["value"] = value?.DeepClone() };
        if (scope is not null)
        {
            data["scope"] = scope.Id;
        }
        History(HistoryTypes.VariableSet, data: data);
    }

    /// <summary>
    /// Writes "activity.started"; when the same step also completes the activity the row becomes one
    /// "activity" row, so pass-through elements cost one history row instead of two.
    /// </summary>
    public void ActivityStarted(Token token, FlowNode node)
    {
        var row = NewHistory(HistoryTypes.ActivityStarted, token, node, null, null);
        Step.Effects.History.Add(row);
        _openActivities[token.Id] = row;
    }

    public void ActivityEnded(Token token, FlowNode node, string endType = HistoryTypes.ActivityCompleted)
    {
        if (_openActivities.Remove(token.Id, out var started) && endType == HistoryTypes.ActivityCompleted)
        {
            started.Type = HistoryTypes.Activity;
            return;
        }
        History(endType, token, node);
    }
}

/// <summary>The variables visible from a token, for expressions and scripts.</summary>
internal sealed class TokenVariables(ProcessExecution execution, Token? token) : IVariableResolver
{
    public bool TryGet(string name, out JsonNode? value) => execution.TryGetVariable(token, name, out value);

    public IEnumerable<string> Names => execution.VisibleVariables(token).Keys;
}

/// <summary>The history event types the engine writes.</summary>
public static class HistoryTypes
{
    public const string InstanceStarted = "instance.started";
    public const string InstanceCompleted = "instance.completed";
    public const string InstanceCancelled = "instance.cancelled";
    public const string Activity = "activity";
    public const string ActivityStarted = "activity.started";
    public const string ActivityCompleted = "activity.completed";
    public const string ActivityCancelled = "activity.cancelled";
    public const string TaskCreated = "task.created";
    public const string TaskClaimed = "task.claimed";
    public const string TaskUnclaimed = "task.unclaimed";
    public const string TaskAssigned = "task.assigned";
    public const string TaskCompleted = "task.completed";
    public const string TaskCancelled = "task.cancelled";
    public const string VariableSet = "variable.set";
    public const string IncidentCreated = "incident.created";
    public const string IncidentResolved = "incident.resolved";
    public const string MessageCorrelated = "message.correlated";
    public const string TimerFired = "timer.fired";
    public const string ErrorThrown = "error.thrown";
    public const string SignalThrown = "signal.thrown";
    public const string EscalationThrown = "escalation.thrown";
    public const string SignalReceived = "signal.received";
    public const string CompensationThrown = "compensation.thrown";
}
