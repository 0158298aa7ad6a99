using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WorkflowHub.Engine.Jobs;

/// <summary>
/// Runs the job executor in the background: it sleeps until the next job is due, a step announces an earlier
/// one, or the poll interval passes (for jobs made by other nodes), whichever comes first.
/// </summary>
internal sealed class JobExecutorHostedService(
    JobExecutor executor,
    JobWakeup wakeup,
    TimeProvider time,
    IOptions<EngineOptions> options,
    ILogger<JobExecutorHostedService> logger) : BackgroundService
{
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = options.Value.JobExecutor.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            wakeup.Reset();
            var wait = poll;
            try
            {
                await executor.ExecuteDueJobsAsync(stoppingToken).ConfigureAwait(false);
                if (await executor.NextDueAsync(stoppingToken).ConfigureAwait(false) is { } next)
                {
                    var untilNext = next - time.GetUtcNow();
                    wait = untilNext < wait ? untilNext : wait;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The job executor failed; it tries again after the poll interval.");
            }
            var (earliest, signal) = wakeup.Peek();
            if (earliest != DateTimeOffset.MaxValue && earliest - time.GetUtcNow() < wait)
            {
                wait = earliest - time.GetUtcNow();
            }
            if (wait < MinimumWait)
            {
                wait = MinimumWait;
            }
            try
            {
                await Task.WhenAny(Task.Delay(wait, time, stoppingToken), signal).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
