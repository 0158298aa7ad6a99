using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Identity;
using WorkflowHub.Server.Features.Organisation;
using WorkflowHub.Server.Identity;

namespace WorkflowHub.Server.Features.Cases;

/// <summary>
/// Which cases a user may see (scoped data): administrators, the problem-collection group (dispatchers) and the
/// supervision group see all; everyone else sees the cases of the groups they belong to or head (area staff their area
/// group, sector staff their sector group), of the grids they lead or serve in and the areas their leaders' links name
/// (包联, with everything below), and those they registered or handle. A case outside one's scope does not exist (404).
/// </summary>
public sealed class CaseScope(HubDbContext db)
{
    private static readonly string[] SeeAllRoles = [HubRoles.Administrator, HubRoles.Dispatcher, HubRoles.Supervisor];

    public sealed record Viewer(string UserName, bool SeesAll, IReadOnlyList<string> Groups, IReadOnlyList<string> Areas);

    public async Task<Viewer> ViewerAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var name = user.UserName();
        if (SeeAllRoles.Any(user.IsInRole))
        {
            return new Viewer(name, true, [], []);
        }
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var groups = await db.Set<HubGroupMember>().Where(m => m.UserId == id).Select(m => m.GroupId)
            .Union(db.Set<HubGroup>().Where(g => g.HeadUserId == id).Select(g => g.Id)).ToListAsync(ct);
        var roots = await db.Set<AreaMember>().Where(m => m.UserId == id).Select(m => m.AreaCode)
            .Union(db.Set<Area>().Where(a => a.GridLeaderUserId == id).Select(a => a.Code))
            .Union(db.Set<LeaderLink>().Where(l => l.LeaderUserId == id && l.AreaCode != null).Select(l => l.AreaCode!)).ToListAsync(ct);
        return new Viewer(name, false, groups, roots.Count == 0 ? [] : await DescendantsAsync(roots, ct));
    }

    /// <summary>The cases the viewer may see.</summary>
    public static IQueryable<ProblemCase> Apply(IQueryable<ProblemCase> cases, Viewer viewer) =>
        viewer.SeesAll
            ? cases
            : cases.Where(c => (c.AreaGroupId != null && viewer.Groups.Contains(c.AreaGroupId))
                || (c.SectorGroupId != null && viewer.Groups.Contains(c.SectorGroupId))
                || (c.AreaCode != null && viewer.Areas.Contains(c.AreaCode))
                || c.CreatedBy == viewer.UserName
                || c.Assignee == viewer.UserName);

    /// <summary>The areas and everything below them (the hierarchy is small: read once).</summary>
    private async Task<List<string>> DescendantsAsync(IReadOnlyList<string> roots, CancellationToken ct)
    {
        var children = (await db.Set<Area>().AsNoTracking().Where(a => a.ParentCode != null).Select(a => new { a.Code, a.ParentCode }).ToListAsync(ct))
            .ToLookup(a => a.ParentCode!, a => a.Code);
        var result = new HashSet<string>(roots, StringComparer.Ordinal);
        var pending = new Queue<string>(roots);
        while (pending.TryDequeue(out var code))
        {
            foreach (var child in children[code])
            {
                if (result.Add(child))
                {
                    pending.Enqueue(child);
                }
            }
        }
        return [.. result];
    }
}
