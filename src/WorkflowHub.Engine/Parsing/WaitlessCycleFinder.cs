using System.Xml.Linq;
using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Parsing;

/// <summary>
/// Finds the cycles of a scope that a token can run round without ever waiting (gateway → script → gateway):
/// the strongly connected components of its flow graph once every wait state is taken out. Such a loop may be
/// meant (a counter that ends it), so deployment only warns; at run time the step's element limit
/// (<see cref="EngineOptions.MaxElementsPerStep"/>) stops a token that never leaves it, and the incident names the
/// loop recorded here.
/// </summary>
internal static class WaitlessCycleFinder
{
    public static void Find(ScopeModel scope, ProcessModel process, ParseContext ctx, IReadOnlyDictionary<object, XElement> elements)
    {
        var candidates = scope.Nodes.Where(n => !IsWaitState(n)).ToList();
        foreach (var cycle in StronglyConnected(candidates))
        {
            var ids = cycle.Select(n => n.Id).ToList();
            process.AddWaitlessCycle(ids);
            ctx.Warning(elements[cycle[0]],
                $"the cycle {string.Join(" → ", ids)} → {ids[0]} has no wait state (user task, receive task, catch event, call activity or async continuation): "
                + "a token that never leaves it is stopped with an incident when a step exceeds Engine:MaxElementsPerStep elements");
        }
    }

    /// <summary>Where a token stops and the step can end: anything that waits for a person, a message, a job or a child.</summary>
    public static bool IsWaitState(FlowNode node) =>
        node.AsyncBefore || node.AsyncAfter || Behaviours.ElementTypes.IsWaitState(node.Kind);

    /// <summary>Tarjan's algorithm, iteratively (no recursion on user input); yields components that form a cycle, in document order.</summary>
    private static List<List<FlowNode>> StronglyConnected(List<FlowNode> nodes)
    {
        var inGraph = new HashSet<FlowNode>(nodes, ReferenceEqualityComparer.Instance);
        var index = new Dictionary<FlowNode, int>(ReferenceEqualityComparer.Instance);
        var low = new Dictionary<FlowNode, int>(ReferenceEqualityComparer.Instance);
        var onStack = new HashSet<FlowNode>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<FlowNode>();
        var result = new List<List<FlowNode>>();
        var next = 0;
        foreach (var root in nodes)
        {
            if (index.ContainsKey(root))
            {
                continue;
            }
            var work = new Stack<(FlowNode Node, int Edge)>();
            work.Push((root, 0));
            index[root] = low[root] = next++;
            stack.Push(root);
            onStack.Add(root);
            while (work.Count > 0)
            {
                var (node, edge) = work.Pop();
                var successors = Successors(node, inGraph);
                if (edge < successors.Count)
                {
                    work.Push((node, edge + 1));
                    var target = successors[edge];
                    if (!index.ContainsKey(target))
                    {
                        index[target] = low[target] = next++;
                        stack.Push(target);
                        onStack.Add(target);
                        work.Push((target, 0));
                    }
                    else if (onStack.Contains(target))
                    {
                        low[node] = Math.Min(low[node], index[target]);
                    }
                    continue;
                }
                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[node]);
                }
                if (low[node] != index[node])
                {
                    continue;
                }
                var component = new List<FlowNode>();
                FlowNode member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (!ReferenceEquals(member, node));
                if (component.Count > 1 || successors.Contains(node))
                {
                    result.Add(component.OrderBy(n => n.Position.Line).ThenBy(n => n.Position.Column).ToList());
                }
            }
        }
        return result;
    }

    private static List<FlowNode> Successors(FlowNode node, HashSet<FlowNode> inGraph) =>
        node.Outgoing.Select(f => f.Target).Where(inGraph.Contains).ToList();
}
