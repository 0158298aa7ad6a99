using System.Text.Json.Nodes;
using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Runtime;

namespace WorkflowHub.Engine.Behaviours;

/// <summary>
/// Call activity (BPMN 2.0 §10.3.7, camunda:in / camunda:out): starts the latest version of the called
/// process in the same step with the mapped variables; the token waits until that instance ends, then the
/// out mappings copy its variables back.
/// </summary>
internal sealed class CallActivityBehaviour : ElementBehaviour, IElementRules
{
    public override async ValueTask EnterAsync(ProcessExecution execution, Token token, FlowNode node, CancellationToken ct)
    {
        var call = node.CallActivity ?? throw new InvalidOperationException("the call activity names no process.");
        var key = execution.Expressions.EvaluateString(call.CalledElement, execution.VariablesOf(token));
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new InvalidOperationException("calledElement gave no process key.");
        }
        var (definition, model) = await CalledDefinitionAsync(execution, token, call, key, ct).ConfigureAwait(false);
        var variables = Map(execution, token, call.In, execution.VisibleVariables(token));
        var businessKey = call.PassBusinessKey ? execution.Record.BusinessKey : null;
        var child = execution.Step.CreateInstance(definition, model, businessKey, execution.Id, token.Id);
        token.CalledInstanceId = child.Id;
        token.State = TokenState.Waiting;
        child.Begin(model.Root.NoneStart ?? throw new InvalidOperationException($"process '{key}' has no none start event."), variables);
    }

    /// <summary>The version camunda:calledElementBinding names: the latest, the one current at the caller's deployment, a number or a tag.</summary>
    private static async Task<(Persistence.ProcessDefinitionRecord, ProcessModel)> CalledDefinitionAsync(
        ProcessExecution execution, Token token, CallActivityDefinition call, string key, CancellationToken ct)
    {
        var step = execution.Step;
        var bindingValue = call.BindingValue is null ? null : execution.Expressions.EvaluateString(call.BindingValue, execution.VariablesOf(token));
        Persistence.ProcessDefinitionRecord? definition;
        switch (call.Binding)
        {
            case CalledElementBinding.Deployment:
                definition = await Persistence.InstanceStore.DefinitionCurrentAtDeploymentOfAsync(step, key, execution.Record.DefinitionId, ct).ConfigureAwait(false);
                break;
            case CalledElementBinding.Version:
                definition = int.TryParse(bindingValue, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
                    ? await Persistence.InstanceStore.DefinitionAsync(step, key, version, ct).ConfigureAwait(false)
                    : throw new InvalidOperationException($"calledElementVersion '{bindingValue}' is not a version number.");
                break;
            case CalledElementBinding.VersionTag:
                definition = null;
                var latest = await Persistence.InstanceStore.LatestDefinitionAsync(step, key, ct).ConfigureAwait(false);
                for (var v = latest?.Version ?? 0; v >= 1 && definition is null; v--)
                {
                    var candidate = await Persistence.InstanceStore.DefinitionAsync(step, key, v, ct).ConfigureAwait(false);
                    if (candidate is not null && (await step.Services.Definitions.GetAsync(step, candidate.Id, ct).ConfigureAwait(false)).VersionTag == bindingValue)
                    {
                        definition = candidate;
                    }
                }
                break;
            default:
                definition = await Persistence.InstanceStore.LatestDefinitionAsync(step, key, ct).ConfigureAwait(false);
                break;
        }
        if (definition is null)
        {
            throw new InvalidOperationException(call.Binding == CalledElementBinding.Latest
                ? $"no process '{key}' is deployed."
                : $"no version of process '{key}' matches calledElementBinding {call.Binding} {bindingValue}.");
        }
        return (definition, await step.Services.Definitions.GetAsync(step, definition.Id, ct).ConfigureAwait(false));
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
