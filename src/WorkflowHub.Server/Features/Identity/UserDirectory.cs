using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Identity;

namespace WorkflowHub.Server.Features.Identity;

/// <summary>Looks up users and their groups for the API (scoped: shares the request's <see cref="HubDbContext"/>).</summary>
public sealed class UserDirectory(HubDbContext db, UserManager<HubUser> users)
{
    /// <summary>The ids of the groups a user (by Identity id) belongs to.</summary>
    public async Task<IReadOnlyList<string>> GroupsOfAsync(string userId, CancellationToken ct) =>
        await db.Set<HubGroupMember>().AsNoTracking().Where(m => m.UserId == userId).Select(m => m.GroupId).ToListAsync(ct);

    /// <summary>A user by Identity id, or else by user name; null when neither matches.</summary>
    public async Task<HubUser?> FindAsync(string idOrName) =>
        await users.FindByIdAsync(idOrName) ?? await users.FindByNameAsync(idOrName);
}
