using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Features.Tasks;

namespace WorkflowHub.Server.Features.Instances;

public sealed record StartProcessRequest(string? BusinessKey = null, Dictionary<string, JsonNode?>? Variables = null, int? Version = null);

public sealed record CancelRequest(string? Reason = null);

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
                IRuntimeService runtime, TaskAccess access, HttpContext http, CancellationToken ct) =>
            {
                var paging = ApiRequest.Paging(http, page, pageSize);
                var query = new InstanceQuery(
                    Blank(key), Blank(businessKey), ApiRequest.Enum<InstanceStatus>(status, "status"),
                    ApiRequest.Date(startedAfter, "startedAfter"), ApiRequest.Date(startedBefore, "startedBefore"), paging.Number, paging.Size)
                {
                    InvolvedWith = await access.InstanceReachAsync(http.User, ct),
                };
                return TypedResults.Ok(PagedList<InstanceSummary>.From(await runtime.QueryInstancesAsync(query, ct)));
            })
            .WithSummary("Instances by process key, business key, status (Running, Completed, Cancelled) and start time, a page at a time "
                + "(leaders: the instances with an open task of their groups).");

        // Reading one instance (and its history) is also open to staff and leaders who see one of its tasks.
        var one = endpoints.MapGroup("/instances").WithTags("Instances");
        one.MapGet("/{id}", async Task<Results<Ok<InstanceDetail>, NotFound>> (string id, IRuntimeService runtime, TaskAccess access, HttpContext http, CancellationToken ct) =>
            {
                await access.EnsureInstanceVisibleAsync(http.User, id, ct);
                return await runtime.GetInstanceAsync(id, ct) is { } detail ? TypedResults.Ok(detail) : TypedResults.NotFound();
            })
            .WithSummary("An instance with where its tokens stand and its variables (staff and leaders: an instance with a task they see).");

        one.MapGet("/{id}/history", async Task<Results<Ok<PagedList<HistoryEvent>>, NotFound>> (
                string id, string? page, string? pageSize, IRuntimeService runtime, IHistoryService history, TaskAccess access, HttpContext http, CancellationToken ct) =>
            {
                await access.EnsureInstanceVisibleAsync(http.User, id, ct);
                var paging = ApiRequest.Paging(http, page, pageSize, defaultSize: 200);
                var events = await history.GetInstanceHistoryAsync(id, ct);
                if (events.Count == 0 && await runtime.GetInstanceAsync(id, ct) is null)
                {
                    return TypedResults.NotFound();
                }
                return TypedResults.Ok(PagedList<HistoryEvent>.Slice(events, paging));
            })
            .WithSummary("Everything that happened in an instance, oldest first, a page at a time.");

        group.MapPost("/{id}/cancel", async (string id, CancelRequest? request, IRuntimeService runtime, TaskAccess access, HttpContext http, CancellationToken ct) =>
            {
                // A leader cancels only instances of the groups they are linked to.
                await access.EnsureInstanceVisibleAsync(http.User, id, ct);
                await runtime.CancelAsync(id, http.User.UserName(), Blank(request?.Reason), ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(HubPolicies.Leaders)
            .WithSummary("Cancels a running instance (administrators; leaders: instances with a task of their groups).");

        group.MapPost("/{id}/trigger", async (string id, TriggerRequest? request, IRuntimeService runtime, TaskAccess access, HttpContext http, CancellationToken ct) =>
            {
                var activityId = Blank(request?.ActivityId)
                    ?? throw ApiRequestException.Invalid("activityId", "Name the receive task to trigger.");
                await access.EnsureInstanceVisibleAsync(http.User, id, ct);
                await runtime.TriggerAsync(id, activityId, request?.Variables, http.User.UserName(), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Moves on the token waiting at a receive task (Camunda's signal), with variables.");
        return endpoints;
    }

    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
