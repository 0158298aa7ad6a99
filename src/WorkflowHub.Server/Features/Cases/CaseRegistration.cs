using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Categories;
using WorkflowHub.Server.Localization;

namespace WorkflowHub.Server.Features.Cases;

/// <summary>
/// POST /api/cases: a member of staff registers a problem found on patrol, with photos. Photos are checked and written
/// first, then the case, its number, its photos and its timeline commit in one transaction (the files are removed if it
/// fails); then the case's flow (Cases:ProcessKey) starts with the number as business key, when one is deployed.
/// </summary>
public static class CaseRegistration
{
    private sealed record Upload(IFormFile File, string Extension);

    public static async Task<IResult> RegisterAsync(
        HttpContext http, HubDbContext db, CaseLedger ledger, CaseReader reader, CasePhotoStore store, IOptions<CaseOptions> options,
        IRuntimeService runtime, IDefinitionService definitions, TimeProvider time, ProblemTranslator translator, ILogger<CaseLedger> logger,
        CancellationToken ct)
    {
        var (fields, files) = await ReadAsync(http.Request, ct);
        var draft = Draft(fields);
        var uploads = CheckPhotos(files, store, options.Value);
        var category = await db.Set<ProblemCategory>().AsNoTracking().FirstOrDefaultAsync(c => c.Code == draft.CategoryCode, ct);
        if (category is { PhotoBeforeRequired: true } && uploads.Count == 0)
        {
            throw ApiRequestException.Invalid("photos", $"The category '{category.Name}' ({category.Code}) requires a photo of the problem.");
        }
        var user = http.User.UserName();
        var now = time.GetUtcNow();
        var saved = new List<CasePhoto>();
        ProblemCase created;
        try
        {
            await SaveAsync(uploads, PhotoStage.Before, store, user, now, saved, ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            created = await ledger.RegisterAsync(db, draft, new CaseActor(user), now, ct);
            created.Photos.AddRange(saved);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (Exception ex)
        {
            saved.ForEach(p => store.Delete(p.StoragePath));
            throw ex is CaseRuleException rule ? Problem(rule) : ex;
        }

        var warnings = new List<string>();
        if (created.DueAt is null)
        {
            warnings.Add("No due time could be computed (see the timeline).");
        }
        var key = options.Value.ProcessKey;
        if (!string.IsNullOrWhiteSpace(key) && await definitions.GetXmlAsync(key, null, ct) is not null)
        {
            try
            {
                var instance = await runtime.StartAsync(new StartRequest(key, created.Number, Variables(created), user), ct);
                await db.Entry(created).ReloadAsync(ct);
                if (created.ProcessInstanceId is null)
                {
                    created.ProcessInstanceId = instance.Id;
                    await db.SaveChangesAsync(ct);
                }
            }
            catch (WorkflowException ex)
            {
                logger.LogError(ex, "Case {Number} was registered but its flow {ProcessKey} did not start", created.Number, key);
                warnings.Add($"The case is registered but its flow {key} did not start: {ex.Message}");
            }
        }
        return TypedResults.Created($"/api/cases/{created.Number}", await reader.DetailAsync(created, [.. warnings.Select(translator.Translate)], ct));
    }

    public static async Task<IResult> AddPhotosAsync(
        string number, HttpContext http, HubDbContext db, CaseScope scope, CaseReader reader, CasePhotoStore store, IOptions<CaseOptions> options, TimeProvider time, CancellationToken ct)
    {
        var @case = await CaseEndpoints.VisibleAsync(db, scope, http, number, ct);
        var (fields, files) = await ReadAsync(http.Request, ct);
        var stage = ApiRequest.Enum<PhotoStage>(fields.GetValueOrDefault("stage"), "stage") ?? PhotoStage.After;
        var uploads = CheckPhotos(files, store, options.Value);
        if (uploads.Count == 0)
        {
            throw ApiRequestException.Invalid("photos", "Upload photos in the field 'photos'.");
        }
        if (await db.Set<CasePhoto>().CountAsync(p => p.CaseId == @case.Id, ct) + uploads.Count > options.Value.MaxPhotosPerCase)
        {
            throw ApiRequestException.Invalid("photos", $"At most {options.Value.MaxPhotosPerCase} photos per case.");
        }
        var user = http.User.UserName();
        var now = time.GetUtcNow();
        var saved = new List<CasePhoto>();
        try
        {
            await SaveAsync(uploads, stage, store, user, now, saved, ct);
            @case.Photos.AddRange(saved);
            CaseLedger.Record(db, @case, "photo", new CaseActor(user), now, $"上传{(stage == PhotoStage.After ? "整改后" : "整改前")}照片 {saved.Count} 张");
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            saved.ForEach(p => store.Delete(p.StoragePath));
            throw;
        }
        return TypedResults.Ok(await reader.DetailAsync(@case, [], ct));
    }

    /// <summary>Writes the files, adding each photo to <paramref name="saved"/> as soon as it is on disk (so a failure can remove it).</summary>
    private static async Task SaveAsync(List<Upload> uploads, PhotoStage stage, CasePhotoStore store, string user, DateTimeOffset now, List<CasePhoto> saved, CancellationToken ct)
    {
        foreach (var upload in uploads)
        {
            await using var content = upload.File.OpenReadStream();
            var path = await store.SaveAsync(content, upload.Extension, now, ct);
            saved.Add(new CasePhoto
            {
                Stage = stage, FileName = SafeName(upload.File.FileName, upload.Extension), ContentType = upload.File.ContentType,
                Size = upload.File.Length, StoragePath = path, UploadedAt = now, UploadedBy = user,
            });
        }
    }

    private static async Task<(Dictionary<string, string?> Fields, IReadOnlyList<IFormFile> Files)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            return (form.ToDictionary(f => f.Key, f => (string?)f.Value.ToString(), StringComparer.Ordinal), [.. form.Files.Where(f => f.Name == "photos")]);
        }
        var json = await request.ReadFromJsonAsync<JsonObject>(ct) ?? throw ApiRequestException.Invalid("body", "The body is empty.");
        return (json.ToDictionary(p => p.Key, p => p.Value?.ToString(), StringComparer.Ordinal), []);
    }

