using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Features.Calendar;
using WorkflowHub.Server.Features.Reports;

namespace WorkflowHub.Server.Features.Flows.Handlers;

/// <summary>
/// rhythm.daily-summary (日报汇总): today's figures per area and sector group from the ledger, what each group reported
/// (<c>reports</c>) and who did not (<c>reportMissingNames</c> via rhythm.missing), as <c>dailySummary</c> for the
/// daily-summary template.
/// </summary>
public sealed class DailySummaryHandler(CalendarStore calendar, RhythmMissingHandler missing) : IServiceTaskHandler
{
    public string Topic => "rhythm.daily-summary";

    public string? Description => "Daily summary: each group's registered, closed and overdue counts, what they reported and who did not report; outputs dailySummary.";

    public IReadOnlyList<HandlerParameter> Parameters { get; } = [];

    public async ValueTask ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        await missing.ExecuteAsync(context, ct);
        var from = Rhythm.At(calendar.Current, context.Now, TimeOnly.MinValue);
        var area = await KpiCalculator.ComputeAsync(context.Db, from, context.Now.AddTicks(1), KpiDimension.Area, context.Now, ct);
        var sector = await KpiCalculator.ComputeAsync(context.Db, from, context.Now.AddTicks(1), KpiDimension.Sector, context.Now, ct);
        var reports = (context.GetVariable("reports") as JsonArray ?? []).OfType<JsonObject>()
            .ToDictionary(r => r["group"]?.ToString() ?? "", r => r["work"]?.ToString() ?? "", StringComparer.Ordinal);
        var names = context.GetVariable("reportMissingNames")?.ToString() ?? "";
        context.SetVariable("dailySummary", new JsonObject
        {
            ["date"] = context.Now.ToString("o", CultureInfo.InvariantCulture),
            ["totals"] = new JsonObject { ["registered"] = area.Total.Registered, ["closed"] = area.Total.Closed, ["overdue"] = area.Total.OverdueOpen },
            ["missing"] = new JsonArray([.. names.Split('、', StringSplitOptions.RemoveEmptyEntries).Select(n => (JsonNode?)JsonValue.Create(n))]),
            ["items"] = new JsonArray([.. area.Rows.Concat(sector.Rows).Select(r => (JsonNode?)new JsonObject
            {
                ["group"] = r.Name, ["registered"] = r.Registered, ["closed"] = r.Closed, ["overdue"] = r.OverdueOpen,
                ["work"] = reports.GetValueOrDefault(r.Key, ""),
            })]),
        });
    }
}
