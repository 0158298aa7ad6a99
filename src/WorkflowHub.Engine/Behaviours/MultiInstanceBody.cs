using System.Text.Json.Nodes;
using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Runtime;

namespace WorkflowHub.Engine.Behaviours;

/// <summary>
/// Multi-instance activities (BPMN 2.0 §10.3.6, Camunda 7 variables): the token becomes the body, holding
/// nrOfInstances, nrOfActiveInstances and nrOfCompletedInstances; each inner instance has loopCounter and the
/// element variable. Parallel starts all at once, sequential one after another; the completionCondition,
/// checked after each inner completion, ends the remaining ones early.
/// </summary>
internal static class MultiInstanceBody
{
    private const string Instances = "nrOfInstances";
    private const string Active = "nrOfActiveInstances";
    private const string Completed = "nrOfCompletedInstances";
    private const string LoopCounter = "loopCounter";

    public static void Enter(ProcessExecution execution, Token body, FlowNode node)
    {
        var mi = node.MultiInstance!;
        var vars = execution.VariablesOf(body);
        JsonArray items;
        if (mi.Collection is not null)
        {
            items = execution.Expressions.Evaluate(mi.Collection, vars) switch
            {
                JsonArray array => array,
                null => [],
                var other => throw new InvalidOperationException($"the multi-instance collection must be an array, not {other.GetValueKind()}."),
            };
        }
        else
        {
            var n = mi.LoopCardinality is null ? 0 : execution.Expressions.EvaluateInt(mi.LoopCardinality, vars) ?? 0;
            items = new JsonArray(Enumerable.Range(0, Math.Max(0, n)).Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());
        }
        body.IsMultiInstanceBody = true;
        body.State = TokenState.Scope;
        execution.SetLocalVariable(body, Instances, items.Count);
        execution.SetLocalVariable(body, Completed, 0);
        execution.SetLocalVariable(body, Active, mi.IsSequential ? Math.Min(1, items.Count) : items.Count);
        if (items.Count == 0)
        {
            execution.Leave(body);
            return;
        }
        if (mi.IsSequential)
        {
            body.LoopItems = items;
            StartInner(execution, body, node, 0, items[0]);
            return;
        }
        for (var i = 0; i < items.Count; i++)
        {
            StartInner(execution, body, node, i, items[i]);
        }
    }

    public static void InnerCompleted(ProcessExecution execution, Token inner, FlowNode node)
    {
        var mi = node.MultiInstance!;
        var body = execution.ParentOf(inner)!;
        var completed = Count(body, Completed) + 1;
        var instances = Count(body, Instances);
        execution.SetLocalVariable(body, Completed, completed);
        execution.SetLocalVariable(body, Active, Count(body, Active) - 1);
        var done = completed >= instances
            || (mi.CompletionCondition is not null && execution.Expressions.EvaluateCondition(mi.CompletionCondition, execution.VariablesOf(inner)));
        execution.State.Tokens.Remove(inner);
        if (done)
        {
            foreach (var other in execution.State.ChildrenOf(body.Id).ToList())
            {
                execution.CancelToken(other);
            }
            body.State = TokenState.Active;
            execution.Leave(body);
            return;
        }
        if (mi.IsSequential && body.LoopItems is { } items)
        {
            execution.SetLocalVariable(body, Active, 1);
            StartInner(execution, body, node, completed, items[completed]);
        }
    }

    private static void StartInner(ProcessExecution execution, Token body, FlowNode node, int index, JsonNode? item)
    {
        var inner = execution.NewToken(node.Id, body.Id);
        inner.IsMultiInstanceInner = true;
        execution.SetLocalVariable(inner, LoopCounter, index);
        if (node.MultiInstance!.ElementVariable is { } name)
        {
            execution.SetLocalVariable(inner, name, item?.DeepClone());
        }
        execution.Schedule(inner, AgendaOp.Enter);
    }

    private static int Count(Token body, string name) => body.Variables![name]!.GetValue<int>();
}
