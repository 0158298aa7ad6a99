using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Data;

namespace WorkflowHub.Server.Features.Organisation.Tables;

/// <summary>Leaders' links (包联, the "七个一").</summary>
public sealed class LeaderLinksTable : NumberedOrgTable<LeaderLink>
{
    private static readonly OrgColumn Id = new("id", "编号", ColumnType.Number);
    private static readonly OrgColumn Leader = new("leader", "包联领导", ColumnType.Text, true, 256);
    private static readonly OrgColumn Kind = OrgColumn.Choice<LeaderLinkKind>("kind", "包联类型");
    private static readonly OrgColumn Target = new("target", "包联对象", ColumnType.Text, true, 200);
    private static readonly OrgColumn AreaCode = new("area", "所在区域", ColumnType.Text, false, Area.CodeMaxLength);
    private static readonly OrgColumn Note = new("note", "备注", ColumnType.Text, false, 500);

    public override string Name => "leader-links";

    public override string Title => "领导包联";

    public override IReadOnlyList<OrgColumn> Columns { get; } = [Id, Leader, Kind, Target, AreaCode, Note];

    protected override IQueryable<LeaderLink> Query(HubDbContext db) => db.Set<LeaderLink>().OrderBy(l => l.Id);

    protected override JsonObject ToRow(LeaderLink l, OrgKeys keys) => new()
    {
        ["id"] = l.Id,
        ["leader"] = keys.UserName(l.LeaderUserId),
        ["kind"] = l.Kind.ToString(),
        ["target"] = l.Target,
        ["area"] = l.AreaCode,
        ["note"] = l.Note,
    };

    protected override LeaderLink? Apply(LeaderLink? link, RowReader row, OrgKeys keys)
    {
        var leader = keys.User(row, Leader, row.Text(Leader));
        var kind = row.Choice<LeaderLinkKind>(Kind);
        var target = row.Text(Target);
        var area = keys.Area(row, AreaCode, row.Text(AreaCode));
        if (kind is LeaderLinkKind.Street or LeaderLinkKind.Community && area is null)
        {
            row.Error(AreaCode.Name, "A street or community link names its area.");
        }
        if (leader is null || kind is null || target is null)
        {
            return null;
        }
        link ??= new LeaderLink();
        link.LeaderUserId = leader;
        link.Kind = kind.Value;
        link.Target = target;
        link.AreaCode = area;
        link.Note = row.Text(Note);
        return link;
    }
}