    private static CaseDraft Draft(Dictionary<string, string?> f)
    {
        string? Get(string name) => f.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        double? Number(string name) => Get(name) is not { } text ? null
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n
            : throw ApiRequestException.Invalid(name, $"{name} must be a number.");
        var urgencyText = Get("urgency");
        var urgency = urgencyText is null ? Urgency.Normal
            : UrgencyNames.Parse(urgencyText) ?? throw ApiRequestException.Invalid("urgency", "The urgency must be Urgent, Normal or Complex.");
        var draft = new CaseDraft(
            ApiRequest.Enum<CaseChannel>(Get("channel"), "channel") ?? CaseChannel.Patrol,
            Get("categoryCode") ?? throw ApiRequestException.Invalid("categoryCode", "The category is required."),
            urgency, Get("description") ?? "", Get("address") ?? "", Get("areaCode"),
            Get("reporterName"), Get("reporterContact"), Number("latitude"), Number("longitude"), Get("externalRef"));
        try
        {
            CaseLedger.Check(draft);
        }
        catch (CaseRuleException ex)
        {
            throw Problem(ex);
        }
        return draft;
    }

    private static List<Upload> CheckPhotos(IReadOnlyList<IFormFile> files, CasePhotoStore store, CaseOptions options)
    {
        if (files.Count > options.MaxPhotosPerCase)
        {
            throw ApiRequestException.Invalid("photos", $"At most {options.MaxPhotosPerCase} photos per case.");
        }
        var uploads = new List<Upload>();
        Span<byte> head = stackalloc byte[12];
        for (var i = 0; i < files.Count; i++)
        {
            int read;
            using (var stream = files[i].OpenReadStream())
            {
                read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            }
            var (extension, error) = store.Check($"photos[{i}]", files[i].ContentType, files[i].Length, head[..read]);
            if (error is not null)
            {
                throw ApiRequestException.Invalid($"photos[{i}]", error);
            }
            uploads.Add(new Upload(files[i], extension));
        }
        return uploads;
    }

    /// <summary>The uploader's file name for display only (never a path): its last segment, printable, bounded.</summary>
    private static string SafeName(string? name, string extension)
    {
        var last = Path.GetFileName(name ?? "").Trim();
        var clean = new string([.. last.Where(ch => !char.IsControl(ch) && ch is not ('/' or '\\' or '"'))]);
        return clean.Length is > 0 and <= 200 ? clean : $"photo.{extension}";
    }

    private static Dictionary<string, JsonNode?> Variables(ProblemCase c) => new(StringComparer.Ordinal)
    {
        ["caseNumber"] = c.Number,
        ["channel"] = c.Channel.ToString(),
        ["categoryCode"] = c.CategoryCode,
        ["urgency"] = c.Urgency.ToString(),
        ["areaCode"] = c.AreaCode,
        ["areaGroup"] = c.AreaGroupId,
        ["sectorGroup"] = c.SectorGroupId,
        ["dueAt"] = c.DueAt?.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture),
    };

    /// <summary>A refused case operation as the API's problem: 400 naming the field, or 409 for the status machine.</summary>
    public static ApiRequestException Problem(CaseRuleException ex) => ex.Field is not null
        ? ApiRequestException.Invalid(ex.Field, ex.Message)
        : new ApiRequestException(new ProblemDetails { Status = 409, Title = "Conflict", Detail = ex.Message });
}
