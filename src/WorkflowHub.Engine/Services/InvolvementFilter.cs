using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Persistence;

namespace WorkflowHub.Engine.Services;

/// <summary>The ids of the instances a <see cref="TaskInvolvement"/> reaches, as a subquery for instance and incident lists.</summary>
public static class InvolvementFilter
{
    public static IQueryable<string> InstanceIds(DbContext db, TaskInvolvement involvement)
    {
        var user = involvement.User;
        var groups = involvement.Groups.ToList();
        var offered = db.Set<TaskCandidateRecord>()
            .Where(c => (c.Kind == CandidateKind.User && c.Value == user) || (c.Kind == CandidateKind.Group && groups.Contains(c.Value)))
            .Select(c => c.TaskId);
        return db.Set<UserTaskRecord>().Where(t => t.Assignee == user || offered.Contains(t.Id)).Select(t => t.InstanceId);
    }
}
