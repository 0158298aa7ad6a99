using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Parsing;

namespace WorkflowHub.Engine.Behaviours;

/// <summary>
/// Boundary events (BPMN 2.0 §10.5.5): they wait on their activity's token (see ProcessExecution's boundary handling);
/// once fired, the new token passes on.
/// </summary>
internal sealed class BoundaryEventBehaviour : ElementBehaviour, IElementRules
{
    public static void Check(NodeDraft draft, EventDefinition definition)
    {
        switch (definition.Kind)
        {
            case EventKind.None:
                draft.Context.Error(draft.Element, "boundary event has no event definition");
                break;
            case EventKind.Cancel:
                draft.CannotExecute(CompensationRules.CancelRefused);
                break;
            case not (EventKind.Timer or EventKind.Message or EventKind.Error or EventKind.Signal or EventKind.Escalation or EventKind.Conditional or EventKind.Compensation):
                draft.CannotExecute($"a {NodeDraft.KindName(definition)} boundary event is not supported (timer, message, error, signal, escalation, conditional and compensation are)");
                break;
            case EventKind.Error when Parsing.BpmnXml.Attr(draft.Element, "cancelActivity")?.Trim() == "false":
                draft.Context.Warning(draft.Element, "an error boundary event always interrupts its activity: cancelActivity=\"false\" is ignored");
                break;
        }
    }

    /// <summary>A compensation boundary event leads to its handler by an association, never by a sequence flow.</summary>
    public static void Validate(ScopeCheck check, FlowNode node)
    {
        if (node.Event.Kind == EventKind.Compensation && node.Outgoing.Count > 0)
        {
            check.Error(node, "a compensation boundary event cannot have outgoing sequence flows: it is associated with its handler");
        }
    }
}
