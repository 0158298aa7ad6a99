using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Runtime;

namespace WorkflowHub.Engine.Services;

internal sealed class IncidentService(StepRunner steps, IEngineDbContextFactory contexts, ExternalTasks.ExternalTaskSignal externalTasks) : IIncidentService
{
    public async Task<Page<IncidentInfo>> QueryAsync(
        bool openOnly = true, string? instanceId = null, int pageNumber = 1, int pageSize = 50, TaskInvolvement? involvedWith = null, CancellationToken ct = default)
    {
        var (page, size) = Paging.Normalize(pageNumber, pageSize);
        await using var db = contexts.CreateDbContext();
        var q = db.Set<IncidentRecord>().AsNoTracking();
        if (openOnly)
        {
            q = q.Where(i => i.ResolvedAt == null);
        }
        if (instanceId is not null)
        {
            q = q.Where(i => i.InstanceId == instanceId);
        }
        if (involvedWith is not null)
        {
            var reached = InvolvementFilter.InstanceIds(db, involvedWith);
            q = q.Where(i => reached.Contains(i.InstanceId));
        }
        var rows = await q.OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct).ConfigureAwait(false);
        var total = await Paging.TotalAsync(q, rows.Count, page, size, ct).ConfigureAwait(false);
        return new Page<IncidentInfo>(rows.Select(i => new IncidentInfo(i.Id, i.InstanceId, i.TokenId, i.ElementId, i.ProcessKey, i.Kind,
            i.Message, i.JobId, i.CreatedAt, i.ResolvedAt)).ToList(), total, page, size);
    }

    /// <summary>
    /// A failed job gets one more try, due now; a token stopped in a step runs the failed phase again. Should it fail
    /// again, a new incident takes the old one's place.
    /// </summary>
    public Task RetryAsync(string incidentId, CancellationToken ct = default) => RetryAsync(incidentId, null, ct);

    public Task RetryAsync(string incidentId, string? actor, CancellationToken ct = default) =>
        steps.RunAsync(async (step, token) =>
        {
            var incident = await step.Db.Set<IncidentRecord>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == incidentId, token).ConfigureAwait(false)
                ?? throw new WorkflowNotFoundException($"Incident '{incidentId}' does not exist.");
            if (incident.ResolvedAt is not null)
            {
                throw new WorkflowConflictException($"Incident '{incidentId}' is already resolved.");
            }
            var x = await step.GetInstanceAsync(incident.InstanceId, token).ConfigureAwait(false);
            var failed = x?.FindToken(incident.TokenId);
            if (x is null || failed is null || failed.IncidentId != incidentId)
            {
                step.Effects.ResolvedIncidents.Add((incidentId, step.Now));
                return true;
            }
            var phase = failed.FailedPhase;
            x.ResolveIncident(failed);
            if (await ExternalTasks.ExternalTaskWaits.RetryIncidentAsync(step, incident, externalTasks, token).ConfigureAwait(false))
            {
                x.MarkDirty();
                return true;
            }
            if (incident.JobId is not null)
            {
                var job = await InstanceStore.LoadJobAsync(step, incident.JobId, token).ConfigureAwait(false);
                if (job is not null)
                {
                    job.Suspended = false;
                    job.RetriesLeft = 1;
                    job.DueAt = step.Now;
                    step.Effects.UpdatedJobs.Add(job);
                    step.Services.Wakeup.Notify(step.Now);
                }
                return true;
            }
            failed.State = TokenState.Active;
            x.Schedule(failed, phase switch
            {
                StepPhase.Leave => AgendaOp.Leave,
                StepPhase.Take => AgendaOp.Take,
                _ => AgendaOp.Enter,
            });
            return true;
        }, actor, FailureMode.Incident, ct);
}
