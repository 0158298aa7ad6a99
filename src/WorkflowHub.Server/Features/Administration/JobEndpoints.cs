using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Data;

namespace WorkflowHub.Server.Features.Administration;

/// <summary>
/// A job (timer, async continuation) as administrators look at it across instances: where it belongs, when it is
/// due, its retries and last error, and the open incident it raised when its retries ran out.
/// </summary>
public sealed record JobView(
    string Id, string Kind, string? InstanceId, string? ProcessKey, string? BusinessKey, string ElementId, DateTimeOffset DueAt,
    int RetriesLeft, string? LastError, bool Suspended, string? LeaseOwner, DateTimeOffset? LeaseExpiresAt, string? IncidentId);

/// <summary>Which jobs: <c>Due</c> (due now and not suspended), <c>Failed</c> (a try failed: retrying, or suspended with an incident), <c>All</c>.</summary>
public enum JobState
{
    Due,
    Failed,
    All,
}

public static class JobEndpoints
{
    public static RouteGroupBuilder MapJobEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/jobs", ListAsync).WithSummary("Jobs across instances: ?state=Due|Failed|All, earliest due first, a page at a time.");
        return admin;
    }

    private static async Task<IResult> ListAsync(string? state, string? page, string? pageSize, HubDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var paging = ApiRequest.Paging(http, page, pageSize);
        var which = ApiRequest.Enum<JobState>(state, "state") ?? JobState.Due;
        var now = clock.GetUtcNow();
        var jobs = db.Set<JobRecord>().AsNoTracking();
        jobs = which switch
        {
            JobState.Due => jobs.Where(j => !j.Suspended && j.DueAt <= now),
            JobState.Failed => jobs.Where(j => j.LastError != null || j.Suspended),
            _ => jobs,
        };
        var list = await PagedList<JobRecord>.QueryAsync(jobs.OrderBy(j => j.DueAt).ThenBy(j => j.Id), paging, j => j, ct);
        var instanceIds = list.Items.Select(j => j.InstanceId).OfType<string>().Distinct().ToList();
        var instances = await db.Set<ProcessInstanceRecord>().AsNoTracking().Where(i => instanceIds.Contains(i.Id))
            .Select(i => new { i.Id, i.ProcessKey, i.BusinessKey }).ToDictionaryAsync(i => i.Id, ct);
        var jobIds = list.Items.Select(j => j.Id).ToList();
        var incidents = await db.Set<IncidentRecord>().AsNoTracking().Where(i => i.ResolvedAt == null && i.JobId != null && jobIds.Contains(i.JobId))
            .Select(i => new { i.Id, i.JobId }).ToListAsync(ct);
        var definitionIds = list.Items.Where(j => j.InstanceId is null && j.DefinitionId is not null).Select(j => j.DefinitionId!).Distinct().ToList();
        var definitions = await db.Set<ProcessDefinitionRecord>().AsNoTracking().Where(d => definitionIds.Contains(d.Id))
            .Select(d => new { d.Id, d.Key }).ToDictionaryAsync(d => d.Id, d => d.Key, ct);
        return TypedResults.Ok(list.With(list.Items.Select(j =>
        {
            var instance = j.InstanceId is not null && instances.TryGetValue(j.InstanceId, out var found) ? found : null;
            var processKey = instance?.ProcessKey ?? (j.DefinitionId is not null && definitions.TryGetValue(j.DefinitionId, out var key) ? key : null);
            return new JobView(j.Id, j.Kind.ToString(), j.InstanceId, processKey, instance?.BusinessKey, j.ElementId, j.DueAt, j.RetriesLeft, j.LastError,
                j.Suspended, j.LeaseOwner, j.LeaseExpiresAt, incidents.FirstOrDefault(i => i.JobId == j.Id)?.Id);
        }).ToList()));
    }
}
