using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;

namespace WorkflowHub.Server.Features.Dev;

public sealed record ClockAdvanceRequest(string? Duration);

public sealed record ClockAnswer(DateTimeOffset Now, TimeSpan Offset, int JobsRun);

public static class ClockEndpoints
{
    /// <summary>Only mapped with Engine:SimulationClock on; without it /api/dev/clock is a 404.</summary>
    public static IEndpointRouteBuilder MapClockEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/dev/clock").WithTags("Simulation clock");

        group.MapGet("", (SimulationTimeProvider clock) => TypedResults.Ok(new ClockAnswer(clock.GetUtcNow(), clock.Offset, 0)))
            .WithSummary("The simulated time.");

        group.MapPost("/advance", async (ClockAdvanceRequest? request, SimulationTimeProvider clock, IJobExecutor jobs, CancellationToken ct) =>
            {
                var by = ApiRequest.Duration(request?.Duration, "duration");
                if (!clock.TryAdvance(by, out var now))
                {
                    throw ApiRequestException.Invalid("duration",
                        $"'{request!.Duration}' would move the clock past {SimulationTimeProvider.Latest:yyyy-MM-dd}, the latest time it keeps.");
                }
                var ran = await jobs.ExecuteDueJobsAsync(ct);
                return TypedResults.Ok(new ClockAnswer(now, clock.Offset, ran));
            })
            .RequireAuthorization(HubPolicies.Administrators)
            .WithSummary("Moves the simulated time forward by an ISO-8601 duration (PT24H) and runs the jobs that became due.");
        return endpoints;
    }
}
