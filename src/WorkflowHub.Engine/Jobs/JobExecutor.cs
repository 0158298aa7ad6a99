using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Runtime;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Engine.Jobs;

/// <summary>
/// Acquires due jobs under a lease (<see cref="JobLeases"/>: one statement; on PostgreSQL with FOR UPDATE SKIP
/// LOCKED so nodes never take the same job) and runs each in a step of its own that re-checks the lease; the job
/// row changes in that step's transaction, so a job runs to completion once. A failure counts the job's retries down; at zero it becomes an incident.
/// </summary>
internal sealed class JobExecutor(
    StepRunner steps,
    JobLeases leases,
    DefinitionCache definitions,
    StepConnections connections,
    IOptions<EngineOptions> options,
    ILogger<JobExecutor> logger) : IJobExecutor
{
    public Task<int> ExecuteDueJobsAsync(CancellationToken ct = default) => ExecuteDueJobsAsync(ct, ct);

    /// <summary>
    /// Runs due jobs until none is left. After <paramref name="stopTaking"/> no further job starts (the one in
    /// flight finishes unless <paramref name="abort"/> fires too) and the jobs leased but not run are given back.
    /// </summary>
    internal async Task<int> ExecuteDueJobsAsync(CancellationToken stopTaking, CancellationToken abort)
    {
        var ran = 0;
        var pending = new Queue<string>();
        try
        {
            while (!stopTaking.IsCancellationRequested)
            {
                foreach (var id in await leases.AcquireAsync(options.Value.JobExecutor.BatchSize, stopTaking).ConfigureAwait(false))
                {
                    pending.Enqueue(id);
                }
                if (pending.Count == 0)
                {
                    break;
                }
                while (!stopTaking.IsCancellationRequested && pending.TryDequeue(out var jobId))
                {
                    ran += await RunOneAsync(jobId, abort).ConfigureAwait(false) ? 1 : 0;
                }
            }
        }
        finally
        {
            if (pending.Count > 0)
            {
                await ReleaseQuietlyAsync(pending).ConfigureAwait(false);
            }
        }
        return ran;
    }

    /// <summary>When the next job can be acquired (due, and its lease expired), if any: the hosted executor sleeps until then.</summary>
    public Task<DateTimeOffset?> NextDueAsync(CancellationToken ct) =>
        connections.ReadAsync(async (session, token) =>
        {
            // Two index-friendly minimums instead of one sort over every job: the earliest unleased due time, and
            // the earliest moment a leased job (due before its lease ends) can be taken over.
            var free = await session.ScalarAsync(new SqlBatch().Append($"SELECT MIN(due_at) FROM {EngineTables.Jobs} WHERE suspended = ").Param(false)
                .Append(" AND lease_expires_at IS NULL"), token).ConfigureAwait(false);
            var leased = await session.ScalarAsync(new SqlBatch().Append($"SELECT MIN(CASE WHEN due_at > lease_expires_at THEN due_at ELSE lease_expires_at END) FROM {EngineTables.Jobs} WHERE suspended = ").Param(false)
                .Append(" AND lease_expires_at IS NOT NULL"), token).ConfigureAwait(false);
            DateTimeOffset? next = null;
            foreach (var value in new[] { free, leased })
            {
                if (value is not null and not DBNull && DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)) is var at
                    && (next is null || at < next))
                {
                    next = at;
                }
            }
            return next;
        }, ct);

    /// <summary>Gives back what this node leased and will not run now; if the database does not answer, the leases simply expire.</summary>
    internal async Task ReleaseQuietlyAsync(IReadOnlyCollection<string>? jobIds = null)
    {
        try
        {
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await leases.ReleaseAsync(bounded.Token, jobIds).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not give back the leased jobs; their leases expire by themselves.");
        }
    }

    /// <summary>Runs one job this node leased, in a step that commits only while the lease is still this node's; false when it was not (any more).</summary>
    internal async Task<bool> RunOneAsync(string jobId, CancellationToken ct)
    {
        EngineMetrics.JobsRunning.Add(1);
        try
        {
            TimeSpan? lag = null;
            // Counted when the lease was still this node's (the job ran, or was found stale and deleted).
            var ran = await steps.RunAsync(async (step, token) =>
            {
                var moved = await ExecuteAsync(step, jobId, token).ConfigureAwait(false);
                lag = moved && step.CurrentJob is { Kind: JobKind.Timer or JobKind.TimerStart } timer ? step.Now - timer.DueAt : null;
                return step.CurrentJob is not null;
            }, "job", FailureMode.Throw, ct).ConfigureAwait(false);
            if (lag is { } late)
            {
                EngineMetrics.TimerLag.Record(Math.Max(0, late.TotalSeconds));
            }
            return ran;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !DatabaseOutage.Is(ex))
        {
            EngineMetrics.JobsFailed.Add(1);
            logger.LogWarning(ex, "Job {JobId} failed.", jobId);
            await RecordFailureAsync(jobId, ex, ct).ConfigureAwait(false);
            return true;
        }
        finally
        {
            // A job whose database failed is not counted down: its lease runs out and it comes back.
            leases.Forget(jobId);
            EngineMetrics.JobsRunning.Add(-1);
        }
    }

    private async Task<bool> ExecuteAsync(StepContext step, string jobId, CancellationToken ct)
    {
        var job = await leases.ConfirmAsync(step, jobId, ct).ConfigureAwait(false);
        if (job is null || job.Suspended)
        {
            return false;
        }
        step.CurrentJob = job;
        if (job.Kind == JobKind.TimerStart)
        {
            await StartByTimerAsync(step, job, ct).ConfigureAwait(false);
            return true;
        }
        var x = job.InstanceId is null ? null : await step.GetInstanceAsync(job.InstanceId, ct).ConfigureAwait(false);
        var token = job.TokenId is null ? null : x?.FindToken(job.TokenId);
        if (x is null || token is null || token.JobIds?.Contains(job.Id) != true)
        {
            step.Effects.DeleteJob(job.Id);
            return false;
        }
        if (job.Kind == JobKind.Continuation)
        {
            token.JobIds.Remove(job.Id);
            step.Effects.DeleteJob(job.Id);
            token.State = TokenState.Active;
            x.MarkDirty();
            if (Enum.TryParse<StepPhase>(job.Payload, out var phase) && phase == StepPhase.Take)
            {
                x.Schedule(token, AgendaOp.Take);
            }
            else
            {
                token.PastAsyncBefore = true;
                x.Schedule(token, AgendaOp.Enter);
            }
            return true;
        }
        x.History(HistoryTypes.TimerFired, token, data: new System.Text.Json.Nodes.JsonObject { ["elementId"] = job.ElementId, ["due"] = job.DueAt.ToString("o") });
        await x.TriggerAsync(token, new TimerFired(job.ElementId, job.Id), ct).ConfigureAwait(false);
        if (!step.Effects.UpdatedJobs.Contains(job) && !step.Effects.DeletedJobs.Contains(job.Id))
        {
            token.JobIds?.Remove(job.Id);
            step.Effects.DeleteJob(job.Id);
        }
        return true;
    }

    private async Task StartByTimerAsync(StepContext step, JobRecord job, CancellationToken ct)
    {
        var next = TimerSchedule.Next(job.Payload, job.DueAt);
        if (next is null)
        {
            step.Effects.DeleteJob(job.Id);
        }
        else
        {
            job.DueAt = next.DueAt;
            job.Payload = next.Payload;
            step.Effects.UpdatedJobs.Add(job);
        }
        var definition = await definitions.GetRecordAsync(step, job.DefinitionId!, ct).ConfigureAwait(false);
        if (definition is null)
        {
            return;
        }
        var model = await definitions.GetAsync(step, definition.Id, ct).ConfigureAwait(false);
        var x = step.CreateInstance(definition, model, null);
        x.Begin(model.GetNode(job.ElementId), null);
    }

    /// <summary>In a step of its own: one retry fewer and a later due time, or at zero a suspended job with an incident.</summary>
    private async Task RecordFailureAsync(string jobId, Exception error, CancellationToken ct)
    {
        var message = error is ElementFailure ? error.Message : $"{error.GetType().Name}: {error.Message}";
        await steps.RunAsync(async (step, token) =>
        {
            var job = await leases.ConfirmAsync(step, jobId, token).ConfigureAwait(false);
            if (job is null)
            {
                return false;
            }
            var x = job.InstanceId is null ? null : await step.GetInstanceAsync(job.InstanceId, token).ConfigureAwait(false);
            var node = x?.Model.Nodes.GetValueOrDefault(job.ElementId);
            var retry = RetryCycle.Parse(node?.FailedJobRetryTimeCycle ?? step.Services.Options.DefaultRetryCycle);
            job.LastError = message.Length > 4000 ? message[..4000] : message;
            var retriesBefore = job.RetriesLeft;
            job.RetriesLeft = Math.Max(0, job.RetriesLeft - 1);
            if (job.RetriesLeft == 0)
            {
                job.Suspended = true;
                if (x is not null && node is not null && job.TokenId is not null && x.FindToken(job.TokenId) is { } waiter)
                {
                    x.RaiseIncident(waiter, node, phase: null, "failedJob", job.LastError, job.Id);
                }
            }
            else
            {
                job.DueAt = retry.IntervalBefore(retriesBefore).TryAddTo(step.Now, out var due) ? due : DateTimeOffset.MaxValue;
            }
            step.Effects.UpdatedJobs.Add(job);
            return true;
        }, "job", FailureMode.Throw, ct).ConfigureAwait(false);
    }
}
