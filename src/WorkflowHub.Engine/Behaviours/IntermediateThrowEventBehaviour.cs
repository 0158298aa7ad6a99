using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Runtime;

namespace WorkflowHub.Engine.Behaviours;

/// <summary>
/// Intermediate throw events: none passes through; signal broadcasts (BPMN 2.0 §10.5.1) and goes on; escalation
/// goes to its catcher and, unless that interrupts, on (§10.5.4); link jumps to
/// the link catch event of the same name in its scope (a "go to" that keeps diagrams readable).
/// </summary>
internal sealed class IntermediateThrowEventBehaviour : ElementBehaviour
{
    public override async ValueTask EnterAsync(ProcessExecution execution, Token token, FlowNode node, CancellationToken ct)
    {
        switch (node.Event.Kind)
        {
            case EventKind.Signal:
                await execution.ThrowSignalAsync(token, node, ct).ConfigureAwait(false);
                execution.Leave(token);
                break;
            case EventKind.Escalation:
                if (execution.ThrowEscalation(token, node.Event.EscalationCode!))
                {
                    execution.Leave(token);
                }
                break;
            case EventKind.Link:
                var target = node.Scope.Nodes.First(n => n.ElementType == "intermediateCatchEvent" && n.Event.Kind == EventKind.Link
                    && n.Event.LinkName == node.Event.LinkName);
                execution.ActivityEnded(token, node);
                token.ElementId = target.Id;
                token.ArrivedVia = null;
                execution.Schedule(token, AgendaOp.Enter);
                break;
            default:
                execution.Leave(token);
                break;
        }
    }
}
