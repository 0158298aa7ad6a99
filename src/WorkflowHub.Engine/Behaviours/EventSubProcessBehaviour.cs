using System.Xml.Linq;
using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Parsing;
using WorkflowHub.Engine.Runtime;

namespace WorkflowHub.Engine.Behaviours;

/// <summary>
/// Event sub-process (BPMN 2.0 §10.3.5, as Camunda 7 runs it): a sub-process with triggeredByEvent="true" in the process
/// or in an embedded sub-process. While its enclosing scope runs, its start event listens (message, timer, signal; errors
/// and escalations are caught as they are thrown). Interrupting, it cancels everything else in the scope first;
/// non-interrupting, it runs beside the scope's work, as often as its trigger comes. The scope ends only when its running
/// event sub-processes have ended. The token is only ever started by <see cref="ProcessExecution.StartEventSubProcess"/>.
/// </summary>
internal sealed class EventSubProcessBehaviour : ElementBehaviour, IElementRules
{
    /// <summary>The start triggers an event sub-process may have.</summary>
    public static bool IsSupportedTrigger(EventKind kind) =>
        kind is EventKind.Message or EventKind.Timer or EventKind.Signal or EventKind.Error or EventKind.Escalation or EventKind.Conditional
            or EventKind.Compensation;

    public static bool IsEventSubProcess(XElement element) => BpmnXml.IsTrue(BpmnXml.Attr(element, "triggeredByEvent"));

    public static void Validate(ScopeCheck check, FlowNode node)
    {
        if (node.Incoming.Count > 0 || node.Outgoing.Count > 0)
        {
            check.Error(node, "an event sub-process cannot have incoming or outgoing sequence flows: its start event's trigger starts it");
        }
        if (node.BoundaryEvents.Count > 0)
        {
            check.Error(node, "an event sub-process cannot have boundary events");
        }
    }

    public override ValueTask EnterAsync(ProcessExecution execution, Token token, FlowNode node, CancellationToken ct) =>
        throw new InvalidOperationException($"{node} is started by its start event, not by a sequence flow.");
}
