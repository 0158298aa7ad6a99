using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Parsing;
using WorkflowHub.Engine.Runtime;

namespace WorkflowHub.Engine.Behaviours;

/// <summary>Receive task (BPMN 2.0 §10.3.3): waits for its message, correlated by name and business key.</summary>
internal sealed class ReceiveTaskBehaviour : ElementBehaviour, IElementRules
{
    public static void Check(NodeDraft draft, EventDefinition definition)
    {
        if (BpmnXml.IsTrue(BpmnXml.Attr(draft.Element, "instantiate")))
        {
            draft.CannotExecute("a receive task that instantiates the process (instantiate=\"true\") is not supported");
        }
    }

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
