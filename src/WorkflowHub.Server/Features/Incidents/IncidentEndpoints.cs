using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;

namespace WorkflowHub.Server.Features.Incidents;

/// <summary>Incidents: failed steps waiting for someone (operators read them; administrators retry them).</summary>
public static class IncidentEndpoints
{
    public static IEndpointRouteBuilder MapIncidentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/incidents").WithTags("Incidents");

        group.MapGet("", async (string? open, string? instanceId, string? page, string? pageSize, IIncidentService incidents, HttpContext http, CancellationToken ct) =>
            {
                var paging = ApiRequest.Paging(http, page, pageSize);
                var openOnly = string.IsNullOrWhiteSpace(open) || ApiRequest.Bool(open, "open");
                return TypedResults.Ok(PagedList<IncidentInfo>.From(
                    await incidents.QueryAsync(openOnly, string.IsNullOrWhiteSpace(instanceId) ? null : instanceId, paging.Number, paging.Size, ct)));
            })
            .RequireAuthorization(HubPolicies.Operators)
            .WithSummary("Incidents (open ones unless ?open=false), optionally of one instance.");

        group.MapPost("/{id}/retry", async (string id, IIncidentService incidents, HttpContext http, CancellationToken ct) =>
            {
                await incidents.RetryAsync(id, http.User.UserName(), ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(HubPolicies.Administrators)
            .WithSummary("Runs the failed token (or job) of an open incident again.");
        return endpoints;
    }
}
