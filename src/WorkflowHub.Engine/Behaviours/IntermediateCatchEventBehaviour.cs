using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Runtime;

namespace WorkflowHub.Engine.Behaviours;

/// <summary>Intermediate message, timer and signal catch events: the token waits for the message, the due time or the signal.</summary>
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
            case EventKind.Conditional when execution.ConditionHolds(token, node, changed: null):
                execution.Leave(token);
                return ValueTask.CompletedTask;
            case EventKind.Conditional:
                break; // waits until a variable change makes the condition hold
            case EventKind.Signal:
                execution.CreateSubscription(token, node.Event.SignalName!, node.Id, Persistence.SubscriptionKind.Signal);
                break;
            default:
                // A link catch event, reached from its throw event: the token goes straight on.
                execution.Leave(token);
                return ValueTask.CompletedTask;
        }
        token.State = TokenState.Waiting;
        return ValueTask.CompletedTask;
    }
}
