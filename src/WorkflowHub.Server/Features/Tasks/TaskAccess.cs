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
public sealed class TaskAccess(UserDirectory directory, ITaskService tasks, HubDbContext db)
{
    private Viewer? _viewer;

    public sealed record Viewer(string UserName, bool SeesAll, bool MayReassign, IReadOnlyList<string> Groups);

    public async Task<Viewer> ViewerAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (_viewer is not null)
        {
            return _viewer;
        }
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var groups = (await directory.GroupsOfAsync(id, ct))
            .Concat(user.FindAll(ClaimTypes.Role).Select(c => c.Value))
            .Distinct(StringComparer.Ordinal).ToList();
        return _viewer = new Viewer(
            user.UserName(),
            HubPolicies.SeeAllTasksRoles.Any(user.IsInRole),
            user.IsInRole(HubRoles.Administrator) || user.IsInRole(HubRoles.Leader),
            groups);
    }

    public static bool IsCandidate(Viewer viewer, TaskInfo task) =>
        task.CandidateUsers.Contains(viewer.UserName, StringComparer.Ordinal)
        || task.CandidateGroups.Any(g => viewer.Groups.Contains(g, StringComparer.Ordinal));

    public static bool CanSee(Viewer viewer, TaskInfo task) =>
        viewer.SeesAll || task.Assignee == viewer.UserName || IsCandidate(viewer, task);

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
