using System.Linq.Expressions;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Identity;

namespace WorkflowHub.Server.Features.Organisation.Tables;

/// <summary>区 &gt; 街道·片区 &gt; 社区 &gt; 网格 (&gt; 子网格), with the responsible 片区行动组, the grid leader and members.</summary>
public sealed class AreasTable(TimeProvider time) : OrgTable<Area>
{
    private static readonly OrgColumn Code = new("code", "编码", ColumnType.Text, true, Area.CodeMaxLength);
    private static readonly OrgColumn AreaName = new("name", "名称", ColumnType.Text, true, 100);
    private static readonly OrgColumn Level = OrgColumn.Choice<AreaLevel>("level", "层级");
    private static readonly OrgColumn Parent = new("parent", "上级编码", ColumnType.Text, false, Area.CodeMaxLength);
    private static readonly OrgColumn AreaGroup = new("areaGroup", "片区行动组", ColumnType.Text, false, HubGroup.IdMaxLength);
    private static readonly OrgColumn GridLeader = new("gridLeader", "网格长", ColumnType.Text, false, 256);
    private static readonly OrgColumn Members = new("members", "网格员", ColumnType.List);

    public override string Name => "areas";

    public override string Title => "区域网格";

    public override IReadOnlyList<OrgColumn> Columns { get; } = [Code, AreaName, Level, Parent, AreaGroup, GridLeader, Members];

    protected override IQueryable<Area> Query(HubDbContext db) => db.Set<Area>().Include(a => a.Members).OrderBy(a => a.Code);

    protected override Expression<Func<Area, bool>> HasKey(string key) => a => a.Code == key;

    protected override JsonObject ToRow(Area a, OrgKeys keys) => new()
    {
        ["code"] = a.Code,
        ["name"] = a.Name,
        ["level"] = a.Level.ToString(),
        ["parent"] = a.ParentCode,
        ["areaGroup"] = a.AreaGroupId,
        ["gridLeader"] = keys.UserName(a.GridLeaderUserId),
        ["members"] = new JsonArray([.. a.Members.Select(m => (JsonNode?)keys.UserName(m.UserId)).OrderBy(n => n?.ToString(), StringComparer.Ordinal)]),
    };

    protected override void PreStage(JsonObject row, OrgKeys keys)
    {
        if (row["code"]?.ToString().Trim() is { Length: > 0 } code && Enum.TryParse<AreaLevel>(row["level"]?.ToString(), true, out var level))
        {
            keys.Areas[code] = (level, row["parent"]?.ToString().Trim() is { Length: > 0 } p ? p : null);
        }
    }

    protected override Area? Apply(Area? area, RowReader row, OrgKeys keys)
    {
        var code = row.Text(Code);
        var name = row.Text(AreaName);
        var level = row.Choice<AreaLevel>(Level);
        var parentCode = row.Text(Parent);
        var group = keys.Group(row, AreaGroup, row.Text(AreaGroup), GroupKind.Area);
        var leader = keys.User(row, GridLeader, row.Text(GridLeader));
        var members = row.List(Members).Select(m => keys.User(row, Members, m)).OfType<string>().Distinct().ToList();
        if (code is null || name is null || level is null)
        {
            return null;
        }
        AreaLevel[] parents = level switch
        {
            AreaLevel.Street => [AreaLevel.District],
            AreaLevel.Community => [AreaLevel.Street],
            AreaLevel.Grid => [AreaLevel.Community, AreaLevel.Grid],
            _ => [],
        };
        if (parents.Length == 0 && parentCode is not null)
        {
            row.Error(Parent.Name, "A district has no parent.");
        }
        else if (parents.Length > 0 && parentCode is null)
        {
            row.Error(Parent.Name, $"A {level} needs a parent ({string.Join(" or ", parents)}).");
        }
        else if (parentCode is not null && (parentCode == code || keys.AreaAndAncestors(parentCode).Contains(code)))
        {
            row.Error(Parent.Name, "The parent cannot be the area itself or below it.");
        }
        else if (parentCode is not null)
        {
            keys.Area(row, Parent, parentCode, parents);
        }
        if (leader is not null && level != AreaLevel.Grid)
        {
            row.Error(GridLeader.Name, "Only a grid has a grid leader.");
        }
        area ??= new Area { Code = code };
        area.Name = name;
        area.Level = level.Value;
        area.ParentCode = parentCode;
        area.AreaGroupId = group;
        area.GridLeaderUserId = leader;
        area.UpdatedAt = time.GetUtcNow();
        area.Members.RemoveAll(m => !members.Contains(m.UserId));
        area.Members.AddRange(members.Where(u => area.Members.All(m => m.UserId != u)).Select(u => new AreaMember { AreaCode = code, UserId = u }));
        return area;
    }

    protected override async Task<string?> InUseAsync(HubDbContext db, Area area, CancellationToken ct) =>
        await db.Set<Area>().AnyAsync(a => a.ParentCode == area.Code, ct)
            ? $"'{area.Name}' still has areas below it."
            : null;
}
