using System.Text.Json.Nodes;
using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Runtime;

/// <summary>
/// Event sub-processes (BPMN 2.0 §10.3.5, as Camunda 7 runs them). When a scope starts (the process, an embedded
/// sub-process), each of its event sub-processes with a message, timer, signal or conditional start gets a
/// <see cref="TokenState.Listening"/> token that holds the subscription or timer job (a conditional one is evaluated on
/// variable changes); the rows go when the scope ends. Error and escalation starts need no
/// listener: a throw looks for them scope by scope (see ProcessExecution.Events).
/// </summary>
internal sealed partial class ProcessExecution
{
    /// <summary>The scope <paramref name="scopeToken"/> (null: the process) has started: its event sub-processes start listening.</summary>
    public void StartListening(Token? scopeToken, ScopeModel? scope)
    {
        if (scope is null || scope.EventSubProcesses.Count == 0)
        {
            return;
        }
        foreach (var sub in scope.EventSubProcesses)
        {
            // Not a pattern variable: Stryker's `||` → `&&` mutant would leave it unassigned, fail to compile, and its safe
            // mode would then drop every mutant of this method from the score.
            var start = sub.InnerScope?.EventStart;
            if (start is null || start.Event.Kind is not (EventKind.Message or EventKind.Timer or EventKind.Signal or EventKind.Conditional))
            {
                continue;
            }
            var listener = NewToken(start.Id, scopeToken?.Id);
            listener.State = TokenState.Listening;
            WaitForEvent(listener, start);
        }
    }

    /// <summary>
    /// A listener's message, timer or signal came. Interrupting, the listener is used up; non-interrupting, it keeps
    /// listening (a cycle timer moves on to its next due time; a one-off timer's listener ends).
    /// </summary>
    private void TriggerListener(Token listener, Trigger trigger)
    {
        var start = Model.GetNode(listener.ElementId);
        var sub = start.Scope.Owner!;
        if (start.IsInterrupting)
        {
            ClearWaits(listener);
            State.Tokens.Remove(listener);
        }
        else if (trigger is TimerFired fired)
        {
            RescheduleOrDropTimer(listener, fired.JobId);
            if (listener.JobIds is not { Count: > 0 })
            {
                State.Tokens.Remove(listener);
            }
        }
        StartEventSubProcess(listener.ParentId, sub, trigger.Variables);
    }

    /// <summary>
    /// Starts an instance of the event sub-process <paramref name="sub"/> in the scope <paramref name="scopeId"/> (null: the
    /// process); an interrupting one first cancels every other token of the scope, listeners included. The token at its start
    /// event is returned (it carries the trigger's variables).
    /// </summary>
    public Token StartEventSubProcess(string? scopeId, FlowNode sub, IReadOnlyDictionary<string, JsonNode?>? variables)
    {
        IsDirty = true;
        var start = sub.InnerScope!.EventStart!;
        if (start.IsInterrupting)
        {
            foreach (var token in State.Tokens.Where(t => t.ParentId == scopeId).ToList())
            {
                CancelToken(token);
            }
        }
        var body = NewToken(sub.Id, scopeId);
        body.State = TokenState.Scope;
        ActivityStarted(body, sub);
        StartListening(body, sub.InnerScope);
        var child = NewToken(start.Id, body.Id);
        SetVariables(child, variables);
        Schedule(child, AgendaOp.Enter);
        return child;
    }

    /// <summary>The scope's listeners stop: it has ended.</summary>
    private void StopListening(string? scopeId)
    {
        if (!State.Tokens.Exists(t => t.State == TokenState.Listening && t.ParentId == scopeId))
        {
            return;
        }
        foreach (var listener in State.Tokens.Where(t => t.ParentId == scopeId && t.State == TokenState.Listening).ToList())
        {
            ClearWaits(listener);
            State.Tokens.Remove(listener);
        }
    }

    /// <summary>
    /// The event sub-process of the scope <paramref name="scopeToken"/> (null: the process) whose start catches a thrown error
    /// or escalation: the one naming <paramref name="code"/>, else one that catches any.
    /// </summary>
    private FlowNode? CatchingEventSubProcess(Token? scopeToken, EventKind kind, string code)
    {
        ScopeModel? scope;
        if (scopeToken is null)
        {
            scope = Model.Root;
        }
        else if (scopeToken.IsMultiInstanceBody)
        {
            return null; // the body is not a scope instance; its inner instances are
        }
        else
        {
            scope = Model.GetNode(scopeToken.ElementId).InnerScope;
        }
        if (scope is null || scope.EventSubProcesses.Count == 0)
        {
            return null;
        }
        FlowNode? any = null;
        foreach (var sub in scope.EventSubProcesses)
        {
            var start = sub.InnerScope?.EventStart; // not a pattern variable, as in StartListening
            if (start is null || start.Event.Kind != kind)
            {
                continue;
            }
            var caught = kind == EventKind.Error ? start.Event.ErrorCode : start.Event.EscalationCode;
            if (caught == code)
            {
                return sub;
            }
            any ??= caught is null ? sub : null;
        }
        return any;
    }
}
