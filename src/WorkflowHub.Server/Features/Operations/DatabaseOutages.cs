using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Server.Features.Operations;

/// <summary>
/// Remembers when the database last failed a request (unreachable, broken connection, disk full). A full SQLite
/// disk still answers reads, so the health check's probe alone would call it healthy. Wall-clock time: an outage
/// is remembered for real seconds even while the engine runs on the simulation clock.
/// </summary>
public sealed class DatabaseOutageMonitor(
    [FromKeyedServices(Webhooks.WebhookReceiver.WallClockKey)] TimeProvider time, IOptions<OperationsOptions> options)
{
    private long _lastFailureTicks;
    private string? _lastError;

    public void Report(Exception error)
    {
        _lastError = error.GetBaseException().Message;
        Interlocked.Exchange(ref _lastFailureTicks, time.GetUtcNow().UtcTicks);
    }

    /// <summary>The last failure's message while it is recent (<see cref="OperationsOptions.OutageMemory"/>), else null.</summary>
    public string? RecentFailure
    {
        get
        {
            var at = Interlocked.Read(ref _lastFailureTicks);
            return at != 0 && time.GetUtcNow().UtcTicks - at < options.Value.OutageMemory.Ticks ? _lastError : null;
        }
    }
}

/// <summary>
/// Answers 503 with a problem in Chinese and English (and Retry-After) when a request fails because the database
/// is unavailable; nothing was committed, so the caller may safely retry. The server stays up and recovers by
/// itself: the next request opens a new connection.
/// </summary>
internal sealed class DatabaseOutageHandler(IProblemDetailsService problems, DatabaseOutageMonitor monitor,
    IOptions<OperationsOptions> options, ILogger<DatabaseOutageHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!DatabaseOutage.Is(exception))
        {
            return false;
        }
        monitor.Report(exception);
        logger.LogWarning("The database is unavailable ({Error}); {Path} answered 503.", exception.GetBaseException().Message, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(options.Value.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The database is unavailable",
                Detail = "The request was not carried out; nothing of it was saved. Try again later.",
                Type = "https://workflowhub/problems/database-unavailable",
            },
        });
    }
}

/// <summary>Unhealthy while a database failure is recent, even where the read probe still succeeds (a full disk).</summary>
internal sealed class RecentOutageHealthCheck(DatabaseOutageMonitor monitor) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(monitor.RecentFailure is { } error
            ? HealthCheckResult.Unhealthy("The database failed a request recently: " + error)
            : HealthCheckResult.Healthy());
}
