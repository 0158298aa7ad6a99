using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WorkflowHub.Engine.Jobs;

/// <summary>
/// Runs the job executor in the background: it sleeps until the next job is due, a step announces an earlier
/// one (in this process, or on PostgreSQL another node through NOTIFY), or the poll interval passes, whichever
/// comes first. Beside it, the leases of the jobs it holds are renewed every third of a lease.
/// On stop (SIGTERM) it takes no further job, lets the step in flight finish, gives back the leases it holds and
/// returns; the step is cancelled only when the host's shutdown timeout runs out.
/// </summary>
internal sealed class JobExecutorHostedService(
    JobExecutor executor,
    JobLeases leases,
    JobWakeup wakeup,
    TimeProvider time,
    IOptions<EngineOptions> options,
    ILogger<JobExecutorHostedService> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(5);
    private readonly CancellationTokenSource _stopTaking = new();
    private readonly CancellationTokenSource _abort = new();
    private Task? _loop;
    private Task? _renewal;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => RunAsync(_stopTaking.Token), CancellationToken.None);
        _renewal = Task.Run(() => RenewAsync(_stopTaking.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopTaking.CancelAsync().ConfigureAwait(false);
        using var abortAtTimeout = cancellationToken.Register(() => _abort.Cancel());
        var running = Task.WhenAll(_loop ?? Task.CompletedTask, _renewal ?? Task.CompletedTask);
        await running.WaitAsync(Timeout.InfiniteTimeSpan, CancellationToken.None).ConfigureAwait(false);
        await executor.ReleaseQuietlyAsync().ConfigureAwait(false);
    }

    public void Dispose()
    {
        _stopTaking.Dispose();
        _abort.Dispose();
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var poll = options.Value.JobExecutor.PollInterval;
        try
        {
            if (await leases.ReclaimOrphanedAsync(stoppingToken).ConfigureAwait(false) is > 0 and var reclaimed)
            {
                logger.LogWarning("Took back {Count} job lease(s) left by an earlier process on this SQLite file (it stopped without giving them back).", reclaimed);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not take back the job leases of an earlier process; they become free when they expire.");
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            wakeup.Reset();
            var wait = poll;
            try
            {
                await executor.ExecuteDueJobsAsync(stoppingToken, _abort.Token).ConfigureAwait(false);
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

    private async Task RenewAsync(CancellationToken stoppingToken)
    {
        var every = options.Value.JobExecutor.LeaseDuration / 3;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, time, stoppingToken).ConfigureAwait(false);
                await leases.RenewAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not renew the job leases; jobs whose lease runs out go to another node.");
            }
        }
    }
}
