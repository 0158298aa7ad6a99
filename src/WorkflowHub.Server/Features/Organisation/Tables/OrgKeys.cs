using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Categories;
using WorkflowHub.Server.Features.Identity;

namespace WorkflowHub.Server.Features.Organisation.Tables;

/// <summary>
/// The keys rows refer to (areas, groups, categories, users), loaded once per request and extended with the rows an
/// import stages, so a file may name a parent defined further down.
/// </summary>
public sealed class OrgKeys
{
    public Dictionary<string, (AreaLevel Level, string? Parent)> Areas { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, GroupKind> Groups { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string?> Categories { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> UserIdByName { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, string> UserNameById { get; } = new(StringComparer.Ordinal);

    public static async Task<OrgKeys> LoadAsync(HubDbContext db, CancellationToken ct)
    {
        var keys = new OrgKeys();
        foreach (var a in await db.Set<Area>().AsNoTracking().Select(a => new { a.Code, a.Level, a.ParentCode }).ToListAsync(ct))
        {
            keys.Areas[a.Code] = (a.Level, a.ParentCode);
        }
        foreach (var g in await db.Set<HubGroup>().AsNoTracking().Select(g => new { g.Id, g.Kind }).ToListAsync(ct))
        {
            keys.Groups[g.Id] = g.Kind;
        }
        foreach (var c in await db.Set<ProblemCategory>().AsNoTracking().Select(c => new { c.Code, c.ParentCode }).ToListAsync(ct))
        {
            keys.Categories[c.Code] = c.ParentCode;
        }
        foreach (var u in await db.Users.AsNoTracking().Select(u => new { u.Id, u.UserName }).ToListAsync(ct))
        {
            keys.UserIdByName[u.UserName ?? u.Id] = u.Id;
            keys.UserNameById[u.Id] = u.UserName ?? u.Id;
        }
        return keys;
    }

    public string? UserName(string? id) => id is null ? null : UserNameById.GetValueOrDefault(id, id);

    /// <summary>A user named in a row (user name, or Identity id), or an error on the column.</summary>
    public string? User(RowReader row, OrgColumn column, string? name)
    {
        if (name is null)
        {
            return null;
        }
        if (UserIdByName.TryGetValue(name, out var id) || UserNameById.ContainsKey(id = name))
        {
            return id;
        }
        row.Error(column.Name, $"There is no user '{name}'.");
        return null;
    }

    public string? Group(RowReader row, OrgColumn column, string? id, params GroupKind[] kinds)
    {
        if (id is null)
        {
            return null;
        }
        if (Groups.TryGetValue(id, out var kind) && (kinds.Length == 0 || kinds.Contains(kind)))
        {
            return id;
        }
        row.Error(column.Name, kinds.Length == 0
            ? $"There is no group '{id}'."
            : $"There is no {string.Join(" or ", kinds)} group '{id}'.");
        return null;
    }

    public string? Area(RowReader row, OrgColumn column, string? code, params AreaLevel[] levels)
    {
        if (code is null)
        {
            return null;
        }
        if (Areas.TryGetValue(code, out var area) && (levels.Length == 0 || levels.Contains(area.Level)))
        {
            return code;
        }
        row.Error(column.Name, levels.Length == 0
            ? $"There is no area '{code}'."
            : $"There is no {string.Join(" or ", levels)} area '{code}'.");
        return null;
    }

    public string? Category(RowReader row, OrgColumn column, string? code)
    {
        if (code is null || Categories.ContainsKey(code))
        {
            return code;
        }
        row.Error(column.Name, $"There is no category '{code}'.");
        return null;
    }

    /// <summary>The area and its ancestors, nearest first (bounded: a cycle cannot loop).</summary>
    public IEnumerable<string> AreaAndAncestors(string? code)
    {
        for (var depth = 0; code is not null && depth < 16 && Areas.TryGetValue(code, out var area); depth++, code = area.Parent)
        {
            yield return code;
        }
    }
}
