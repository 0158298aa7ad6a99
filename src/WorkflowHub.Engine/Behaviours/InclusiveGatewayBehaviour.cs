using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Runtime;

namespace WorkflowHub.Engine.Behaviours;

/// <summary>
/// Inclusive gateway (BPMN 2.0 §13.3.5, as Camunda 7 runs it). The fork takes every outgoing flow whose condition
/// holds (a flow without one always), the default flow when none does, and stops with an incident when there is
/// neither. The join waits for every token that can still arrive: it fires, once, when no other token of its scope
/// stands where a path leads to it. It is checked when a token arrives and when a token of the scope ends.
/// </summary>
internal sealed class InclusiveGatewayBehaviour : ElementBehaviour, IElementRules
{
    public override ValueTask EnterAsync(ProcessExecution execution, Token token, FlowNode node, CancellationToken ct)
    {
        if (node.Incoming.Count <= 1)
        {
            execution.Leave(token);
            return ValueTask.CompletedTask;
        }
        token.State = TokenState.Joining;
        if (TryActivate(execution, node, token.ParentId) is { } survivor)
        {
            execution.Leave(survivor);
        }
        return ValueTask.CompletedTask;
    }

    public override IReadOnlyList<SequenceFlow> SelectOutgoing(ProcessExecution execution, Token token, FlowNode node)
    {
        var taken = execution.ConditionalOutgoing(token, node);
        return taken.Count == 0 && node.Outgoing.Count > 0
            ? throw new InvalidOperationException("no outgoing sequence flow's condition holds and there is no default flow.")
            : taken;
    }

    /// <summary>After a token of the scope ended: a join that only waited for it may fire now.</summary>
    public static void Recheck(ProcessExecution execution, string? scopeId)
    {
        // Stryker disable once Logical : equivalent, a pre-filter only; TryActivate selects the waiting tokens again
        var joins = execution.State.Tokens
            .Where(t => t.State == TokenState.Joining && t.ParentId == scopeId)
            .Select(t => execution.Model.GetNode(t.ElementId))
            .Where(n => n.Kind == ElementKind.InclusiveGateway)
            .Distinct()
            .ToList();
        foreach (var join in joins)
        {
            if (TryActivate(execution, join, scopeId) is { } survivor)
            {
                survivor.State = TokenState.Active;
                execution.Schedule(survivor, AgendaOp.Leave);
            }
        }
    }

    /// <summary>Merges the tokens waiting at the join into one when no other token of the scope can reach it; that one goes on.</summary>
    private static Token? TryActivate(ProcessExecution execution, FlowNode join, string? scopeId)
    {
        var waiting = execution.State.Tokens.Where(t => t.State == TokenState.Joining && t.ElementId == join.Id && t.ParentId == scopeId).ToList();
        // Stryker disable once Block : unreachable, both callers pass a join with at least one Joining token
        if (waiting.Count == 0)
        {
            return null;
        }
        foreach (var other in execution.State.Tokens)
        {
            if (other.ParentId == scopeId && !waiting.Contains(other) && CanReach(execution.Model.GetNode(other.ElementId), join))
            {
                return null;
            }
        }
        var survivor = waiting[0];
        foreach (var merged in waiting.Skip(1))
        {
            execution.State.Tokens.Remove(merged);
            execution.ActivityEnded(merged, join);
        }
        return survivor;
    }

    /// <summary>Whether a path of sequence flows (boundary events included) leads from <paramref name="from"/> to <paramref name="target"/>.</summary>
    private static bool CanReach(FlowNode from, FlowNode target)
    {
        // Stryker disable once Initializer : equivalent, without it the start node is visited at most once more
        var seen = new HashSet<FlowNode>(ReferenceEqualityComparer.Instance) { from };
        var queue = new Queue<FlowNode>();
        queue.Enqueue(from);
        while (queue.TryDequeue(out var node))
        {
            if (ReferenceEquals(node, target))
            {
                return true;
            }
            foreach (var next in node.Outgoing.Select(f => f.Target).Concat(node.BoundaryEvents))
            {
                if (seen.Add(next))
                {
                    queue.Enqueue(next);
                }
            }
        }
        return false;
    }
}
