using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Identity;

namespace WorkflowHub.Server.Features.Identity;

/// <summary>Looks up users and their groups for the API (scoped: shares the request's <see cref="HubDbContext"/>).</summary>
public sealed class UserDirectory(HubDbContext db, UserManager<HubUser> users)
{
    /// <summary>The ids of the groups a user (by Identity id) belongs to.</summary>
    public Task<IReadOnlyList<string>> GroupsOfAsync(string userId, CancellationToken ct) => GroupsOfAsync(db, userId, ct);

    /// <summary>
    /// The same on a given context, for every request's access check (<see cref="Tasks.TaskAccess"/>), which thus
    /// needs no <see cref="UserManager{TUser}"/> (building one per request resolves its stores, validators and token providers).
    /// </summary>
    public static async Task<IReadOnlyList<string>> GroupsOfAsync(HubDbContext db, string userId, CancellationToken ct) =>
        await db.Set<HubGroupMember>().AsNoTracking().Where(m => m.UserId == userId).Select(m => m.GroupId).ToListAsync(ct);

    /// <summary>Field errors (<c>groups[i]</c>) for group ids that name no group; empty when every one does.</summary>
    public async Task<Dictionary<string, string[]>> CheckGroupsAsync(IReadOnlyList<string> groupIds, CancellationToken ct)
    {
        var wanted = groupIds.Select(g => g?.Trim() ?? "").ToList();
        var known = await db.Set<HubGroup>().AsNoTracking().Where(g => wanted.Contains(g.Id)).Select(g => g.Id).ToListAsync(ct);
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < wanted.Count; i++)
        {
            if (!known.Contains(wanted[i]))
            {
                errors[$"groups[{i}]"] = [$"There is no group '{wanted[i]}'."];
            }
        }
        return errors;
    }

    /// <summary>Replaces a user's group memberships with existing groups (see <see cref="CheckGroupsAsync"/>) and saves.</summary>
    public async Task SetGroupsAsync(string userId, IReadOnlyList<string> groupIds, CancellationToken ct)
    {
        var wanted = groupIds.Select(g => g.Trim()).Distinct().ToList();
        var current = await db.Set<HubGroupMember>().Where(m => m.UserId == userId).ToListAsync(ct);
        db.RemoveRange(current.Where(m => !wanted.Contains(m.GroupId)));
        db.AddRange(wanted.Where(g => current.All(m => m.GroupId != g)).Select(g => new HubGroupMember { GroupId = g, UserId = userId }));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A user by Identity id, or else by user name; null when neither matches.</summary>
    public async Task<HubUser?> FindAsync(string idOrName) =>
        await users.FindByIdAsync(idOrName) ?? await users.FindByNameAsync(idOrName);
}
