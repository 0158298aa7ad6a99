using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Runtime;

namespace WorkflowHub.Engine.Behaviours;

/// <summary>Intermediate message and timer catch events: the token waits for the message or the due time.</summary>
internal sealed class IntermediateCatchEventBehaviour : ElementBehaviour
{
    public override ValueTask EnterAsync(ProcessExecution execution, Token token, FlowNode node, CancellationToken ct)
    {
        switch (node.Event.Kind)
        {
            case EventKind.Timer:
                execution.CreateTimer(token, node);
                break;
            case EventKind.Message:
                execution.CreateSubscription(token, node.Event.MessageName!, node.Id);
                break;
            default:
                execution.Leave(token);
                return ValueTask.CompletedTask;
        }
        token.State = TokenState.Waiting;
        return ValueTask.CompletedTask;
    }
}
