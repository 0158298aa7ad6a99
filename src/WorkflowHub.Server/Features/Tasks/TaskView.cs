using System.Text.Json.Nodes;
using WorkflowHub.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Identity;

namespace WorkflowHub.Server.Features.Tasks;

public sealed record CandidateGroupView(string Id, string? Name);

/// <summary>
/// A task with what a person needs to act on it: the process's name, the business key, the variables its form
/// declares (without a declaration, the instance's variables), due and follow-up dates, the candidate groups with
/// their names, and where the instance stands now.
/// </summary>
public sealed record TaskView(
    string Id, string InstanceId, string ElementId, string? Name, string ProcessKey, int? ProcessVersion, string? ProcessName, string? BusinessKey,
    string? Assignee, IReadOnlyList<string> CandidateUsers, IReadOnlyList<CandidateGroupView> CandidateGroups,
    DateTimeOffset? DueDate, DateTimeOffset? FollowUpDate, int Priority, string? FormKey, DateTimeOffset CreatedAt, DateTimeOffset? ClaimedAt,
    IReadOnlyList<string>? FormFields, IReadOnlyDictionary<string, JsonNode?> Variables, IReadOnlyList<ActivityInstanceInfo> CurrentActivities);

/// <summary>What completing a task did: the instance's status now and its open tasks the caller may see.</summary>
public sealed record CompletionAnswer(string TaskId, string InstanceId, InstanceStatus? Status, IReadOnlyList<TaskView> Tasks);

/// <summary>Builds <see cref="TaskView"/>s (scoped: one request's reads of instances, models and group names).</summary>
public sealed class TaskViews(IRuntimeService runtime, IDefinitionService definitions, TaskFormFields forms, HubDbContext db)
{
    /// <summary>Group names read in this request; null for an id that names no group.</summary>
    private readonly Dictionary<string, string?> _groupNames = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<TaskView>> ViewAsync(IReadOnlyList<TaskInfo> tasks, CancellationToken ct) =>
        await ViewAsync(tasks, await runtime.GetInstancesAsync(tasks.Select(t => t.InstanceId).ToList(), ct), ct);

    /// <summary>Tasks of one instance the caller has just read (a completion's answer): no second read of it.</summary>
    public async Task<IReadOnlyList<TaskView>> ViewAsync(IReadOnlyList<TaskInfo> tasks, InstanceDetail? instance, CancellationToken ct) =>
        await ViewAsync(tasks, instance is null ? new Dictionary<string, InstanceDetail>() : new Dictionary<string, InstanceDetail> { [instance.Summary.Id] = instance }, ct);

    private async Task<IReadOnlyList<TaskView>> ViewAsync(IReadOnlyList<TaskInfo> tasks, IReadOnlyDictionary<string, InstanceDetail> instances, CancellationToken ct)
    {
        var views = new List<TaskView>(tasks.Count);
        await LoadGroupNamesAsync(tasks, ct);
        foreach (var task in tasks)
        {
            views.Add(await ViewAsync(task, instances.GetValueOrDefault(task.InstanceId), ct));
        }
        return views;
    }

    public async Task<TaskView> ViewAsync(TaskInfo task, CancellationToken ct) =>
        await ViewAsync(task, await runtime.GetInstanceAsync(task.InstanceId, ct), ct);

    /// <summary>The variable names the task's form declares (null: no declaration), from the engine's compiled model.</summary>
    public async Task<IReadOnlySet<string>?> FormFieldsAsync(TaskInfo task, int? version, CancellationToken ct)
    {
        var model = await definitions.GetModelAsync(task.ProcessKey, version, ct);
        return model?.Nodes.GetValueOrDefault(task.ElementId) is { } node ? await forms.FieldsOfAsync(node, ct) : null;
    }

    private async Task<TaskView> ViewAsync(TaskInfo task, InstanceDetail? instance, CancellationToken ct)
    {
        var version = instance?.Summary.ProcessVersion;
        var model = await definitions.GetModelAsync(task.ProcessKey, version, ct);
        var fields = model?.Nodes.GetValueOrDefault(task.ElementId) is { } node ? await forms.FieldsOfAsync(node, ct) : null;
        var all = instance?.Variables ?? new Dictionary<string, JsonNode?>();
        var variables = fields is null
            ? all
            : fields.Where(all.ContainsKey).ToDictionary(f => f, f => all[f], StringComparer.Ordinal);
        await LoadGroupNamesAsync([task], ct);
        return new TaskView(
            task.Id, task.InstanceId, task.ElementId, task.Name, task.ProcessKey, version, model?.Name, task.BusinessKey,
            task.Assignee, task.CandidateUsers, task.CandidateGroups.Select(g => new CandidateGroupView(g, _groupNames.GetValueOrDefault(g))).ToList(),
            task.DueDate, task.FollowUpDate, task.Priority, task.FormKey, task.CreatedAt, task.ClaimedAt,
            fields?.Order(StringComparer.Ordinal).ToList(), variables, instance?.Activities ?? []);
    }

    /// <summary>
    /// The names of the candidate groups of these tasks not read yet in this request: only those (a city has hundreds
    /// of groups), and no query at all for tasks without candidate groups.
    /// </summary>
    private async Task LoadGroupNamesAsync(IReadOnlyList<TaskInfo> tasks, CancellationToken ct)
    {
        var missing = tasks.SelectMany(t => t.CandidateGroups).Where(g => !_groupNames.ContainsKey(g)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count == 0)
        {
            return;
        }
        missing.ForEach(g => _groupNames[g] = null);
        foreach (var group in await db.Set<HubGroup>().AsNoTracking().Where(g => missing.Contains(g.Id)).Select(g => new { g.Id, g.Name }).ToListAsync(ct))
        {
            _groupNames[group.Id] = group.Name;
        }
    }
}
