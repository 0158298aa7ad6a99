using System.Text.Json.Nodes;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Categories;
using WorkflowHub.Server.Features.Identity;

namespace WorkflowHub.Server.Features.Organisation.Tables;

/// <summary>The routing table (分派规则) case.route reads before the defaults.</summary>
public sealed class RoutingRulesTable : NumberedOrgTable<RoutingRule>
{
    private static readonly OrgColumn Id = new("id", "编号", ColumnType.Number);
    private static readonly OrgColumn Priority = new("priority", "优先级", ColumnType.Number);
    private static readonly OrgColumn Category = new("category", "问题类别", ColumnType.Text, false, ProblemCategory.CodeMaxLength);
    private static readonly OrgColumn AreaCode = new("area", "区域", ColumnType.Text, false, Area.CodeMaxLength);
    private static readonly OrgColumn AreaGroup = new("areaGroup", "交片区行动组", ColumnType.Text, false, HubGroup.IdMaxLength);
    private static readonly OrgColumn SectorGroup = new("sectorGroup", "交行业领域组", ColumnType.Text, false, HubGroup.IdMaxLength);
    private static readonly OrgColumn Note = new("note", "说明", ColumnType.Text, false, 500);

    public override string Name => "routing-rules";

    public override string Title => "分派规则";

    public override IReadOnlyList<OrgColumn> Columns { get; } = [Id, Priority, Category, AreaCode, AreaGroup, SectorGroup, Note];

    protected override IQueryable<RoutingRule> Query(HubDbContext db) => db.Set<RoutingRule>().OrderBy(r => r.Priority).ThenBy(r => r.Id);

    protected override JsonObject ToRow(RoutingRule r, OrgKeys keys) => new()
    {
        ["id"] = r.Id,
        ["priority"] = r.Priority,
        ["category"] = r.CategoryCode,
        ["area"] = r.AreaCode,
        ["areaGroup"] = r.AreaGroupId,
        ["sectorGroup"] = r.SectorGroupId,
        ["note"] = r.Note,
    };

    protected override RoutingRule? Apply(RoutingRule? rule, RowReader row, OrgKeys keys)
    {
        var priority = row.Number(Priority, 0, 10_000);
        var category = keys.Category(row, Category, row.Text(Category));
        var area = keys.Area(row, AreaCode, row.Text(AreaCode));
        var areaGroup = keys.Group(row, AreaGroup, row.Text(AreaGroup), GroupKind.Area);
        var sectorGroup = keys.Group(row, SectorGroup, row.Text(SectorGroup), GroupKind.Sector);
        if (areaGroup is null && sectorGroup is null && row.Errors.Count == 0)
        {
            row.Error(AreaGroup.Name, "A rule names an area group, a sector group or both.");
        }
        if (row.Errors.Count > 0)
        {
            return null;
        }
        rule ??= new RoutingRule();
        rule.Priority = (int)(priority ?? 100);
        rule.CategoryCode = category;
        rule.AreaCode = area;
        rule.AreaGroupId = areaGroup;
        rule.SectorGroupId = sectorGroup;
        rule.Note = row.Text(Note);
        return rule;
    }
}
