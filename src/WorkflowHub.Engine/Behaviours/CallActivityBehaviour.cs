using System.Text.Json.Nodes;
using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Runtime;

namespace WorkflowHub.Engine.Behaviours;

/// <summary>
/// Call activity (BPMN 2.0 §10.3.7, camunda:in / camunda:out): starts the latest version of the called
/// process in the same step with the mapped variables; the token waits until that instance ends, then the
/// out mappings copy its variables back.
/// </summary>
internal sealed class CallActivityBehaviour : ElementBehaviour
{
    public override async ValueTask EnterAsync(ProcessExecution execution, Token token, FlowNode node, CancellationToken ct)
    {
        var call = node.CallActivity ?? throw new InvalidOperationException("the call activity names no process.");
        var key = execution.Expressions.EvaluateString(call.CalledElement, execution.VariablesOf(token));
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new InvalidOperationException("calledElement gave no process key.");
        }
        var (definition, model) = await execution.Step.Services.Definitions.GetLatestAsync(execution.Step, key, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"no process '{key}' is deployed.");
        var variables = Map(execution, token, call.In, execution.VisibleVariables(token));
        var businessKey = call.PassBusinessKey ? execution.Record.BusinessKey : null;
        var child = execution.Step.CreateInstance(definition, model, businessKey, execution.Id, token.Id);
        token.CalledInstanceId = child.Id;
        token.State = TokenState.Waiting;
        child.Begin(model.Root.NoneStart ?? throw new InvalidOperationException($"process '{key}' has no none start event."), variables);
    }

    public override Task TriggerAsync(ProcessExecution execution, Token token, FlowNode node, Trigger trigger, CancellationToken ct)
    {
        if (trigger is CalledInstanceEnded && trigger.Variables is { } childVariables && node.CallActivity is { } call)
        {
            foreach (var (name, value) in Map(execution, token, call.Out, childVariables))
            {
                execution.SetVariable(token, name, value);
            }
        }
        execution.Leave(token);
        return Task.CompletedTask;
    }

    /// <summary>Applies camunda:in or camunda:out mappings to the source variables.</summary>
    private static Dictionary<string, JsonNode?> Map(ProcessExecution execution, Token token,
        IReadOnlyList<VariableMapping> mappings, IReadOnlyDictionary<string, JsonNode?> source)
    {
        var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var m in mappings)
        {
            if (m.All)
            {
                foreach (var (k, v) in source)
                {
                    result[k] = v?.DeepClone();
                }
            }
            else if (m.SourceExpression is not null && m.Target is not null)
            {
                result[m.Target] = execution.Expressions.Evaluate(m.SourceExpression, execution.VariablesOf(token));
            }
            else if (m.Source is not null && source.TryGetValue(m.Source, out var value))
            {
                result[m.Target ?? m.Source] = value?.DeepClone();
            }
        }
        return result;
    }
}
