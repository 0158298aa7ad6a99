using System.Security.Claims;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Features.Identity;
using WorkflowHub.Server.Identity;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Tasks.Actions;

namespace WorkflowHub.Server.Features.Tasks;

/// <summary>
/// Who sees which task: the assignee and the candidates (the user by name, or one of the user's groups or roles),
/// which also gives a leader the tasks of the groups they are linked to; supervisors and administrators see every
/// task. A task one may not see is answered as if it did not exist (404).
/// </summary>
public sealed class TaskAccess(ITaskService tasks, HubDbContext db, GroupMembershipCache memberships)
{
    private Viewer? _viewer;

    public sealed record Viewer(string UserName, bool SeesAll, bool MayReassign, IReadOnlyList<string> Groups)
    {
        /// <summary>Administrators may write any variable when completing a task.</summary>
        public bool IsAdministrator { get; init; }

        /// <summary>Dispatchers, supervisors and administrators read every instance; others those where they see a task.</summary>
        public bool SeesAllInstances { get; init; }
    }

    public async Task<Viewer> ViewerAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (_viewer is not null)
        {
            return _viewer;
        }
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var groups = (await memberships.GroupsOfAsync(db, id, ct))
            .Concat(user.FindAll(ClaimTypes.Role).Select(c => c.Value))
            .Distinct(StringComparer.Ordinal).ToList();
        return _viewer = new Viewer(
            user.UserName(),
            HubPolicies.SeeAllTasksRoles.Any(user.IsInRole),
            user.IsInRole(HubRoles.Administrator) || user.IsInRole(HubRoles.Leader),
            groups)
        {
            IsAdministrator = user.IsInRole(HubRoles.Administrator),
            SeesAllInstances = user.IsInRole(HubRoles.Administrator) || user.IsInRole(HubRoles.Dispatcher) || user.IsInRole(HubRoles.Supervisor),
        };
    }

    public static bool IsCandidate(Viewer viewer, TaskInfo task) =>
        task.CandidateUsers.Contains(viewer.UserName, StringComparer.Ordinal)
        || task.CandidateGroups.Any(g => viewer.Groups.Contains(g, StringComparer.Ordinal));

    public static bool CanSee(Viewer viewer, TaskInfo task) =>
        viewer.SeesAll || task.Assignee == viewer.UserName || IsCandidate(viewer, task);

    /// <summary>
    /// Whether the user may read (and, with the role for it, act on) an instance: dispatchers, supervisors and
    /// administrators every one; leaders and staff those with an open task they may see, so a leader's reach is the
    /// groups they are linked to. Otherwise the instance is answered as missing (404).
    /// </summary>
    public async Task EnsureInstanceVisibleAsync(ClaimsPrincipal user, string instanceId, CancellationToken ct)
    {
        if (await InstanceReachAsync(user, ct) is not { } reach)
        {
            return;
        }
        var visible = await tasks.QueryAsync(new TaskQuery
        {
            InstanceId = instanceId, InvolvedUser = reach.User, InvolvedGroups = reach.Groups, PageSize = 1,
        }, ct);
        if (visible.Total == 0)
        {
            throw new WorkflowNotFoundException($"Process instance '{instanceId}' does not exist.");
        }
    }

    /// <summary>
    /// The instances the user may read in lists (instances, incidents): null for dispatchers, supervisors and
    /// administrators (every one), else those with an open task they may see (the rule of <see cref="EnsureInstanceVisibleAsync"/>).
    /// </summary>
    public async Task<TaskInvolvement?> InstanceReachAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var viewer = await ViewerAsync(user, ct);
        return viewer.SeesAllInstances ? null : new TaskInvolvement(viewer.UserName, viewer.Groups);
    }

    /// <summary>The open tasks of an instance the user may see.</summary>
    public async Task<IReadOnlyList<TaskInfo>> VisibleTasksOfAsync(ClaimsPrincipal user, string instanceId, CancellationToken ct)
    {
        var viewer = await ViewerAsync(user, ct);
        var page = await tasks.QueryAsync(new TaskQuery
        {
            InstanceId = instanceId,
            InvolvedUser = viewer.SeesAll ? null : viewer.UserName,
            InvolvedGroups = viewer.SeesAll ? null : viewer.Groups,
            PageSize = 100,
        }, ct);
        return page.Items;
    }

    /// <summary>The task if it exists and the user may see it; otherwise a 404 for both cases alike.</summary>
    public async Task<(Viewer Viewer, TaskInfo Task)> GetVisibleAsync(ClaimsPrincipal user, string taskId, CancellationToken ct)
    {
        var viewer = await ViewerAsync(user, ct);
        var task = await tasks.GetAsync(taskId, ct);
        if (task is null || !(CanSee(viewer, task) || await IsInvolvedAsync(viewer, task, ct)))
        {
            throw new WorkflowNotFoundException($"Task '{taskId}' does not exist or is already completed.");
        }
        return (viewer, task);
    }

    /// <summary>The owner after 转办/委派, a co-signer (加签) and a recipient of a copy (抄送) see the task too.</summary>
    private async Task<bool> IsInvolvedAsync(Viewer viewer, TaskInfo task, CancellationToken ct) =>
        await db.Set<TaskActionState>().AnyAsync(s => s.TaskId == task.Id && s.Owner == viewer.UserName, ct)
        || await db.Set<TaskCoSign>().AnyAsync(c => c.TaskId == task.Id && c.UserName == viewer.UserName && c.Status != CoSignStatus.Cancelled, ct)
        || await db.Set<CarbonCopy>().AnyAsync(c => c.InstanceId == task.InstanceId
            && (c.RecipientUser == viewer.UserName || (c.RecipientGroup != null && viewer.Groups.Contains(c.RecipientGroup))), ct);
}
