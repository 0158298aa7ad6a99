using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Organisation.Tables;

namespace WorkflowHub.Server.Features.Organisation;

public sealed record ColumnDto(string Name, string Header, ColumnType Type, bool Required, int MaxLength, IReadOnlyList<string>? Choices);

public sealed record TableDto(string Name, string Title, IReadOnlyList<ColumnDto> Columns);

public sealed record ImportResultDto(int Created, int Updated);

/// <summary>
/// The organisation editor's API: every table (areas, groups, leader links, 双报到 units, categories, routing rules)
/// read by signed-in users, edited row by row, imported and exported as csv or xlsx by administrators.
/// </summary>
public static class OrganisationEndpoints
{
    public static void MapOrganisationEndpoints(this WebApplication app)
    {
        var maxFile = app.Services.GetRequiredService<IOptions<ServerOptions>>().Value.MaxRequestBodyBytes;
        var org = app.MapApiGroup("/api/organisation").WithTags("Organisation");
        org.MapGet("", (IEnumerable<IOrgTable> tables) => TypedResults.Ok(tables.Select(t => new TableDto(t.Name, t.Title,
                [.. t.Columns.Select(c => new ColumnDto(c.Name, c.Header, c.Type, c.Required, c.MaxLength, c.Choices))])).ToList()))
            .WithSummary("The editable tables with their columns (the organisation editor builds its forms from this).");
        org.MapGet("/{table}", async (string table, string? page, string? pageSize, IEnumerable<IOrgTable> tables, HubDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var paging = ApiRequest.Paging(http, page, pageSize);
                return TypedResults.Ok(PagedList<JsonObject>.Slice(await Find(tables, table).ListAsync(db, ct), paging));
            })
            .WithSummary("The rows of a table, a page at a time: areas, groups, leader-links, dual-report-units, categories, routing-rules.");
        org.MapGet("/{table}/{key}", async (string table, string key, IEnumerable<IOrgTable> tables, HubDbContext db, CancellationToken ct) =>
                await Find(tables, table).GetAsync(db, key, ct) is { } row ? Results.Ok(row) : Results.NotFound())
            .WithSummary("One row by its code or id.");
        org.MapPost("/{table}", (string table, JsonObject row, IEnumerable<IOrgTable> tables, HubDbContext db, CancellationToken ct) => SaveAsync(table, null, row, tables, db, ct)).RequireAuthorization(HubPolicies.Administrators).WithSummary("Creates a row.");
        org.MapPut("/{table}/{key}", SaveAsync).RequireAuthorization(HubPolicies.Administrators).WithSummary("Replaces a row (the code cannot change).");
        org.MapDelete("/{table}/{key}", DeleteAsync).RequireAuthorization(HubPolicies.Administrators).WithSummary("Deletes a row nothing refers to (409 otherwise).");
        org.MapGet("/{table}/export", ExportAsync).RequireAuthorization(HubPolicies.Administrators).WithSummary("The table as a file: ?format=xlsx or csv.");
        org.MapPost("/{table}/import", ImportAsync).RequireAuthorization(HubPolicies.Administrators)
            .WithMetadata(new RequestSizeLimitAttribute(maxFile))
            .WithSummary("Creates or updates rows from a csv or xlsx file (multipart field 'file', or the file as the body), all or nothing; headers are the column names or their Chinese headers.");
    }

    private static IOrgTable Find(IEnumerable<IOrgTable> tables, string name) =>
        tables.FirstOrDefault(t => t.Name == name)
        ?? throw new ApiRequestException(new ProblemDetails { Status = 404, Title = "Not found", Detail = $"There is no table '{name}'." });

