using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Localization;

namespace WorkflowHub.Server.Features.Administration;

public sealed record BulkRetryRequest(IReadOnlyList<string>? IncidentIds);

/// <summary>One incident's outcome: <c>retried</c> true, or the status and the reason it was not (already resolved, unknown).</summary>
public sealed record RetryOutcome(string IncidentId, bool Retried, int Status, string? Error);

public sealed record BulkRetryAnswer(int Retried, int Failed, IReadOnlyList<RetryOutcome> Outcomes);

/// <summary>
/// Retries several incidents in one request, each in its own engine step (as one retry would be), in the order
/// given; history records the administrator as who retried. One incident's failure does not stop the others.
/// </summary>
public static class BulkRetryEndpoints
{
    public const int MaxIncidents = 200;

    public static IEndpointRouteBuilder MapBulkRetryEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/incidents/retry", RetryAsync)
            .RequireAuthorization(HubPolicies.Administrators)
            .WithTags("Incidents")
            .WithSummary($"Retries up to {MaxIncidents} open incidents {{incidentIds}}; answers each one's outcome (history records who retried).");
        return api;
    }

    private static async Task<IResult> RetryAsync(
        BulkRetryRequest? request, IIncidentService incidents, ProblemTranslator translator, HttpContext http, CancellationToken ct)
    {
        var ids = request?.IncidentIds ?? [];
        if (ids.Count == 0)
        {
            throw ApiRequestException.Invalid("incidentIds", "Name at least one incident to retry.");
        }
        if (ids.Count > MaxIncidents)
        {
            throw ApiRequestException.Invalid("incidentIds", $"At most {MaxIncidents} incidents can be retried at once.");
        }
        for (var i = 0; i < ids.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(ids[i]))
            {
                throw ApiRequestException.Invalid($"incidentIds[{i}]", "An incident id cannot be empty.");
            }
        }
        var actor = http.User.UserName();
        var outcomes = new List<RetryOutcome>();
        foreach (var id in ids.Select(i => i.Trim()).Distinct(StringComparer.Ordinal))
        {
            try
            {
                await incidents.RetryAsync(id, actor, ct);
                outcomes.Add(new RetryOutcome(id, true, StatusCodes.Status204NoContent, null));
            }
            catch (Exception ex) when (ex is not OperationCanceledException && ApiExceptionHandler.ToProblem(ex) is { Status: < 500 } problem)
            {
                outcomes.Add(new RetryOutcome(id, false, problem.Status ?? 400, translator.Translate(problem.Detail ?? problem.Title)));
            }
        }
        return TypedResults.Ok(new BulkRetryAnswer(outcomes.Count(o => o.Retried), outcomes.Count(o => !o.Retried), outcomes));
    }
}
