using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Parsing;
using WorkflowHub.Engine.Runtime;

namespace WorkflowHub.Engine.Behaviours;

/// <summary>Intermediate message, timer and signal catch events: the token waits for the message, the due time or the signal.</summary>
internal sealed class IntermediateCatchEventBehaviour : ElementBehaviour, IElementRules
{
    public static void Check(NodeDraft draft, EventDefinition definition)
    {
        if (definition.Kind == EventKind.None)
        {
            draft.Context.Error(draft.Element, "intermediate catch event has no event definition");
        }
        else if (definition.Kind is not (EventKind.Message or EventKind.Timer or EventKind.Signal or EventKind.Link or EventKind.Conditional))
        {
            draft.CannotExecute($"a {NodeDraft.KindName(definition)} intermediate catch event is not supported (message, timer, signal, conditional and link are)");
        }
    }

    /// <summary>A link catch event is reached from its link throw event, never by a sequence flow.</summary>
    public static void Validate(ScopeCheck check, FlowNode node)
    {
        if (node.Event.Kind == EventKind.Link && node.Incoming.Count > 0)
        {
            check.Error(node, "a link catch event cannot have incoming sequence flows: it is reached from its link throw event");
        }
    }

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
