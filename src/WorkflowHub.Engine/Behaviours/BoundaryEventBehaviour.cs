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
            case not (EventKind.Timer or EventKind.Message or EventKind.Error or EventKind.Signal or EventKind.Escalation or EventKind.Conditional):
                draft.CannotExecute($"a {NodeDraft.KindName(definition)} boundary event is not supported (timer, message, error, signal, escalation and conditional are)");
                break;
            case EventKind.Error when Parsing.BpmnXml.Attr(draft.Element, "cancelActivity")?.Trim() == "false":
                draft.Context.Warning(draft.Element, "an error boundary event always interrupts its activity: cancelActivity=\"false\" is ignored");
                break;
        }
    }
}
