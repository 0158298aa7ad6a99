using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Runtime;

namespace WorkflowHub.Engine.Behaviours;

/// <summary>
/// Exclusive gateway (BPMN 2.0 §13.3.2): the first outgoing flow in document order whose condition holds,
/// else the default flow; with neither, the token stops with an incident (Camunda 7 raises an exception there).
/// </summary>
internal sealed class ExclusiveGatewayBehaviour : ElementBehaviour, IElementRules
{
    public override IReadOnlyList<SequenceFlow> SelectOutgoing(ProcessExecution execution, Token token, FlowNode node)
    {
        SequenceFlow? fallback = null;
        foreach (var flow in node.Outgoing)
        {
            if (flow.Id == node.DefaultFlowId)
            {
                fallback = flow;
                continue;
            }
            if (flow.Condition is null || execution.Expressions.EvaluateCondition(flow.Condition, execution.VariablesOf(token)))
            {
                return [flow];
            }
        }
        if (fallback is not null)
        {
            return [fallback];
        }
        if (node.Outgoing.Count == 0)
        {
            return [];
        }
        throw new InvalidOperationException("no outgoing sequence flow's condition holds and there is no default flow.");
    }
}
