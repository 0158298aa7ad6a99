using System.Globalization;
using ClosedXML.Excel;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Organisation.Tables;

namespace WorkflowHub.Server.Features.Reports;

/// <summary>GET /api/reports/kpis (JSON for the dashboard) and /api/reports/kpis/export (xlsx): the figures per area, sector or grid and period.</summary>
public static class ReportEndpoints
{
    public const int MaxPeriodDays = 370;

    public static void MapReportEndpoints(this WebApplication app)
    {
        var group = app.MapApiGroup("/api/reports").WithTags("Reports").RequireAuthorization(HubPolicies.Operators);
        group.MapGet("/kpis", async (string? from, string? to, string? dimension, HubDbContext db, TimeProvider time, CancellationToken ct) =>
            {
                var (f, t, d) = Read(from, to, dimension, time.GetUtcNow());
                return TypedResults.Ok(await KpiCalculator.ComputeAsync(db, f, t, d, time.GetUtcNow(), ct));
            })
            .WithSummary("考核指标 per area group (dimension=area), sector group (sector) or grid (grid) for [from, to): received, registered, closed, 结案率, 按期结案率, overdue open, 返工率, 反弹率, average handling hours, ranking, negative list.");
        group.MapGet("/kpis/export", async (string? from, string? to, string? dimension, HubDbContext db, TimeProvider time, CancellationToken ct) =>
            {
                var (f, t, d) = Read(from, to, dimension, time.GetUtcNow());
                var report = await KpiCalculator.ComputeAsync(db, f, t, d, time.GetUtcNow(), ct);
                return TypedResults.File(Xlsx(report), TabularFile.XlsxContentType, $"kpis-{d.ToString().ToLowerInvariant()}-{f:yyyyMMdd}-{t:yyyyMMdd}.xlsx");
            })
            .WithSummary("The same figures as an xlsx workbook (指标 and 负面清单 sheets).");
    }

    private static (DateTimeOffset From, DateTimeOffset To, KpiDimension Dimension) Read(string? from, string? to, string? dimension, DateTimeOffset now)
    {
        var t = Date(to, "to") ?? now;
        var f = Date(from, "from") ?? t.AddDays(-7);
        if (f >= t)
        {
            throw ApiRequestException.Invalid("from", "'from' must be before 'to'.");
        }
        if ((t - f).TotalDays > MaxPeriodDays)
        {
            throw ApiRequestException.Invalid("to", $"The period is at most {MaxPeriodDays} days.");
        }
        var d = dimension?.Trim().ToLowerInvariant() switch
        {
            null or "" or "area" => KpiDimension.Area,
            "sector" => KpiDimension.Sector,
            "grid" => KpiDimension.Grid,
            _ => throw ApiRequestException.Invalid("dimension", "The dimension must be area, sector or grid."),
        };
        return (f, t, d);
    }

    private static DateTimeOffset? Date(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value
        : throw ApiRequestException.Invalid(field, $"'{field}' must be an ISO-8601 date.");

    private static byte[] Xlsx(KpiReport report)
    {
        using var book = new XLWorkbook();
        var sheet = book.Worksheets.Add("指标");
        string[] headers = ["排名", "编码", "名称", "受理", "挂号", "销号", "结案率", "应结案", "延期", "按期结案", "按期结案率", "超期未结", "反馈", "返工", "返工率", "回头看", "回弹", "反弹率", "平均处置小时", "负面清单"];
        for (var i = 0; i < headers.Length; i++)
        {
            sheet.Cell(1, i + 1).Value = headers[i];
        }
        var row = 2;
        foreach (var r in report.Rows.Append(report.Total))
        {
            object?[] values = [r.Rank, r.Key, r.Name, r.Received, r.Registered, r.Closed, r.CloseRate, r.DueToClose, r.Deferred, r.ClosedOnTime, r.OnTimeRate,
                r.OverdueOpen, r.Feedbacks, r.Reworks, r.ReworkRate, r.Lookbacks, r.Rebounds, r.ReboundRate, r.AverageHandlingHours, r.NegativeListed];
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i] is { } value)
                {
                    sheet.Cell(row, i + 1).Value = value;
                }
            }
            row++;
        }
        var negative = book.Worksheets.Add("负面清单");
        negative.Cell(1, 1).Value = "责任组";
        negative.Cell(1, 2).Value = "案件编号";
        negative.Cell(1, 3).Value = "时间（UTC）";
        negative.Cell(1, 4).Value = "说明";
        row = 2;
        foreach (var n in report.NegativeList)
        {
            negative.Cell(row, 1).Value = n.GroupName;
            negative.Cell(row, 2).Value = n.CaseNumber;
            negative.Cell(row, 3).Value = n.At.UtcDateTime;
            negative.Cell(row, 4).Value = n.Note ?? "";
            row++;
        }
        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return stream.ToArray();
    }
}