    private static async Task<IResult> SaveAsync(string table, string? key, JsonObject row, IEnumerable<IOrgTable> tables, HubDbContext db, CancellationToken ct)
    {
        var t = Find(tables, table);
        var (saved, errors) = await t.SaveAsync(db, key, row, ct);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: string.Join(" ", errors.Values.Select(v => v[0])));
        }
        if (saved is null)
        {
            return TypedResults.NotFound();
        }
        return key is null ? TypedResults.Created($"/api/organisation/{table}/{saved[t.Columns[0].Name]}", saved) : TypedResults.Ok(saved);
    }

    private static async Task<IResult> DeleteAsync(string table, string key, IEnumerable<IOrgTable> tables, HubDbContext db, CancellationToken ct)
    {
        try
        {
            return await Find(tables, table).DeleteAsync(db, key, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
        }
        catch (OrgConflictException ex)
        {
            return TypedResults.Problem(statusCode: 409, title: "Conflict", detail: ex.Message);
        }
    }

    private static async Task<IResult> ExportAsync(string table, string? format, IEnumerable<IOrgTable> tables, HubDbContext db, CancellationToken ct)
    {
        var t = Find(tables, table);
        var kind = TabularFile.Detect(format ?? "xlsx", null, null)
            ?? throw ApiRequestException.Invalid("format", "The format is xlsx or csv.");
        var rows = await t.ListAsync(db, ct);
        var bytes = TabularFile.Write(kind, t.Title, [.. t.Columns.Select(c => c.Name)],
            rows.Select(r => (IReadOnlyList<string?>)[.. t.Columns.Select(c => OrgColumn.ToText(r[c.Name]))]));
        return TypedResults.File(bytes, TabularFile.ContentType(kind), $"{t.Name}.{TabularFile.Extension(kind)}");
    }

    private static async Task<IResult> ImportAsync(string table, string? format, HttpRequest request, IEnumerable<IOrgTable> tables, HubDbContext db, CancellationToken ct)
    {
        var t = Find(tables, table);
        var (kind, content) = await ReadUploadAsync(request, format, ct);
        List<(int Line, Dictionary<string, string?> Cells)> cells;
        try
        {
            cells = TabularFile.Read(kind, content);
        }
        catch (TabularFileException ex)
        {
            throw ApiRequestException.Invalid(ex.Field, ex.Message);
        }
        var rows = cells.Select(c => (c.Line, ToRow(t, c.Cells))).ToList();
        if (rows.Count > 0 && !t.Columns.Any(c => cells[0].Cells.ContainsKey(c.Name) || cells[0].Cells.ContainsKey(c.Header)))
        {
            throw ApiRequestException.Invalid("file", $"Row 1 must hold the headers: {string.Join(", ", t.Columns.Select(c => c.Name))}.");
        }
        var (created, updated, errors) = await t.ImportAsync(db, rows, ct);
        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors, detail: $"{errors.Count} errors; nothing was imported.")
            : TypedResults.Ok(new ImportResultDto(created, updated));
    }

    private static JsonObject ToRow(IOrgTable table, Dictionary<string, string?> cells)
    {
        var row = new JsonObject();
        foreach (var column in table.Columns)
        {
            if (cells.TryGetValue(column.Name, out var text) || cells.TryGetValue(column.Header, out text))
            {
                row[column.Name] = column.FromText(text);
            }
        }
        return row;
    }

    /// <summary>The uploaded file: the multipart field 'file', or the body itself; its format from ?format, its name or its type.</summary>
    public static async Task<(TabularFormat Format, Stream Content)> ReadUploadAsync(HttpRequest request, string? format, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file") ?? throw ApiRequestException.Invalid("file", "Upload the file in the field 'file'.");
            var kind = TabularFile.Detect(format, file.FileName, file.ContentType)
                ?? throw ApiRequestException.Invalid("format", "The file must be .xlsx or .csv.");
            return (kind, await Buffer(file.OpenReadStream(), ct));
        }
        var bodyKind = TabularFile.Detect(format, null, request.ContentType)
            ?? throw ApiRequestException.Invalid("format", "Say ?format=xlsx|csv or send the matching Content-Type.");
        return (bodyKind, await Buffer(request.Body, ct));
    }

    private static async Task<Stream> Buffer(Stream source, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        await source.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        return buffer;
    }
}
