using System.Linq.Expressions;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Categories;
using WorkflowHub.Server.Features.Identity;

namespace WorkflowHub.Server.Features.Organisation.Tables;

/// <summary>The groups (片区行动组, 行业领域组, 功能组, 创城办, 领导小组) with their head (the "unit head") and members.</summary>
public sealed partial class GroupsTable(TimeProvider time) : OrgTable<HubGroup>
{
    private static readonly OrgColumn Id = new("id", "组编码", ColumnType.Text, true, HubGroup.IdMaxLength);
    private static readonly OrgColumn GroupName = new("name", "名称", ColumnType.Text, true, HubGroup.NameMaxLength);
    private static readonly OrgColumn Kind = OrgColumn.Choice<GroupKind>("kind", "类型");
    private static readonly OrgColumn Head = new("head", "组长", ColumnType.Text, false, 256);
    private static readonly OrgColumn Members = new("members", "成员", ColumnType.List);

    public override string Name => "groups";

    public override string Title => "工作组";

    public override IReadOnlyList<OrgColumn> Columns { get; } = [Id, GroupName, Kind, Head, Members];

    protected override IQueryable<HubGroup> Query(HubDbContext db) => db.Set<HubGroup>().Include(g => g.Members).OrderBy(g => g.Kind).ThenBy(g => g.Id);

    protected override Expression<Func<HubGroup, bool>> HasKey(string key) => g => g.Id == key;

    protected override JsonObject ToRow(HubGroup g, OrgKeys keys) => new()
    {
        ["id"] = g.Id,
        ["name"] = g.Name,
        ["kind"] = g.Kind.ToString(),
        ["head"] = keys.UserName(g.HeadUserId),
        ["members"] = new JsonArray([.. g.Members.Select(m => (JsonNode?)keys.UserName(m.UserId)).OrderBy(n => n?.ToString(), StringComparer.Ordinal)]),
    };

    protected override void PreStage(JsonObject row, OrgKeys keys)
    {
        if (row["id"]?.ToString().Trim() is { Length: > 0 } id && Enum.TryParse<GroupKind>(row["kind"]?.ToString(), true, out var kind))
        {
            keys.Groups[id] = kind;
        }
    }

    protected override HubGroup? Apply(HubGroup? group, RowReader row, OrgKeys keys)
    {
        var id = row.Text(Id);
        var name = row.Text(GroupName);
        var kind = row.Choice<GroupKind>(Kind);
        var head = keys.User(row, Head, row.Text(Head));
        var members = row.List(Members).Select(m => keys.User(row, Members, m)).OfType<string>().Distinct().ToList();
        if (id is not null && !GroupIdPattern().IsMatch(id))
        {
            row.Error(Id.Name, "The id may hold letters, digits, '_', '-' and '.' only.");
            return null;
        }
        if (id is null || name is null || kind is null)
        {
            return null;
        }
        group ??= new HubGroup { Id = id, CreatedAt = time.GetUtcNow() };
        group.Name = name;
        group.Kind = kind.Value;
        group.HeadUserId = head;
        group.Members.RemoveAll(m => !members.Contains(m.UserId));
        group.Members.AddRange(members.Where(u => group.Members.All(m => m.UserId != u)).Select(u => new HubGroupMember { GroupId = id, UserId = u }));
        return group;
    }

    protected override async Task<string?> InUseAsync(HubDbContext db, HubGroup group, CancellationToken ct)
    {
        var uses = new List<string>();
        if (await db.Set<Area>().AnyAsync(a => a.AreaGroupId == group.Id, ct))
        {
            uses.Add("areas");
        }
        if (await db.Set<ProblemCategory>().AnyAsync(c => c.SectorGroupId == group.Id, ct))
        {
            uses.Add("categories");
        }
        if (await db.Set<RoutingRule>().AnyAsync(r => r.AreaGroupId == group.Id || r.SectorGroupId == group.Id, ct))
        {
            uses.Add("routing rules");
        }
        // Open tasks offered to the group would be offered to no one (DELETE /api/groups/{id} refuses alike).
        var tasks = await db.Set<TaskCandidateRecord>().CountAsync(c => c.Kind == CandidateKind.Group && c.Value == group.Id, ct);
        if (tasks > 0)
        {
            uses.Add($"{tasks} open tasks");
        }
        return uses.Count == 0 ? null : $"'{group.Name}' ({group.Id}) is still named by {string.Join(", ", uses)}.";
    }

    [GeneratedRegex(@"^[\p{L}\p{N}_.\-]+$")]
    private static partial Regex GroupIdPattern();
}
