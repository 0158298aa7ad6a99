using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Categories;
using WorkflowHub.Server.Features.Organisation;

namespace WorkflowHub.Server.Features.Cases;

/// <summary>Turns cases into the ledger's rows and the case page's detail (names of areas, categories, links, tasks).</summary>
public sealed class CaseReader(HubDbContext db, ITaskService tasks, TimeProvider time)
{
    public async Task<List<CaseSummaryDto>> SummariesAsync(IReadOnlyList<ProblemCase> cases, CancellationToken ct)
    {
        var categoryCodes = cases.Select(c => c.CategoryCode).Distinct().ToList();
        var areaCodes = cases.Select(c => c.AreaCode).OfType<string>().Distinct().ToList();
        var categories = await db.Set<ProblemCategory>().AsNoTracking().Where(c => categoryCodes.Contains(c.Code)).ToDictionaryAsync(c => c.Code, c => c.Name, ct);
        var areas = await db.Set<Area>().AsNoTracking().Where(a => areaCodes.Contains(a.Code)).ToDictionaryAsync(a => a.Code, a => a.Name, ct);
        var now = time.GetUtcNow();
        return [.. cases.Select(c => Summary(c, categories.GetValueOrDefault(c.CategoryCode), c.AreaCode is null ? null : areas.GetValueOrDefault(c.AreaCode), now))];
    }

    public async Task<CaseDetailDto> DetailAsync(ProblemCase c, IReadOnlyList<string> warnings, CancellationToken ct)
    {
        var category = await db.Set<ProblemCategory>().AsNoTracking().FirstOrDefaultAsync(k => k.Code == c.CategoryCode, ct);
        var allAreas = await db.Set<Area>().AsNoTracking().Select(a => new { a.Code, a.Name, a.Level, a.ParentCode }).ToDictionaryAsync(a => a.Code, ct);
        var path = new List<AreaRefDto>();
        for (var code = c.AreaCode; code is not null && path.Count < 16 && allAreas.TryGetValue(code, out var a); code = a.ParentCode)
        {
            path.Insert(0, new AreaRefDto(a.Code, a.Name, a.Level.ToString()));
        }
        var pathCodes = path.Select(p => p.Code).ToList();
        var links = await (from l in db.Set<LeaderLink>().AsNoTracking()
                           join u in db.Users on l.LeaderUserId equals u.Id
                           where l.AreaCode != null && pathCodes.Contains(l.AreaCode)
                           select new LeaderLinkDto(u.UserName ?? u.Id, u.DisplayName, l.Kind.ToString(), l.Target, l.AreaCode)).ToListAsync(ct);
        var unit = c.ForwardedToUnitId is null ? null : await db.Set<DualReportUnit>().AsNoTracking()
            .Where(u => u.Id == c.ForwardedToUnitId).Select(u => new UnitRefDto(u.Id, u.Name, u.Remit, u.Contact, u.Phone)).FirstOrDefaultAsync(ct);
        var photos = await db.Set<CasePhoto>().AsNoTracking().Where(p => p.CaseId == c.Id).OrderBy(p => p.Id).ToListAsync(ct);
        var open = c.Number is null ? [] : (await tasks.QueryAsync(new TaskQuery { BusinessKey = c.Number, PageSize = 50 }, ct)).Items;
        var summary = (await SummariesAsync([c], ct))[0];
        return new CaseDetailDto(
            summary, c.Description, c.ReporterName, c.ReporterContact, c.Latitude, c.Longitude, c.ExternalRef,
            category is null ? null : new CategoryRefDto(category.Code, category.Name, category.Kind, category.FilingStandard, category.ClosingStandard,
                category.DeadlineOf(c.Urgency).ToString(), category.PhotoBeforeRequired, category.PhotoAfterRequired),
            path, links, c.Verifications, c.LastVerificationPassed, c.LastVerificationNote, c.LookbackAt, unit, c.ProcessInstanceId,
            [.. open.Select(t => new CaseTaskDto(t.Id, t.ElementId, t.Name, t.Assignee, t.CandidateGroups, t.DueDate, t.CreatedAt))],
            [.. photos.Select(p => new PhotoDto(p.Id, p.Stage, p.FileName, p.ContentType, p.Size, p.UploadedAt, p.UploadedBy, $"/api/cases/{c.Number}/photos/{p.Id}"))],
            c.CreatedBy, warnings, c.MergedInto, c.DuplicateCandidates?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? []);
    }

    /// <summary>The ledger's export columns (Chinese headers; times in the calendar's zone, the ledger as clerks keep it) and a row per case.</summary>
    public static readonly string[] ExportHeaders =
        ["编号", "状态", "渠道", "类别编码", "类别", "紧急程度", "地址", "网格/社区", "街道", "片区行动组", "行业领域组", "处置人", "期限", "超期", "督办级别", "督办单", "返工", "回弹", "上报时间", "挂号时间", "销号时间"];

    public static IReadOnlyList<string?> ExportRow(CaseSummaryDto s, TimeZoneInfo zone) =>
    [
        s.Number, s.StatusName, StatusNames.Of(s.Channel), s.CategoryCode, s.CategoryName, UrgencyNames.Of(s.Urgency), s.Address, s.AreaName ?? s.AreaCode, s.StreetCode,
        s.AreaGroup, s.SectorGroup, s.Assignee, Time(zone, s.DueAt), s.Overdue ? "是" : "否", s.EscalationLevel.ToString(System.Globalization.CultureInfo.InvariantCulture),
        s.SupervisionOrders.ToString(System.Globalization.CultureInfo.InvariantCulture), s.ReworkCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        s.ReboundCount.ToString(System.Globalization.CultureInfo.InvariantCulture), Time(zone, s.ReportedAt), Time(zone, s.RegisteredAt), Time(zone, s.ClosedAt),
    ];

    /// <summary>Local time (the calendar's zone), as clerks read it.</summary>
    private static string? Time(TimeZoneInfo zone, DateTimeOffset? value) =>
        value is null ? null : TimeZoneInfo.ConvertTime(value.Value, zone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static CaseSummaryDto Summary(ProblemCase c, string? categoryName, string? areaName, DateTimeOffset now) => new(
        c.Number, c.Status, StatusNames.Of(c.Status), c.Channel, c.CategoryCode, categoryName, c.Urgency, c.Address, c.AreaCode, areaName, c.StreetCode,
        c.AreaGroupId, c.SectorGroupId, c.Assignee, c.DueAt, c.IsOpen && c.DueAt < now, c.EscalationLevel, c.SupervisionOrders, c.ReworkCount, c.ReboundCount,
        c.ReportedAt, c.RegisteredAt, c.ClosedAt);
}
