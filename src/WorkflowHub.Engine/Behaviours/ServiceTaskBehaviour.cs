using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Runtime;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Engine.Behaviours;

/// <summary>
/// Service and send tasks: run the C# handler registered for the topic (or the camunda:expression) inside the
/// step. A <see cref="BpmnError"/> goes to an error boundary event; any other failure becomes an incident. A
/// camunda:type="external" task whose topic has no handler waits for an external worker instead.
/// </summary>
internal class ServiceTaskBehaviour(IHandlerRegistry handlers, ExternalTasks.ExternalTaskSignal externalTasks) : ElementBehaviour, IElementRules
{
    public override async ValueTask EnterAsync(ProcessExecution execution, Token token, FlowNode node, CancellationToken ct)
    {
        var service = node.Service;
        try
        {
            if (service?.Delegate is { } delegateName)
            {
                var handler = HandlerRegistry.FindDelegate(handlers, delegateName)
                    ?? throw new InvalidOperationException($"no handler is registered under '{delegateName}'.");
                await handler.ExecuteAsync(Context(execution, token, node, service.Fields), ct).ConfigureAwait(false);
            }
            else if (service?.Topic is { } topic)
            {
                if (handlers.Find(topic) is null && service.IsExternal)
                {
                    // No in-process handler: the token waits for an external worker (camunda:type="external").
                    await ExternalTasks.ExternalTaskWaits.CreateAsync(execution, token, node, topic, externalTasks, ct).ConfigureAwait(false);
                    return;
                }
                var handler = handlers.Find(topic)
                    ?? throw new InvalidOperationException($"no handler is registered for topic '{topic}'.");
                await handler.ExecuteAsync(Context(execution, token, node, service.Fields), ct).ConfigureAwait(false);
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

    /// <summary>What the handler sees: the step's DbContext, the instance, the token's variables and the element's fields.</summary>
    internal static ServiceTaskContext Context(ProcessExecution execution, Token token, FlowNode node, IReadOnlyList<FieldInjection> fields) =>
        new(() => execution.Step.Db, execution.Id, execution.Record.BusinessKey,
            execution.Record.ProcessKey, node.Id, token.Id, execution.Now,
            name => execution.TryGetVariable(token, name, out var v) ? v : null,
            (name, value) => execution.SetVariable(token, name, value))
        {
            Fields = new InjectedFields(fields, value => execution.Expressions.Evaluate(value, execution.VariablesOf(token))),
        };
}
