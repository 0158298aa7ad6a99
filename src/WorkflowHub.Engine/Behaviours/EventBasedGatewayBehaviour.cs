using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Parsing;
using WorkflowHub.Engine.Runtime;

namespace WorkflowHub.Engine.Behaviours;

/// <summary>
/// Event-based gateway (BPMN 2.0 §13.3.3): the token waits on every event that follows (messages, timers,
/// receive tasks); the first to happen wins, the others are withdrawn, and the token goes on from the winner.
/// </summary>
internal sealed class EventBasedGatewayBehaviour : ElementBehaviour, IElementRules
{
    public static void Check(NodeDraft draft, EventDefinition definition)
    {
        if (BpmnXml.IsTrue(BpmnXml.Attr(draft.Element, "instantiate")))
        {
            draft.CannotExecute("an event-based gateway that instantiates the process (instantiate=\"true\") is not supported");
        }
        else if (BpmnXml.Attr(draft.Element, "eventGatewayType")?.Trim() == "Parallel")
        {
            draft.CannotExecute("a parallel event-based gateway (eventGatewayType=\"Parallel\") is not supported");
        }
    }

    public static void Validate(ScopeCheck check, FlowNode node)
    {
        foreach (var target in node.Outgoing.Select(f => f.Target))
        {
            var valid = (target.ElementType == "receiveTask" && target.Event.MessageName is not null)
                || (target.ElementType == "intermediateCatchEvent" && target.Event.Kind is EventKind.Message or EventKind.Timer);
            if (!valid)
            {
                check.Error(node, $"event-based gateway leads to {target}: its targets must be message or timer intermediate catch events or receive tasks with a messageRef");
            }
        }
    }

    public override ValueTask EnterAsync(ProcessExecution execution, Token token, FlowNode node, CancellationToken ct)
    {
        foreach (var flow in node.Outgoing)
        {
            var target = flow.Target;
            if (target.Event.Kind == EventKind.Timer)
            {
                execution.CreateTimer(token, target);
            }
            else if (target.Event.MessageName is { } name)
            {
                execution.CreateSubscription(token, name, target.Id);
            }
        }
        token.State = TokenState.Waiting;
        return ValueTask.CompletedTask;
    }

    public override Task TriggerAsync(ProcessExecution execution, Token token, FlowNode node, Trigger trigger, CancellationToken ct)
    {
        // Stryker disable once Linq : equivalent, a trigger only ever names a target whose wait this gateway created
        var winner = node.Outgoing.First(f => f.TargetId == trigger.ElementId);
        // Stryker disable once Statement : equivalent, Leave below clears the waits too; clearing first only states the order
        execution.ClearWaits(token);
        execution.ActivityEnded(token, node);
        token.ElementId = winner.TargetId;
        token.ArrivedVia = winner.Id;
        token.State = TokenState.Active;
        execution.ActivityStarted(token, winner.Target);
        execution.SetVariables(token, trigger.Variables);
        execution.Leave(token);
        return Task.CompletedTask;
    }
}
