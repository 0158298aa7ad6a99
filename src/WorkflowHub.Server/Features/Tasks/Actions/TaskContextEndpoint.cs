using System.Text.Json.Nodes;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Server.Features.Tasks.Actions;

/// <summary>What a task page shows around the task for someone who may not read instances: the process version,
/// the instance's variables and where its tokens stand (for the diagram).</summary>
public sealed record TaskContextDto(string ProcessKey, int ProcessVersion, string? BusinessKey, string? StartedBy, DateTimeOffset StartedAt,
    IReadOnlyList<string> ActiveElementIds, IReadOnlyDictionary<string, JsonNode?> Variables);

public static class TaskContextEndpoint
{
    public static void Map(RouteGroupBuilder tasks) =>
        tasks.MapGet("/{id}/context", async (string id, TaskActions actions, IRuntimeService runtime, HttpContext http, CancellationToken ct) =>
            {
                var (_, task) = await actions.VisibleAsync(http.User, id, ct);
                var instance = await runtime.GetInstanceAsync(task.InstanceId, ct)
                    ?? throw new WorkflowNotFoundException($"Process instance '{task.InstanceId}' does not exist.");
                var s = instance.Summary;
                return TypedResults.Ok(new TaskContextDto(s.ProcessKey, s.ProcessVersion, s.BusinessKey, s.StartedBy, s.StartedAt,
                    instance.Activities.Select(a => a.ElementId).Distinct().ToList(), instance.Variables));
            })
            .WithSummary("The task's instance as its page shows it: version, business key, variables, active elements.");
}
