using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Runtime;

namespace WorkflowHub.Engine.Behaviours;

/// <summary>
/// What one kind of BPMN element does with a token: on entering, when what it waits for happens, and which
/// outgoing flows it takes. By default an element passes the token straight through. A behaviour class also
/// implements <see cref="IElementRules"/> (its deploy checks) and is registered once in <see cref="ElementTypes.All"/>.
/// </summary>
internal abstract class ElementBehaviour
{
    public virtual ValueTask EnterAsync(ProcessExecution execution, Token token, FlowNode node, CancellationToken ct)
    {
        execution.Leave(token);
        return ValueTask.CompletedTask;
    }

    public virtual Task TriggerAsync(ProcessExecution execution, Token token, FlowNode node, Trigger trigger, CancellationToken ct)
    {
        execution.SetVariables(token, trigger.Variables);
        execution.Leave(token);
        return Task.CompletedTask;
    }

    public virtual IReadOnlyList<SequenceFlow> SelectOutgoing(ProcessExecution execution, Token token, FlowNode node) =>
        execution.ConditionalOutgoing(token, node);
}

