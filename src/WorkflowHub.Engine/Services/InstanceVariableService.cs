using System.Text.Json.Nodes;
using WorkflowHub.Engine.Runtime;

namespace WorkflowHub.Engine.Services;

/// <summary>An operator sets process variables of a running instance (e.g. the one a failed expression missed), in one step with history.</summary>
public interface IInstanceVariableService
{
    Task SetAsync(string instanceId, IReadOnlyDictionary<string, JsonNode?> variables, string actor, CancellationToken ct = default);
}

internal sealed class InstanceVariableService(StepRunner steps) : IInstanceVariableService
{
    public Task SetAsync(string instanceId, IReadOnlyDictionary<string, JsonNode?> variables, string actor, CancellationToken ct = default) =>
        steps.RunAsync(async (step, token) =>
        {
            var x = await step.GetInstanceAsync(instanceId, token).ConfigureAwait(false)
                ?? throw new WorkflowNotFoundException($"Process instance '{instanceId}' does not exist.");
            if (x.Record.Status != Persistence.InstanceStatus.Running)
            {
                throw new WorkflowConflictException($"Process instance '{instanceId}' is not running.");
            }
            x.SetVariables(null, variables);
            return true;
        }, actor, FailureMode.Throw, ct);
}
