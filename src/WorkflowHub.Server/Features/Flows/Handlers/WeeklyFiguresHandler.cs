using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Features.Calendar;
using WorkflowHub.Server.Features.Cases;
using WorkflowHub.Server.Features.Identity;
using WorkflowHub.Server.Features.Reports;

namespace WorkflowHub.Server.Features.Flows.Handlers;

/// <summary>
/// reports.weekly (周调度): last week's figures per area and sector group from <see cref="KpiCalculator"/> — the same
/// figures as the dashboard — as <c>weeklyDispatch</c> (周调度汇总, one item per group: closed, open, overdue, reported
/// up) and <c>weeklyBulletin</c> (周督查通报: rankings and the negative list), plus <c>allGroups</c>.
/// </summary>
public sealed class WeeklyFiguresHandler(CalendarStore calendar) : IServiceTaskHandler
{
    public string Topic => "reports.weekly";

    public string? Description => "Weekly dispatch: last week's figures per group, open and overdue problems, problems reported up, the ranking and the negative list; outputs weeklyDispatch and weeklyBulletin.";

    public IReadOnlyList<HandlerParameter> Parameters { get; } = [];

    public async ValueTask ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        var to = Rhythm.WeekStart(calendar.Current, context.Now);
        var from = to.AddDays(-7);
        var area = await KpiCalculator.ComputeAsync(context.Db, from, to, KpiDimension.Area, context.Now, ct);
        var sector = await KpiCalculator.ComputeAsync(context.Db, from, to, KpiDimension.Sector, context.Now, ct);
        var open = await context.Db.Set<ProblemCase>().AsNoTracking()
            .Where(c => c.Status != CaseStatus.Closed && c.Status != CaseStatus.Pending && c.Status != CaseStatus.Forwarded && c.Status != CaseStatus.Merged)
            .Select(c => new { c.AreaGroupId, c.SectorGroupId, c.Status }).ToListAsync(ct);
        var week = ISOWeek.GetWeekOfYear(TimeZoneInfo.ConvertTime(from, calendar.Zone).DateTime);
        var label = $"{ISOWeek.GetYear(TimeZoneInfo.ConvertTime(from, calendar.Zone).DateTime)}年第{week}周";
        var items = new JsonArray();
        foreach (var r in area.Rows.Concat(sector.Rows))
        {
            var mine = open.Where(c => c.AreaGroupId == r.Key || c.SectorGroupId == r.Key).ToList();
            items.Add(new JsonObject
            {
                ["groupId"] = r.Key, ["group"] = r.Name,
                ["progress"] = $"上周挂号 {r.Registered} 件、销号 {r.Closed} 件；按期结案率 {Percent(r.OnTimeRate)}。",
                ["problems"] = $"在办 {mine.Count} 件，其中超期 {r.OverdueOpen} 件、逐级上报 {mine.Count(c => c.Status == CaseStatus.ReportedUp)} 件。",
                ["plan"] = r.OverdueOpen > 0 ? "本周内办结超期问题。" : "保持按期办结。",
                ["closeRate"] = Percent(r.CloseRate),
            });
        }
        context.SetVariable("weeklyDispatch", new JsonObject
        {
            ["weekLabel"] = label, ["from"] = from.ToString("o", CultureInfo.InvariantCulture), ["to"] = to.ToString("o", CultureInfo.InvariantCulture),
            ["items"] = items, ["decisions"] = new JsonArray(),
        });
        context.SetVariable("weeklyBulletin", new JsonObject
        {
            ["weekLabel"] = label,
            ["inspections"] = area.Total.Lookbacks,
            ["found"] = area.Total.Registered,
            ["fixed"] = area.Total.Closed,
            ["fixRate"] = Percent(area.Total.CloseRate),
            ["items"] = new JsonArray([.. area.Rows.Select(r => (JsonNode?)new JsonObject
            {
                ["group"] = $"第{r.Rank}名 {r.Name}", ["found"] = r.Registered, ["fixed"] = r.Closed, ["fixRate"] = Percent(r.OnTimeRate),
                ["note"] = r.OverdueOpen > 0 ? $"超期 {r.OverdueOpen} 个" : "",
            })]),
            ["named"] = new JsonArray([.. area.NegativeList.Select(n => (JsonNode?)JsonValue.Create($"负面清单：{n.GroupName}（{n.CaseNumber}）{n.Note}"))]),
        });
        var groups = await context.Db.Set<HubGroup>().AsNoTracking().OrderBy(g => g.Id).Select(g => g.Id).ToListAsync(ct);
        context.SetVariable("allGroups", new JsonArray([.. groups.Select(g => (JsonNode?)JsonValue.Create(g))]));
    }

    private static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "—";
}
