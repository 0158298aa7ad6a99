using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Data;

namespace WorkflowHub.Server.Features.Organisation.Tables;

/// <summary>The 双报到 units of each street.</summary>
public sealed class DualReportUnitsTable : NumberedOrgTable<DualReportUnit>
{
    private static readonly OrgColumn Id = new("id", "编号", ColumnType.Number);
    private static readonly OrgColumn Street = new("street", "街道编码", ColumnType.Text, true, Area.CodeMaxLength);
    private static readonly OrgColumn UnitName = new("name", "单位名称", ColumnType.Text, true, 200);
    private static readonly OrgColumn Remit = new("remit", "负责事项", ColumnType.Text, false, 500);
    private static readonly OrgColumn Contact = new("contact", "联系人", ColumnType.Text, false, 100);
    private static readonly OrgColumn Phone = new("phone", "电话", ColumnType.Text, false, 50);

    public override string Name => "dual-report-units";

    public override string Title => "双报到单位";

    public override IReadOnlyList<OrgColumn> Columns { get; } = [Id, Street, UnitName, Remit, Contact, Phone];

    protected override IQueryable<DualReportUnit> Query(HubDbContext db) => db.Set<DualReportUnit>().OrderBy(u => u.StreetCode).ThenBy(u => u.Id);

    protected override JsonObject ToRow(DualReportUnit u, OrgKeys keys) => new()
    {
        ["id"] = u.Id,
        ["street"] = u.StreetCode,
        ["name"] = u.Name,
        ["remit"] = u.Remit,
        ["contact"] = u.Contact,
        ["phone"] = u.Phone,
    };

    protected override DualReportUnit? Apply(DualReportUnit? unit, RowReader row, OrgKeys keys)
    {
        var street = keys.Area(row, Street, row.Text(Street), AreaLevel.Street);
        var name = row.Text(UnitName);
        if (street is null || name is null)
        {
            return null;
        }
        unit ??= new DualReportUnit();
        unit.StreetCode = street;
        unit.Name = name;
        unit.Remit = row.Text(Remit);
        unit.Contact = row.Text(Contact);
        unit.Phone = row.Text(Phone);
        return unit;
    }
}
