using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Calendar;
using WorkflowHub.Server.Features.Categories;
using WorkflowHub.Server.Features.Organisation;
using WorkflowHub.Server.Features.Organisation.Tables;

namespace WorkflowHub.Server.Features.Cases;

/// <summary>The problem ledger (问题台账): filtered pages, export, a case's page and timeline, registration with photos.</summary>
public static class CaseEndpoints
{
    public static void MapCaseEndpoints(this WebApplication app)
    {
        var maxBody = app.Services.GetRequiredService<IOptions<ServerOptions>>().Value.MaxRequestBodyBytes;
        var cases = app.MapApiGroup("/api/cases").WithTags("Cases");
        cases.MapGet("", ListAsync).WithSummary("The ledger in the caller's scope: area, areaGroup, sectorGroup, category, status, overdue, channel, from, to, q; page, pageSize.");
        cases.MapGet("/export", ExportAsync).WithSummary("The filtered ledger (same filters, every page) as ?format=xlsx or csv.");
        cases.MapGet("/{number}", GetAsync).WithSummary("A case with category, area path, leaders' links (包联), photos, open tasks; 404 outside the caller's scope.");
        cases.MapGet("/{number}/timeline", TimelineAsync).WithSummary("The case's append-only timeline, oldest first.");
        cases.MapGet("/{number}/photos/{id:long}", PhotoAsync).WithSummary("A photo of the case.");
        cases.MapPost("", CaseRegistration.RegisterAsync).WithMetadata(new RequestSizeLimitAttribute(maxBody))
            .WithSummary("Registers (挂号) a problem found on patrol: multipart form fields (channel, categoryCode, urgency, description, address, areaCode, reporterName, reporterContact, latitude, longitude, externalRef) and photos; starts Cases:ProcessKey when deployed.");
        cases.MapPost("/{number}/photos", CaseRegistration.AddPhotosAsync).WithMetadata(new RequestSizeLimitAttribute(maxBody))
            .WithSummary("Adds photos (multipart 'photos', stage=Before|After) to a case in scope, e.g. the result before verification.");
    }

    /// <summary>The case if it exists and is in the caller's scope; 404 alike otherwise.</summary>
    public static async Task<ProblemCase> VisibleAsync(HubDbContext db, CaseScope scope, HttpContext http, string number, CancellationToken ct)
    {
        var viewer = await scope.ViewerAsync(http.User, ct);
        return await CaseScope.Apply(db.Set<ProblemCase>(), viewer).FirstOrDefaultAsync(c => c.Number == number, ct)
            ?? throw new ApiRequestException(new ProblemDetails { Status = 404, Title = "Not found", Detail = $"Case '{number}' does not exist or is outside your scope." });
    }

    private static async Task<IQueryable<ProblemCase>> FilteredAsync(HubDbContext db, CaseScope scope, HttpContext http, TimeProvider time, CancellationToken ct)
    {
        var query = CaseQuery.Read(http.Request);
        var viewer = await scope.ViewerAsync(http.User, ct);
        List<string>? areas = null;
        if (query.Area is not null)
        {
            var all = await db.Set<Area>().AsNoTracking().Select(a => new { a.Code, a.ParentCode }).ToListAsync(ct);
            areas = [query.Area];
            for (var i = 0; i < areas.Count && areas.Count < 10_000; i++)
            {
                areas.AddRange(all.Where(a => a.ParentCode == areas[i]).Select(a => a.Code));
            }
        }
        List<string>? categories = null;
        if (query.Category is not null)
        {
            categories = [query.Category, .. await db.Set<ProblemCategory>().Where(c => c.ParentCode == query.Category).Select(c => c.Code).ToListAsync(ct)];
        }
        return query.Apply(CaseScope.Apply(db.Set<ProblemCase>().AsNoTracking(), viewer), areas, categories, time.GetUtcNow());
    }

    private static async Task<IResult> ListAsync(HttpContext http, HubDbContext db, CaseScope scope, CaseReader reader, TimeProvider time, string? page, string? pageSize, CancellationToken ct)
    {
        var (pageNumber, size) = ApiRequest.Paging(http, page, pageSize);
        var filtered = await FilteredAsync(db, scope, http, time, ct);
        var total = await filtered.CountAsync(ct);
        var items = await filtered.OrderByDescending(c => c.ReportedAt).ThenByDescending(c => c.Id).Skip((pageNumber - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new CasePageDto(await reader.SummariesAsync(items, ct), total, pageNumber, size));
    }

    private static async Task<IResult> ExportAsync(HttpContext http, HubDbContext db, CaseScope scope, CaseReader reader, CalendarStore calendar, TimeProvider time, string? format, CancellationToken ct)
    {
        var kind = TabularFile.Detect(format ?? "xlsx", null, null) ?? throw ApiRequestException.Invalid("format", "The format is xlsx or csv.");
        var filtered = await FilteredAsync(db, scope, http, time, ct);
        var items = await filtered.OrderBy(c => c.ReportedAt).ThenBy(c => c.Id).Take(TabularFile.MaxRows + 1).ToListAsync(ct);
        if (items.Count > TabularFile.MaxRows)
        {
            throw ApiRequestException.Invalid("from", $"More than {TabularFile.MaxRows} rows; narrow the filters.");
        }
        var rows = (await reader.SummariesAsync(items, ct)).Select(s => CaseReader.ExportRow(s, calendar.Zone));
        var bytes = TabularFile.Write(kind, "问题台账", CaseReader.ExportHeaders, rows);
        return TypedResults.File(bytes, TabularFile.ContentType(kind), $"问题台账-{time.GetUtcNow():yyyyMMdd}.{TabularFile.Extension(kind)}");
    }

    private static async Task<IResult> GetAsync(string number, HttpContext http, HubDbContext db, CaseScope scope, CaseReader reader, CancellationToken ct) =>
        TypedResults.Ok(await reader.DetailAsync(await VisibleAsync(db, scope, http, number, ct), [], ct));

    private static async Task<IResult> TimelineAsync(string number, string? page, string? pageSize, HttpContext http, HubDbContext db, CaseScope scope, CancellationToken ct)
    {
        var paging = ApiRequest.Paging(http, page, pageSize, defaultSize: 200);
        var c = await VisibleAsync(db, scope, http, number, ct);
        return TypedResults.Ok(await PagedList<TimelineEntryDto>.QueryAsync(
            db.Set<CaseTimelineEntry>().AsNoTracking().Where(e => e.CaseId == c.Id).OrderBy(e => e.Id), paging,
            e => new TimelineEntryDto(e.Id, e.At, e.Actor, e.Action, e.FromStatus, e.ToStatus, e.Note, e.ProcessInstanceId, e.ElementId), ct));
    }

    private static async Task<IResult> PhotoAsync(string number, long id, HttpContext http, HubDbContext db, CaseScope scope, CasePhotoStore store, CancellationToken ct)
    {
        var c = await VisibleAsync(db, scope, http, number, ct);
        var photo = await db.Set<CasePhoto>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.CaseId == c.Id, ct);
        var path = photo is null ? null : store.FullPath(photo.StoragePath);
        if (photo is null || !File.Exists(path))
        {
            return TypedResults.NotFound();
        }
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.PhysicalFile(path!, photo.ContentType, photo.FileName);
    }
}
