using System.Text.Json.Nodes;
using WorkflowHub.Engine.Expressions;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Engine.Runtime;

/// <summary>
/// Conditional start events of a process (BPMN 2.0 §10.5.5), as Camunda 7 runs them: nothing watches for them; a caller
/// asks to evaluate the start conditions with some variables (Camunda's <c>evaluateStartConditions</c>), and every
/// latest definition whose conditional start event's condition holds for those variables starts an instance there, with
/// them. A condition that names a variable the caller did not give is false, as Camunda's tryEvaluate has it.
/// </summary>
internal static class ConditionalStarts
{
    public static async Task<List<ConditionalStartedInstance>> EvaluateAsync(StepContext step, ConditionEvaluationRequest request, CancellationToken ct)
    {
        var variables = request.Variables ?? new Dictionary<string, JsonNode?>();
        var resolver = new DictionaryVariableResolver(variables);
        var starts = await InstanceStore.AllOfKindAsync(step, SubscriptionKind.ConditionalStart, ct).ConfigureAwait(false);
        var started = new List<ConditionalStartedInstance>();
        foreach (var start in starts)
        {
            if ((request.ProcessDefinitionKey is { } key && start.MessageName != key)
                || (request.ProcessDefinitionId is { } definitionId && start.DefinitionId != definitionId))
            {
                continue;
            }
            var definition = await step.Services.Definitions.GetRecordAsync(step, start.DefinitionId!, ct).ConfigureAwait(false);
            if (definition is null)
            {
                continue;
            }
            var model = await step.Services.Definitions.GetAsync(step, definition.Id, ct).ConfigureAwait(false);
            var node = model.GetNode(start.ElementId);
            if (!Holds(step.Services.Expressions, node, resolver))
            {
                continue;
            }
            var x = step.CreateInstance(definition, model, request.BusinessKey);
            x.Begin(node, variables);
            started.Add(new ConditionalStartedInstance(x.Id, definition.Id, definition.Key, definition.Version, node.Id, request.BusinessKey));
        }
        return started;
    }

    private static bool Holds(ExpressionEvaluator expressions, Model.FlowNode start, IVariableResolver variables)
    {
        if (start.Event.Condition is not { } condition)
        {
            return false;
        }
        try
        {
            return expressions.EvaluateCondition(condition, variables);
        }
        catch (ExpressionException ex) when (ex.Reason.StartsWith("unknown variable ", StringComparison.Ordinal))
        {
            return false;
        }
        catch (ExpressionException ex)
        {
            throw new WorkflowArgumentException("variables",
                $"The condition of start event '{start.Id}' cannot be evaluated with these variables: {ex.Reason}");
        }
    }
}
