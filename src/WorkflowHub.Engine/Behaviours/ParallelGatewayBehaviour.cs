using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Parsing;
using WorkflowHub.Engine.Runtime;

namespace WorkflowHub.Engine.Behaviours;

/// <summary>
/// Parallel gateway (BPMN 2.0 §13.3.4): a join waits until a token has arrived on every incoming flow of the
/// same scope, then one token goes on; counting per flow lets a branch that loops arrive twice without firing
/// the join early. The fork takes every outgoing flow, ignoring conditions.
/// </summary>
internal sealed class ParallelGatewayBehaviour : ElementBehaviour, IElementRules
{
    public static void Validate(ScopeCheck check, FlowNode node)
    {
        foreach (var flow in node.Outgoing.Where(f => f.Condition is not null))
        {
            check.Warning(flow, $"the condition of a sequence flow leaving parallel gateway '{node.Id}' is ignored (BPMN 2.0 §10.6.4)");
        }
    }

    public override ValueTask EnterAsync(ProcessExecution execution, Token token, FlowNode node, CancellationToken ct)
    {
        // Stryker disable once Equality : equivalent, a lone incoming flow's token finds itself in the loop below and leaves
        if (node.Incoming.Count <= 1)
        {
            execution.Leave(token);
            return ValueTask.CompletedTask;
        }
        token.State = TokenState.Joining;
        var arrived = new List<Token>(node.Incoming.Count);
        foreach (var flow in node.Incoming)
        {
            // Stryker disable once Conditional,Logical : equivalent, the arriving token is Joining on its own flow, so the search finds it too,
            // and only a token at this join can have arrived via one of its incoming flows
            var waiting = flow.Id == token.ArrivedVia ? token : execution.State.Tokens.Find(t => t.State == TokenState.Joining && t.ElementId == node.Id
                && t.ParentId == token.ParentId && t.ArrivedVia == flow.Id);
            if (waiting is null)
            {
                return ValueTask.CompletedTask;
            }
            arrived.Add(waiting);
        }
        foreach (var merged in arrived)
        {
            if (merged != token)
            {
                execution.State.Tokens.Remove(merged);
                execution.ActivityEnded(merged, node);
            }
        }
        execution.Leave(token);
        return ValueTask.CompletedTask;
    }

    public override IReadOnlyList<SequenceFlow> SelectOutgoing(ProcessExecution execution, Token token, FlowNode node) => node.Outgoing;
}
