using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Runtime;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Engine.Jobs;

/// <summary>
/// Acquires due jobs under a lease (one statement; on PostgreSQL with FOR UPDATE SKIP LOCKED so nodes never take
/// the same job) and runs each in a step of its own; the job row changes in that step's transaction, so a job
/// runs to completion once. A failure counts the job's retries down; at zero it becomes an incident.
/// </summary>
internal sealed class JobExecutor(
    StepRunner steps,
    IEngineDbContextFactory contexts,
    DefinitionCache definitions,
    StepConnections connections,
    TimeProvider time,
    IOptions<EngineOptions> options,
    ILogger<JobExecutor> logger) : IJobExecutor
{
    private readonly string _owner = options.Value.JobExecutor.NodeId ?? $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public async Task<int> ExecuteDueJobsAsync(CancellationToken ct = default)
    {
        var ran = 0;
        while (!ct.IsCancellationRequested)
        {
            var acquired = await AcquireAsync(ct).ConfigureAwait(false);
            if (acquired.Count == 0)
            {
                break;
            }
            foreach (var jobId in acquired)
            {
                await RunOneAsync(jobId, ct).ConfigureAwait(false);
                ran++;
            }
        }
        return ran;
    }

    /// <summary>When the next job can be acquired (due, and its lease expired), if any: the hosted executor sleeps until then.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var next = await db.Set<JobRecord>().Where(j => !j.Suspended)
            .Select(j => j.LeaseExpiresAt != null && j.LeaseExpiresAt > j.DueAt ? j.LeaseExpiresAt : (DateTimeOffset?)j.DueAt)
            .OrderBy(d => d).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        return next;
    }

    private async Task<List<string>> AcquireAsync(CancellationToken ct)
    {
        await using var connection = await connections.AcquireAsync(ct).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var skipLocked = connection.IsSqlite ? "" : " FOR UPDATE SKIP LOCKED";
        var sql = new SqlBatch()
            .Append($"UPDATE {EngineTables.Jobs} SET lease_owner = ").Param(_owner)
            .Append(", lease_expires_at = ").Param(SqlBatch.Ms(now + options.Value.JobExecutor.LeaseDuration))
            .Append($" WHERE id IN (SELECT id FROM {EngineTables.Jobs} WHERE suspended = ").Param(false)
            .Append(" AND due_at <= ").Param(SqlBatch.Ms(now))
            .Append(" AND (lease_expires_at IS NULL OR lease_expires_at < ").Param(SqlBatch.Ms(now))
            .Append(") ORDER BY due_at LIMIT ").Param(options.Value.JobExecutor.BatchSize)
            .Append(skipLocked).Append(") RETURNING id");
        return await connection.Session(null).QueryListAsync(sql, r => r.GetString(0), ct).ConfigureAwait(false);
    }

    private async Task RunOneAsync(string jobId, CancellationToken ct)
    {
        try
        {
            await steps.RunAsync((step, token) => ExecuteAsync(step, jobId, token), "job", FailureMode.Throw, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Job {JobId} failed.", jobId);
            await RecordFailureAsync(jobId, ex, ct).ConfigureAwait(false);
        }
    }

    private async Task<bool> ExecuteAsync(StepContext step, string jobId, CancellationToken ct)
    {
        var job = await InstanceStore.LoadJobAsync(step, jobId, ct).ConfigureAwait(false);
        if (job is null || job.LeaseOwner != _owner || job.Suspended)
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
        var definition = await InstanceStore.DefinitionByIdAsync(step, job.DefinitionId!, ct).ConfigureAwait(false);
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
            var job = await InstanceStore.LoadJobAsync(step, jobId, token).ConfigureAwait(false);
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
