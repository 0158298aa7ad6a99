using System.Linq.Expressions;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Calendar;
using WorkflowHub.Server.Features.Identity;
using WorkflowHub.Server.Features.Organisation.Tables;

namespace WorkflowHub.Server.Features.Categories;

/// <summary>The problem categories (大类/小类) with standards, sector group, time limits and required photos.</summary>
public sealed class CategoriesTable(TimeProvider time, CategoryStore store) : OrgTable<ProblemCategory>
{
    private static readonly OrgColumn Code = new("code", "类别编码", ColumnType.Text, true, ProblemCategory.CodeMaxLength);
    private static readonly OrgColumn CategoryName = new("name", "名称", ColumnType.Text, true, 100);
    private static readonly OrgColumn Parent = new("parent", "大类编码", ColumnType.Text, false, ProblemCategory.CodeMaxLength);
    private static readonly OrgColumn Kind = OrgColumn.Choice<CategoryKind>("kind", "部件/事件");
    private static readonly OrgColumn Filing = new("filingStandard", "立案标准", ColumnType.Text, true, 2000);
    private static readonly OrgColumn Closing = new("closingStandard", "结案标准", ColumnType.Text, true, 2000);
    private static readonly OrgColumn Sector = new("sectorGroup", "行业领域组", ColumnType.Text, false, HubGroup.IdMaxLength);
    private static readonly OrgColumn UrgentAmount = new("urgentAmount", "紧急时限", ColumnType.Number, true);
    private static readonly OrgColumn UrgentClock = OrgColumn.Choice<DeadlineClock>("urgentClock", "紧急计时");
    private static readonly OrgColumn NormalAmount = new("normalAmount", "一般时限", ColumnType.Number, true);
    private static readonly OrgColumn NormalClock = OrgColumn.Choice<DeadlineClock>("normalClock", "一般计时");
    private static readonly OrgColumn ComplexAmount = new("complexAmount", "复杂时限", ColumnType.Number, true);
    private static readonly OrgColumn ComplexClock = OrgColumn.Choice<DeadlineClock>("complexClock", "复杂计时");
    private static readonly OrgColumn PhotoBefore = new("photoBeforeRequired", "须整改前照片", ColumnType.Bool);
    private static readonly OrgColumn PhotoAfter = new("photoAfterRequired", "须整改后照片", ColumnType.Bool);
    private static readonly OrgColumn Reminder = new("reminderBeforeHours", "催办提醒（到期前小时）", ColumnType.Number);
    private static readonly OrgColumn Supervision = new("supervisionAfterWorkdays", "督办单（到期后工作日）", ColumnType.Number);
    private static readonly OrgColumn HeadReport = new("headReportAfterWorkdays", "报单位负责人（到期后工作日）", ColumnType.Number);
    private static readonly OrgColumn PartyGroup = new("partyGroupAfterWorkdays", "提请局党组（到期后工作日）", ColumnType.Number);

    /// <summary>Bounds of the ladder's durations: a month of hours before due, a quarter of working days after.</summary>
    public const int MaxReminderHours = 720, MaxLadderWorkdays = 60;

    public override string Name => "categories";

    public override string Title => "问题类别";

    public override IReadOnlyList<OrgColumn> Columns { get; } =
        [Code, CategoryName, Parent, Kind, Filing, Closing, Sector, UrgentAmount, UrgentClock, NormalAmount, NormalClock, ComplexAmount, ComplexClock, PhotoBefore, PhotoAfter,
         Reminder, Supervision, HeadReport, PartyGroup];

    protected override IQueryable<ProblemCategory> Query(HubDbContext db) => db.Set<ProblemCategory>().OrderBy(c => c.Code);

    protected override Expression<Func<ProblemCategory, bool>> HasKey(string key) => c => c.Code == key;

    protected override JsonObject ToRow(ProblemCategory c, OrgKeys keys) => new()
    {
        ["code"] = c.Code,
        ["name"] = c.Name,
        ["parent"] = c.ParentCode,
        ["kind"] = c.Kind.ToString(),
        ["filingStandard"] = c.FilingStandard,
        ["closingStandard"] = c.ClosingStandard,
        ["sectorGroup"] = c.SectorGroupId,
        ["urgentAmount"] = c.UrgentAmount,
        ["urgentClock"] = c.UrgentClock.ToString(),
        ["normalAmount"] = c.NormalAmount,
        ["normalClock"] = c.NormalClock.ToString(),
        ["complexAmount"] = c.ComplexAmount,
        ["complexClock"] = c.ComplexClock.ToString(),
        ["photoBeforeRequired"] = c.PhotoBeforeRequired,
        ["photoAfterRequired"] = c.PhotoAfterRequired,
        ["reminderBeforeHours"] = c.ReminderBeforeHours,
        ["supervisionAfterWorkdays"] = c.SupervisionAfterWorkdays,
        ["headReportAfterWorkdays"] = c.HeadReportAfterWorkdays,
        ["partyGroupAfterWorkdays"] = c.PartyGroupAfterWorkdays,
    };

