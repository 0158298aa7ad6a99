using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Features.Cases;
using WorkflowHub.Server.Features.Flows.Handlers;
using WorkflowHub.Server.Features.Identity;

namespace WorkflowHub.Server.Features.Reports;

/// <summary>What the figures are grouped by: the area group (片区组), the sector group (行业组) or the grid (网格).</summary>
public enum KpiDimension
{
    Area = 0,
    Sector = 1,
    Grid = 2,
}

/// <summary>
/// The figures (考核指标) of one group or grid for a period [from, to). Definitions (the ledger's timeline is the record):
/// received = reported in the period; registered = registered (挂号) in the period, except reports merged into another case (已并单); closed = 销号 entries in the period;
/// 结案率 = cases registered in the period that are closed by its end ÷ registered; 按期结案率 = cases due in the period,
/// not deferred (延期), closed by their due time ÷ (due in the period − deferred); overdue open = open cases past due at
/// the period's end (or now); 返工率 = failed verifications ÷ submissions for verification (反馈); 反弹率 = rebounds ÷
/// look-backs; average handling time = registration to 销号, hours, over the closures in the period.
/// </summary>
public sealed record KpiRow(
    string Key, string Name, int Received, int Registered, int Closed, int RegisteredClosed, double? CloseRate,
    int DueToClose, int Deferred, int ClosedOnTime, double? OnTimeRate, int OverdueOpen,
    int Feedbacks, int Reworks, double? ReworkRate, int Lookbacks, int Rebounds, double? ReboundRate,
    double? AverageHandlingHours, int NegativeListed, int? Rank);

public sealed record NegativeListEntry(string GroupId, string GroupName, string CaseNumber, DateTimeOffset At, string? Note);

public sealed record KpiReport(DateTimeOffset From, DateTimeOffset To, KpiDimension Dimension, IReadOnlyList<KpiRow> Rows, KpiRow Total, IReadOnlyList<NegativeListEntry> NegativeList);

/// <summary>Computes <see cref="KpiReport"/>s from the ledger; used by the reports API, the dashboard, xlsx export and the weekly rhythm.</summary>
public static class KpiCalculator
{
    private static readonly string[] Actions = ["close", "verify", LookbackCaseHandler.Action, "reopen", ExtendCaseHandler.Action, NegativeListHandler.Action];

