using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Runtime;

namespace WorkflowHub.Engine.Behaviours;

/// <summary>End events (BPMN 2.0 §10.5.3): none ends the token, terminate ends its scope, error is thrown to a catcher.</summary>
internal sealed class EndEventBehaviour : ElementBehaviour
{
    public override ValueTask EnterAsync(ProcessExecution execution, Token token, FlowNode node, CancellationToken ct)
    {
        execution.ActivityEnded(token, node);
        switch (node.Event.Kind)
        {
            case EventKind.Terminate:
                execution.TerminateScope(token);
                break;
            case EventKind.Error:
                execution.ThrowError(token, node.Event.ErrorCode ?? node.Id, null);
                break;
            default:
                execution.EndToken(token);
                break;
        }
        return ValueTask.CompletedTask;
    }
}