    protected override void PreStage(JsonObject row, OrgKeys keys)
    {
        if (row["code"]?.ToString().Trim() is { Length: > 0 } code)
        {
            keys.Categories[code] = row["parent"]?.ToString().Trim() is { Length: > 0 } p ? p : null;
        }
    }

    protected override ProblemCategory? Apply(ProblemCategory? category, RowReader row, OrgKeys keys)
    {
        var code = row.Text(Code);
        var parent = keys.Category(row, Parent, row.Text(Parent));
        if (parent is not null && (parent == code || keys.Categories.GetValueOrDefault(parent) is not null))
        {
            row.Error(Parent.Name, "The parent must be a top-level category other than itself.");
        }
        var sector = keys.Group(row, Sector, row.Text(Sector), GroupKind.Sector);
        var limits = new[] { (UrgentAmount, UrgentClock), (NormalAmount, NormalClock), (ComplexAmount, ComplexClock) }
            .Select(l =>
            {
                var amount = row.Number(l.Item1, 0, 100_000);
                var clock = row.Choice<DeadlineClock>(l.Item2);
                if (amount is null || clock is null)
                {
                    return (Deadline?)null;
                }
                var limit = new Deadline(amount.Value, clock.Value);
                if (limit.Problem() is { } problem)
                {
                    row.Error(l.Item1.Name, problem);
                    return null;
                }
                return limit;
            }).ToList();
        var reminder = row.Number(Reminder, 0, MaxReminderHours);
        var ladder = Ladder(row);
        var name = row.Text(CategoryName);
        var kind = row.Choice<CategoryKind>(Kind);
        var filing = row.Text(Filing);
        var closing = row.Text(Closing);
        if (code is null || name is null || kind is null || filing is null || closing is null || limits.Any(l => l is null) || ladder is null)
        {
            return null;
        }
        category ??= new ProblemCategory { Code = code };
        category.Name = name;
        category.ParentCode = parent;
        category.Kind = kind.Value;
        category.FilingStandard = filing;
        category.ClosingStandard = closing;
        category.SectorGroupId = sector;
        (category.UrgentAmount, category.UrgentClock) = (limits[0]!.Value.Amount, limits[0]!.Value.Clock);
        (category.NormalAmount, category.NormalClock) = (limits[1]!.Value.Amount, limits[1]!.Value.Clock);
        (category.ComplexAmount, category.ComplexClock) = (limits[2]!.Value.Amount, limits[2]!.Value.Clock);
        category.PhotoBeforeRequired = row.Bool(PhotoBefore);
        category.PhotoAfterRequired = row.Bool(PhotoAfter);
        category.ReminderBeforeHours = reminder;
        (category.SupervisionAfterWorkdays, category.HeadReportAfterWorkdays, category.PartyGroupAfterWorkdays) = ladder.Value;
        category.UpdatedAt = time.GetUtcNow();
        return category;
    }

    /// <summary>The ladder's working days (each optional: empty keeps the flow's default); the steps given must climb in order.
    /// A number out of range is already an error of the row (the table refuses a row with errors).</summary>
    private static (int?, int?, int?)? Ladder(RowReader row)
    {
        var steps = new[] { Supervision, HeadReport, PartyGroup }.Select(c => (Column: c, Days: row.Number(c, 1, MaxLadderWorkdays))).ToList();
        var ok = true;
        foreach (var step in steps.Where(s => s.Days is { } d && d != Math.Floor(d)))
        {
            row.Error(step.Column.Name, $"{step.Column.Name} must be a whole number of working days.");
            ok = false;
        }
        var given = steps.Where(s => s.Days is not null).ToList();
        for (var i = 1; i < given.Count; i++)
        {
            if (given[i].Days <= given[i - 1].Days)
            {
                row.Error(given[i].Column.Name, $"{given[i].Column.Name} must come after {given[i - 1].Column.Name}.");
                ok = false;
            }
        }
        return ok ? ((int?)steps[0].Days, (int?)steps[1].Days, (int?)steps[2].Days) : null;
    }

    protected override Task AfterChangeAsync(CancellationToken ct) => store.ReloadAsync(ct);

    protected override async Task<string?> InUseAsync(HubDbContext db, ProblemCategory category, CancellationToken ct)
    {
        return await db.Set<ProblemCategory>().AnyAsync(c => c.ParentCode == category.Code, ct)
            ? $"'{category.Name}' ({category.Code}) still has sub-categories."
            : null;
    }
}
