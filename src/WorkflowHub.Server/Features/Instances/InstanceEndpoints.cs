using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;

namespace WorkflowHub.Server.Features.Instances;

public sealed record StartProcessRequest(string? BusinessKey, Dictionary<string, JsonNode?>? Variables, int? Version);

public sealed record CancelRequest(string? Reason);

public sealed record TriggerRequest(string? ActivityId, Dictionary<string, JsonNode?>? Variables);

/// <summary>Starting, reading and cancelling process instances (operators; cancelling: leaders and administrators).</summary>
public static class InstanceEndpoints
{
    public static IEndpointRouteBuilder MapInstanceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/processes/{key}/start", async (string key, StartProcessRequest? request, IRuntimeService runtime, HttpContext http, CancellationToken ct) =>
            {
                var summary = await runtime.StartAsync(new StartRequest(key, Blank(request?.BusinessKey), request?.Variables, http.User.UserName(), request?.Version), ct);
                return TypedResults.Created($"/api/instances/{summary.Id}", summary);
            })
            .RequireAuthorization(HubPolicies.Operators)
            .WithTags("Instances")
            .WithSummary("Starts the latest (or the given) version of a process with a business key and variables.");

        var group = endpoints.MapGroup("/instances").WithTags("Instances").RequireAuthorization(HubPolicies.Operators);

        group.MapGet("", async (
                string? key, string? businessKey, string? status, string? startedAfter, string? startedBefore, string? page, string? pageSize,
                IRuntimeService runtime, HttpContext http, CancellationToken ct) =>
            {
                var (number, size) = ApiRequest.Paging(http, page, pageSize);
                var query = new InstanceQuery(
                    Blank(key), Blank(businessKey), ApiRequest.Enum<InstanceStatus>(status, "status"),
                    ApiRequest.Date(startedAfter, "startedAfter"), ApiRequest.Date(startedBefore, "startedBefore"), number, size);
                return TypedResults.Ok(await runtime.QueryInstancesAsync(query, ct));
            })
            .WithSummary("Instances by process key, business key, status (Running, Completed, Cancelled) and start time, a page at a time.");

        group.MapGet("/{id}", async Task<Results<Ok<InstanceDetail>, NotFound>> (string id, IRuntimeService runtime, CancellationToken ct) =>
                await runtime.GetInstanceAsync(id, ct) is { } detail ? TypedResults.Ok(detail) : TypedResults.NotFound())
            .WithSummary("An instance with where its tokens stand and its variables.");

        group.MapGet("/{id}/history", async Task<Results<Ok<IReadOnlyList<HistoryEvent>>, NotFound>> (string id, IRuntimeService runtime, IHistoryService history, CancellationToken ct) =>
            {
                var events = await history.GetInstanceHistoryAsync(id, ct);
                if (events.Count == 0 && await runtime.GetInstanceAsync(id, ct) is null)
                {
                    return TypedResults.NotFound();
                }
                return TypedResults.Ok(events);
            })
            .WithSummary("Everything that happened in an instance, oldest first.");

        group.MapPost("/{id}/cancel", async (string id, CancelRequest? request, IRuntimeService runtime, HttpContext http, CancellationToken ct) =>
            {
                await runtime.CancelAsync(id, http.User.UserName(), Blank(request?.Reason), ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(HubPolicies.Leaders)
            .WithSummary("Cancels a running instance (leaders and administrators).");

        group.MapPost("/{id}/trigger", async (string id, TriggerRequest? request, IRuntimeService runtime, HttpContext http, CancellationToken ct) =>
            {
                var activityId = Blank(request?.ActivityId)
                    ?? throw ApiRequestException.Invalid("activityId", "Name the receive task to trigger. / 请填写要触发的接收任务 activityId。");
                await runtime.TriggerAsync(id, activityId, request?.Variables, http.User.UserName(), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Moves on the token waiting at a receive task (Camunda's signal), with variables.");
        return endpoints;
    }

    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
