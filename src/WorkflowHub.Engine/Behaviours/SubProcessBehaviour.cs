using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Runtime;

namespace WorkflowHub.Engine.Behaviours;

/// <summary>
/// Embedded sub-process (BPMN 2.0 §10.3.5): the token becomes a scope and a child token starts at the inner
/// none start event; the sub-process completes when its last child token ends.
/// </summary>
internal sealed class SubProcessBehaviour : ElementBehaviour, IElementRules
{
    public override ValueTask EnterAsync(ProcessExecution execution, Token token, FlowNode node, CancellationToken ct)
    {
        var start = node.InnerScope?.NoneStart
            ?? throw new InvalidOperationException("the sub-process has no none start event.");
        token.State = TokenState.Scope;
        var child = execution.NewToken(start.Id, token.Id);
        execution.Schedule(child, AgendaOp.Enter);
        execution.StartListening(token, node.InnerScope);
        return ValueTask.CompletedTask;
    }
}
