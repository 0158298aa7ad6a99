using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Features.Tasks;
using WorkflowHub.Server.Localization;

namespace WorkflowHub.Server.Features.Incidents;

/// <summary>Incidents: failed steps waiting for someone (operators read them; administrators retry them).</summary>
public static class IncidentEndpoints
{
    public static IEndpointRouteBuilder MapIncidentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/incidents").WithTags("Incidents");

        group.MapGet("", async (string? open, string? instanceId, string? page, string? pageSize, IIncidentService incidents, TaskAccess access,
                ProblemTranslator translator, HttpContext http, CancellationToken ct) =>
            {
                var paging = ApiRequest.Paging(http, page, pageSize);
                var openOnly = string.IsNullOrWhiteSpace(open) || ApiRequest.Bool(open, "open");
                var reach = await access.InstanceReachAsync(http.User, ct);
                var found = PagedList<IncidentInfo>.From(await incidents.QueryAsync(
                    openOnly, string.IsNullOrWhiteSpace(instanceId) ? null : instanceId, paging.Number, paging.Size, reach, ct));
                // The engine's reason is English; it is shown in the caller's language like a problem's detail.
                return TypedResults.Ok(found.With([.. found.Items.Select(i => i with { Message = translator.Translate(i.Message) })]));
            })
            .RequireAuthorization(HubPolicies.Operators)
            .WithSummary("Incidents (open ones unless ?open=false), optionally of one instance (leaders: of the instances with an open task of their groups).");

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
