using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Runtime;

namespace WorkflowHub.Engine.Behaviours;

/// <summary>Receive task (BPMN 2.0 §10.3.3): waits for its message, correlated by name and business key.</summary>
internal sealed class ReceiveTaskBehaviour : ElementBehaviour
{
    public override ValueTask EnterAsync(ProcessExecution execution, Token token, FlowNode node, CancellationToken ct)
    {
        if (node.Event.MessageName is { } name)
        {
            execution.CreateSubscription(token, name, node.Id);
        }
        token.State = TokenState.Waiting;
        return ValueTask.CompletedTask;
    }
}
