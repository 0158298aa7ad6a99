using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Runtime;

/// <summary>
/// Conditional events (BPMN 2.0 §10.5.5, as Camunda 7 runs them): a catch or boundary event evaluates its condition
/// when it starts waiting and again whenever variables of the instance change (only the named ones, with
/// camunda:variableName); when it holds, the event fires.
/// </summary>
internal sealed partial class ProcessExecution
{
    private HashSet<string>? _changedVariables;

    /// <summary>Remembers a changed variable, for the conditional events the step evaluates once the agenda is empty.</summary>
    private void NoteVariableChange(string name)
    {
        if (Model.HasConditionalEvents)
        {
            (_changedVariables ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
        }
    }

    /// <summary>Whether a conditional event's condition holds now (and, after changes, whether a change concerns it).</summary>
    public bool ConditionHolds(Token token, FlowNode conditional, IReadOnlySet<string>? changed)
    {
        var definition = conditional.Event;
        if (changed is not null && definition.ConditionVariables.Count > 0 && !definition.ConditionVariables.Any(changed.Contains))
        {
            return false;
        }
        return definition.Condition is { } condition && Expressions.EvaluateCondition(condition, VariablesOf(token));
    }

    /// <summary>
    /// After variables changed: fires every waiting conditional catch event, conditional boundary and listening conditional
    /// start of an event sub-process whose condition holds (a non-interrupting start fires again on each change that finds
    /// its condition true, as in Camunda: narrow it with camunda:variableName).
    /// </summary>
    public async Task<bool> EvaluateConditionsAsync(CancellationToken ct)
    {
        if (_changedVariables is not { Count: > 0 } changed)
        {
            return false;
        }
        _changedVariables = null;
        var fired = false;
        foreach (var token in State.Tokens.ToList())
        {
            if (!State.Tokens.Contains(token))
            {
                continue;
            }
            if (token.State == TokenState.Listening)
            {
                var start = Model.GetNode(token.ElementId);
                if (start.Event.Kind == EventKind.Conditional && ConditionHolds(token, start, changed))
                {
                    TriggerListener(token, new ConditionSatisfied(start.Id));
                    fired = true;
                }
                continue;
            }
            if (token.State is not (TokenState.Waiting or TokenState.Scope))
            {
                continue;
            }
            var node = Model.GetNode(token.ElementId);
            if (node.Kind == ElementKind.IntermediateCatchEvent && node.Event.Kind == EventKind.Conditional && ConditionHolds(token, node, changed))
            {
                await TriggerAsync(token, new ConditionSatisfied(node.Id), ct).ConfigureAwait(false);
                fired = true;
                continue;
            }
            foreach (var boundary in node.BoundaryEvents.Where(b => b.Event.Kind == EventKind.Conditional))
            {
                if (State.Tokens.Contains(token) && ConditionHolds(token, boundary, changed))
                {
                    FireBoundary(token, boundary, null);
                    fired = true;
                }
            }
        }
        return fired;
    }
}
