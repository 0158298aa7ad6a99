using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Features.Calendar;
using WorkflowHub.Server.Features.Identity;

namespace WorkflowHub.Server.Features.Flows.Handlers;

/// <summary>
/// rhythm.groups (日报备): the groups that report daily — area, sector and functional groups — as <c>reportGroups</c>
/// ([{id, name, head}]), and today's report and summary times (<c>reportDueAt</c>, <c>summaryAt</c>) in the calendar's zone.
/// </summary>
public sealed class RhythmGroupsHandler(CalendarStore calendar) : IServiceTaskHandler
{
    public string Topic => "rhythm.groups";

    public string? Description => "Daily reporting: the groups that report (area, sector and functional groups) with today's reporting and summary times.";

    public IReadOnlyList<HandlerParameter> Parameters { get; } =
    [
        new("dueTime", "string", false, "报送截止（当地时间 HH:mm，缺省 17:00）"),
        new("summaryTime", "string", false, "汇总时间（当地时间 HH:mm，缺省 17:30）"),
    ];

    public async ValueTask ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        var due = Time(context, "dueTime", new TimeOnly(17, 0));
        var summary = Time(context, "summaryTime", new TimeOnly(17, 30));
        var groups = await (
            from g in context.Db.Set<HubGroup>().AsNoTracking()
            where g.Kind == GroupKind.Area || g.Kind == GroupKind.Sector || g.Kind == GroupKind.Functional
            join u in context.Db.Set<WorkflowHub.Server.Identity.HubUser>() on g.HeadUserId equals u.Id into heads
            from head in heads.DefaultIfEmpty()
            orderby g.Kind, g.Id
            select new { g.Id, g.Name, Head = head == null ? null : head.UserName }).ToListAsync(ct);
        context.SetVariable("reportGroups", new JsonArray([.. groups.Select(g => (JsonNode?)new JsonObject { ["id"] = g.Id, ["name"] = g.Name, ["head"] = g.Head })]));
        context.SetVariable("reportDueAt", JsonValue.Create(Rhythm.At(calendar.Current, context.Now, due).ToString("o", CultureInfo.InvariantCulture)));
        context.SetVariable("summaryAt", JsonValue.Create(Rhythm.At(calendar.Current, context.Now, summary).ToString("o", CultureInfo.InvariantCulture)));
        context.SetVariable("reports", new JsonArray());
    }

    private static TimeOnly Time(ServiceTaskContext context, string name, TimeOnly fallback)
    {
        var text = context.GetVariable(name)?.ToString();
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        return TimeOnly.TryParseExact(text.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? t
            : throw new InvalidOperationException($"The input '{name}' must be HH:mm, not '{text}'.");
    }
}