    public static async Task<KpiReport> ComputeAsync(DbContext db, DateTimeOffset from, DateTimeOffset to, KpiDimension dimension, DateTimeOffset now, CancellationToken ct)
    {
        var cases = await db.Set<ProblemCase>().AsNoTracking().Where(c => c.Number != null && c.ReportedAt < to)
            .Select(c => new CaseFacts(c.Id, c.Number!, c.AreaGroupId, c.SectorGroupId, c.AreaCode, c.Status, c.ReportedAt, c.RegisteredAt, c.ClosedAt, c.DueAt))
            .ToListAsync(ct);
        var entries = await db.Set<CaseTimelineEntry>().AsNoTracking().Where(t => Actions.Contains(t.Action) && t.At < to)
            .Select(t => new Entry(t.CaseId, t.Action, t.At, t.FromStatus, t.ToStatus, t.Note)).ToListAsync(ct);
        var groups = await db.Set<HubGroup>().AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var byCase = entries.ToLookup(e => e.CaseId);
        string? KeyOf(CaseFacts c) => dimension switch { KpiDimension.Area => c.AreaGroup, KpiDimension.Sector => c.SectorGroup, _ => c.AreaCode };
        var cutoff = now < to ? now : to;

        KpiRow Row(string key, string name, IReadOnlyCollection<CaseFacts> set)
        {
            bool In(DateTimeOffset? at) => at is { } a && a >= from && a < to;
            var inPeriod = set.SelectMany(c => byCase[c.Id].Select(e => (Case: c, Entry: e))).Where(x => In(x.Entry.At)).ToList();
            var registered = set.Where(c => In(c.RegisteredAt) && c.Status != CaseStatus.Merged).ToList();
            var registeredClosed = registered.Count(c => c.Status == CaseStatus.Closed && c.ClosedAt < to);
            var due = set.Where(c => In(c.DueAt) && c.Status is not (CaseStatus.Forwarded or CaseStatus.Merged)).ToList();
            var deferred = due.Count(c => byCase[c.Id].Any(e => e.Action == ExtendCaseHandler.Action));
            var onTime = due.Count(c => !byCase[c.Id].Any(e => e.Action == ExtendCaseHandler.Action) && c.ClosedAt is { } closed && closed <= c.DueAt);
            var closes = inPeriod.Where(x => x.Entry.Action == "close").ToList();
            var feedbacks = inPeriod.Count(x => x.Entry.Action == "verify" && x.Entry.To == CaseStatus.AwaitingVerification && x.Entry.From != CaseStatus.AwaitingVerification);
            var reworks = inPeriod.Count(x => x.Entry.Action == "verify" && x.Entry.From == CaseStatus.AwaitingVerification && x.Entry.To == CaseStatus.InProgress);
            var lookbacks = inPeriod.Count(x => x.Entry.Action == LookbackCaseHandler.Action);
            var rebounds = inPeriod.Count(x => x.Entry.Action == "reopen");
            var hours = closes.Where(x => x.Case.RegisteredAt is not null).Select(x => (x.Entry.At - x.Case.RegisteredAt!.Value).TotalHours).ToList();
            return new KpiRow(key, name,
                set.Count(c => In(c.ReportedAt)), registered.Count, closes.Count, registeredClosed, Rate(registeredClosed, registered.Count),
                due.Count, deferred, onTime, Rate(onTime, due.Count - deferred),
                set.Count(c => c.Status is not (CaseStatus.Closed or CaseStatus.Pending or CaseStatus.Forwarded or CaseStatus.Merged) && c.DueAt < cutoff),
                feedbacks, reworks, Rate(reworks, feedbacks), lookbacks, rebounds, Rate(rebounds, lookbacks),
                hours.Count == 0 ? null : Math.Round(hours.Average(), 2),
                inPeriod.Count(x => x.Entry.Action == NegativeListHandler.Action), null);
        }

        var rows = cases.Where(c => KeyOf(c) is not null).GroupBy(c => KeyOf(c)!)
            .Select(g => Row(g.Key, groups.GetValueOrDefault(g.Key) ?? g.Key, g.ToList()))
            .OrderByDescending(r => r.OnTimeRate ?? -1).ThenByDescending(r => r.CloseRate ?? -1).ThenBy(r => r.OverdueOpen).ThenBy(r => r.Key, StringComparer.Ordinal)
            .Select((r, i) => r with { Rank = i + 1 }).ToList();
        var negative = cases.SelectMany(c => byCase[c.Id].Where(e => e.Action == NegativeListHandler.Action && e.At >= from).Select(e => (Case: c, Entry: e)))
            .OrderBy(x => x.Entry.At)
            .Select(x => new NegativeListEntry(x.Case.AreaGroup ?? "", groups.GetValueOrDefault(x.Case.AreaGroup ?? "") ?? x.Case.AreaGroup ?? "", x.Case.Number, x.Entry.At, x.Entry.Note))
            .ToList();
        return new KpiReport(from, to, dimension, rows, Row("total", "合计", cases), negative);
    }

    private static double? Rate(int part, int whole) => whole <= 0 ? null : Math.Round((double)part / whole, 4);

    private sealed record CaseFacts(long Id, string Number, string? AreaGroup, string? SectorGroup, string? AreaCode, CaseStatus Status,
        DateTimeOffset ReportedAt, DateTimeOffset? RegisteredAt, DateTimeOffset? ClosedAt, DateTimeOffset? DueAt);

    private sealed record Entry(long CaseId, string Action, DateTimeOffset At, CaseStatus? From, CaseStatus? To, string? Note);
}
