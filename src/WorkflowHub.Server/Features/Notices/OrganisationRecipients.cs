using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Features.Identity;
using WorkflowHub.Server.Features.Organisation;
using WorkflowHub.Server.Identity;

namespace WorkflowHub.Server.Features.Notices;

/// <summary>
/// Entries of a notice's <c>to</c>/<c>cc</c> that name people by their place in the organisation, as the escalation
/// ladder does: <c>head:GROUP</c> is the group's head (单位负责人), <c>leaders:GROUP</c> the leaders linked (包联) to an
/// area the group is responsible for or to anything below such an area. <c>head:*</c> and <c>leaders:*</c> stand for
/// the candidate groups of the task the notice is about; the handler replaces the <c>*</c> before resolving.
/// </summary>
public static class OrganisationRecipients
{
    public const string Head = "head:";
    public const string Leaders = "leaders:";
    public const string TaskGroups = "*";

    /// <summary>Depth bound of the area hierarchy walk (区 &gt; 街道 &gt; 社区 &gt; 网格 with a few levels of sub-grids).</summary>
    private const int MaxDepth = 16;

    /// <summary>Replaces <c>head:*</c> and <c>leaders:*</c> by one entry per group of the task; other entries stay.</summary>
    public static IReadOnlyList<string> ForTask(IReadOnlyList<string> entries, string? taskGroups)
    {
        if (!entries.Any(e => e is Head + TaskGroups or Leaders + TaskGroups))
        {
            return entries;
        }
        var groups = (taskGroups ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (groups.Length == 0)
        {
            throw new NoticeRecipientException("the task the notice is about has no candidate group, so it has no unit head or linked leaders.");
        }
        return entries.SelectMany(e => e is Head + TaskGroups or Leaders + TaskGroups ? groups.Select(g => e[..^1] + g) : [e])
            .Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The user names an organisation entry stands for; null when the entry is not one.</summary>
    public static async Task<IReadOnlyList<string>?> PeopleAsync(DbContext db, string entry, CancellationToken ct)
    {
        if (entry.StartsWith(Head, StringComparison.Ordinal))
        {
            var group = await GroupAsync(db, entry[Head.Length..], ct);
            var head = await db.Set<HubUser>().AsNoTracking().Where(u => u.Id == group.HeadUserId).Select(u => u.UserName).FirstOrDefaultAsync(ct)
                ?? throw new NoticeRecipientException($"group '{group.Name}' ({group.Id}) has no head.");
            return [head!];
        }
        if (entry.StartsWith(Leaders, StringComparison.Ordinal))
        {
            var group = await GroupAsync(db, entry[Leaders.Length..], ct);
            var areas = await AreasOfAsync(db, group.Id, ct);
            var leaders = await (from l in db.Set<LeaderLink>().AsNoTracking()
                                 join u in db.Set<HubUser>() on l.LeaderUserId equals u.Id
                                 where l.AreaCode != null && areas.Contains(l.AreaCode)
                                 select u.UserName).Distinct().ToListAsync(ct);
            return leaders.Count > 0
                ? leaders.OrderBy(n => n, StringComparer.Ordinal).ToList()!
                : throw new NoticeRecipientException($"no leader is linked to an area of group '{group.Name}' ({group.Id}).");
        }
        return null;
    }

    private static async Task<HubGroup> GroupAsync(DbContext db, string id, CancellationToken ct) =>
        await db.Set<HubGroup>().AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, ct)
        ?? throw new NoticeRecipientException($"there is no group '{id}'.");

    /// <summary>The areas whose responsible group (their own, else inherited from above) is <paramref name="groupId"/>.</summary>
    private static async Task<HashSet<string>> AreasOfAsync(DbContext db, string groupId, CancellationToken ct)
    {
        var areas = await db.Set<Area>().AsNoTracking().Select(a => new { a.Code, a.ParentCode, a.AreaGroupId }).ToDictionaryAsync(a => a.Code, ct);
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var area in areas.Values)
        {
            var current = area;
            for (var depth = 0; current is not null && depth < MaxDepth; depth++)
            {
                if (current.AreaGroupId is not null)
                {
                    if (current.AreaGroupId == groupId)
                    {
                        result.Add(area.Code);
                    }
                    break;
                }
                current = current.ParentCode is null ? null : areas.GetValueOrDefault(current.ParentCode);
            }
        }
        return result;
    }
}
