using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Runtime;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Engine.Behaviours;

/// <summary>
/// Service and send tasks: run the C# handler registered for the topic (or the camunda:expression) inside the
/// step. A <see cref="BpmnError"/> goes to an error boundary event; any other failure becomes an incident.
/// </summary>
internal sealed class ServiceTaskBehaviour(IHandlerRegistry handlers) : ElementBehaviour
{
    public override async ValueTask EnterAsync(ProcessExecution execution, Token token, FlowNode node, CancellationToken ct)
    {
        var service = node.Service;
        try
        {
            if (service?.Topic is { } topic)
            {
                var handler = handlers.Find(topic)
                    ?? throw new InvalidOperationException($"no handler is registered for topic '{topic}'.");
                var context = new ServiceTaskContext(() => execution.Step.Db, execution.Id, execution.Record.BusinessKey,
                    execution.Record.ProcessKey, node.Id, token.Id, execution.Now,
                    name => execution.TryGetVariable(token, name, out var v) ? v : null,
                    (name, value) => execution.SetVariable(token, name, value));
                await handler.ExecuteAsync(context, ct).ConfigureAwait(false);
            }
            else if (service?.Expression is { } expression)
            {
                var result = execution.Expressions.Evaluate(expression, execution.VariablesOf(token));
                if (service.ResultVariable is { } name)
                {
                    execution.SetVariable(token, name, result);
                }
            }
        }
        catch (BpmnError error)
        {
            execution.ThrowError(token, error.ErrorCode, error.Message);
            return;
        }
        execution.Leave(token);
    }
}
