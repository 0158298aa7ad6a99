using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Parsing;
using WorkflowHub.Engine.Runtime;

namespace WorkflowHub.Engine.Behaviours;

/// <summary>
/// Intermediate throw events: none passes through; signal broadcasts (BPMN 2.0 §10.5.1) and goes on; escalation
/// goes to its catcher and, unless that interrupts, on (§10.5.4); link jumps to
/// the link catch event of the same name in its scope (a "go to" that keeps diagrams readable); compensation starts the
/// handlers of its scope's completed activities and, unless waitForCompletion="false", goes on when they are done.
/// </summary>
internal sealed class IntermediateThrowEventBehaviour : ElementBehaviour, IElementRules
{
    public static void Check(NodeDraft draft, EventDefinition definition)
    {
        if (definition.Kind is not (EventKind.None or EventKind.Signal or EventKind.Link or EventKind.Escalation or EventKind.Compensation))
        {
            draft.CannotExecute($"a {NodeDraft.KindName(definition)} intermediate throw event is not supported (none, signal, link, escalation and compensation are)");
        }
    }

    /// <summary>A link throw needs exactly one link catch of its name in the same scope (BPMN 2.0 §10.5.6).</summary>
    public static void Validate(ScopeCheck check, FlowNode node)
    {
        CompensationRules.ValidateThrow(check, node);
        if (node.Event.Kind == EventKind.Link && node.Event.LinkName is { } name)
        {
            var catches = node.Scope.Nodes.Count(n => n.ElementType == "intermediateCatchEvent" && n.Event.Kind == EventKind.Link && n.Event.LinkName == name);
            if (catches != 1)
            {
                check.Error(node, $"link throw event '{node.Id}' needs exactly one link catch event named '{name}' in its scope, there are {catches}");
            }
        }
    }

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
            case EventKind.Compensation:
                if (!execution.ThrowCompensation(token, node))
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
