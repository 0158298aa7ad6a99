using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Data;

namespace WorkflowHub.Server.Features.Definitions;

/// <summary>How many instances of one version are running, completed and cancelled.</summary>
public sealed record VersionInstanceCounts(string Key, int Version, int Running, int Completed, int Cancelled);

/// <summary>
/// What starting a process by hand asks for: the none start event's declared form fields (camunda:formData,
/// activiti/flowable:formProperty); empty when it declares none (the console then offers free variables).
/// </summary>
public sealed record StartForm(string Key, int Version, string? Name, string? StartEventId, string? StartEventName, IReadOnlyList<FormField> Fields);

/// <summary>The definitions list's instance counts per version, and the start form of "start an instance by hand".</summary>
public static class DefinitionUsageEndpoints
{
    public static RouteGroupBuilder MapDefinitionUsageEndpoints(this RouteGroupBuilder definitions)
    {
        definitions.MapGet("/instance-counts", CountAsync)
            .RequireAuthorization(HubPolicies.Operators)
            .WithSummary("Running, completed and cancelled instances per process key and version (?key= for one process), by key and newest version first.");
        definitions.MapGet("/{key}/start-form", StartFormAsync)
            .RequireAuthorization(HubPolicies.Operators)
            .WithSummary("The fields the start event of a version (the latest without ?version=) declares, for starting an instance by hand.");
        return definitions;
    }

    private static async Task<IResult> CountAsync(string? key, string? page, string? pageSize, HubDbContext db, HttpContext http, CancellationToken ct)
    {
        var paging = ApiRequest.Paging(http, page, pageSize, defaultSize: 200);
        var instances = db.Set<ProcessInstanceRecord>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(key))
        {
            instances = instances.Where(i => i.ProcessKey == key);
        }
        var rows = await instances.GroupBy(i => new { i.ProcessKey, i.ProcessVersion, i.Status })
            .Select(g => new { g.Key.ProcessKey, g.Key.ProcessVersion, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        var counts = rows.GroupBy(r => (r.ProcessKey, r.ProcessVersion))
            .Select(g => new VersionInstanceCounts(g.Key.ProcessKey, g.Key.ProcessVersion,
                g.Where(r => r.Status == InstanceStatus.Running).Sum(r => r.Count),
                g.Where(r => r.Status == InstanceStatus.Completed).Sum(r => r.Count),
                g.Where(r => r.Status == InstanceStatus.Cancelled).Sum(r => r.Count)))
            .OrderBy(c => c.Key, StringComparer.Ordinal).ThenByDescending(c => c.Version)
            .ToList();
        return TypedResults.Ok(PagedList<VersionInstanceCounts>.Slice(counts, paging));
    }

    private static async Task<IResult> StartFormAsync(string key, string? version, IDefinitionService definitions, CancellationToken ct)
    {
        var number = string.IsNullOrEmpty(version) ? (int?)null : ApiRequest.Int(version, "version", 1, 1, int.MaxValue);
        var model = await definitions.GetModelAsync(key, number, ct);
        if (model is null)
        {
            return TypedResults.NotFound();
        }
        var deployed = number ?? (await definitions.ListVersionsAsync(key, ct)).Max(v => v.Version);
        // A start by key starts at the none start event; message, timer and signal starts are not started by hand.
        var start = model.Root.Nodes.FirstOrDefault(n => n.Kind == ElementKind.StartEvent && n.Event.Kind == EventKind.None);
        return TypedResults.Ok(new StartForm(model.Key, deployed, model.Name, start?.Id, start?.Name, start?.FormFields ?? []));
    }
}
