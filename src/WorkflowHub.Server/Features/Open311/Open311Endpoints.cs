using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Cases;
using WorkflowHub.Server.Features.Categories;
using WorkflowHub.Server.Features.Identity;
using WorkflowHub.Server.Localization;

namespace WorkflowHub.Server.Features.Open311;

/// <summary>
/// Open311 GeoReport v2 under /open311/v2: the service list from the category catalogue (json and xml), a service's
/// definition (the grid attribute), POST requests.json (form-encoded, api_key) registering a case and starting its flow,
/// and the requests with status, status_notes, agency_responsible and expected_datetime. Errors use GeoReport's format:
/// <c>[{"code":400,"description":"..."}]</c>. Reading is public, as the standard intends; posting needs a key.
/// </summary>
public static class Open311Endpoints
{
    public const int MaxRequests = 1000;

    public static IServiceCollection AddHubOpen311(this IServiceCollection services)
    {
        services.AddOptions<Open311Options>().BindConfiguration(Open311Options.Section);
        return services;
    }

    public static WebApplication MapHubOpen311(this WebApplication app)
    {
        var g = app.MapGroup("/open311/v2").WithTags("Open311").AllowAnonymous(); // rate-limited per address by the API's global limiter
        g.MapGet("/services.json", async (HubDbContext db, CancellationToken ct) => Results.Json(await ServicesAsync(db, ct)));
        g.MapGet("/services.xml", async (HubDbContext db, CancellationToken ct) =>
        {
            var services = await ServicesAsync(db, ct);
            var xml = new XElement("services", services.Select(s => new XElement("service", ((JsonObject)s!).Select(p => new XElement(p.Key, p.Value?.ToString() ?? "")))));
            return Results.Text(new XDocument(new XDeclaration("1.0", "utf-8", null), xml).ToString(), "application/xml", Encoding.UTF8);
        });
        g.MapGet("/services/{code}.json", async (string code, HubDbContext db, ProblemTranslator translator, CancellationToken ct) =>
        {
            var category = await db.Set<ProblemCategory>().AsNoTracking().FirstOrDefaultAsync(c => c.Code == code, ct);
            return category is null ? Error(translator, 404, $"There is no service '{code}'.") : Results.Json(new JsonObject
            {
                ["service_code"] = category.Code,
                ["attributes"] = new JsonArray(new JsonObject
                {
                    ["variable"] = true, ["code"] = "areaCode", ["datatype"] = "string", ["required"] = true, ["datatype_description"] = "网格或社区编码，如 DG01-01 (the grid or community code)",
                    ["order"] = 1, ["description"] = "所在网格 (grid)",
                }),
            });
        });
        g.MapPost("/requests.json", PostAsync).DisableAntiforgery();
        g.MapGet("/requests.json", async (HttpRequest request, HubDbContext db, CancellationToken ct) =>
        {
            var cases = db.Set<ProblemCase>().AsNoTracking().Where(c => c.Number != null);
            var q = request.Query;
            if (q["service_request_id"].ToString() is { Length: > 0 } ids)
            {
                var list = ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(100).ToList();
                cases = cases.Where(c => list.Contains(c.Number!));
            }
            if (q["service_code"].ToString() is { Length: > 0 } code)
            {
                cases = cases.Where(c => c.CategoryCode == code);
            }
            var status = q["status"].ToString() is { Length: > 0 } text ? text : null;
            cases = status switch
            {
                null => cases,
                // a merged request (已并单) answers its surviving case's status, so it may be either: decided after describing
                "open" => cases.Where(c => c.Status != CaseStatus.Closed),
                "closed" => cases.Where(c => c.Status == CaseStatus.Closed || c.Status == CaseStatus.Merged),
                _ => throw new Open311Exception("status must be open or closed."),
            };
            var start = Date(q["start_date"], "start_date");
            var end = Date(q["end_date"], "end_date");
            cases = start is { } s ? cases.Where(c => c.ReportedAt >= s) : cases;
            cases = end is { } e ? cases.Where(c => c.ReportedAt <= e) : cases;
            var rows = await cases.OrderByDescending(c => c.ReportedAt).Take(MaxRequests).ToListAsync(ct);
            var described = await DescribeAsync(db, rows, ct);
            return Results.Json(status is null ? described
                : new JsonArray([.. described.Where(r => r!["status"]!.GetValue<string>() == status).Select(r => r!.DeepClone())]));
        });
        g.MapGet("/requests/{id}.json", async (string id, HubDbContext db, ProblemTranslator translator, CancellationToken ct) =>
        {
            var found = await db.Set<ProblemCase>().AsNoTracking().FirstOrDefaultAsync(c => c.Number == id, ct);
            return found is null ? Error(translator, 404, $"There is no service request '{id}'.") : Results.Json(await DescribeAsync(db, [found], ct));
        });
        // The translator is a singleton: taken once here, where the pipeline is composed.
        var problems = app.Services.GetRequiredService<ProblemTranslator>();
        app.Use(async (context, next) =>
        {
            try
            {
                await next();
            }
            catch (Open311Exception ex) when (context.Request.Path.StartsWithSegments("/open311"))
            {
                await Error(problems, ex.Code, ex.Message).ExecuteAsync(context);
            }
        });
        return app;
    }

    private static async Task<IResult> PostAsync(
        HttpRequest request, HubDbContext db, CaseLedger ledger, IOptions<Open311Options> options, IOptions<CaseOptions> cases,
        IRuntimeService runtime, IDefinitionService definitions, TimeProvider time, ProblemTranslator translator, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return Error(translator, 400, "The request must be form-encoded.");
        }
        var form = await request.ReadFormAsync(ct);
        string? Get(string name) => form[name].ToString() is { Length: > 0 } v ? v.Trim() : null;
        var key = Get("api_key");
        if (key is null || !options.Value.ApiKeys.Any(k => k.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(k), Encoding.UTF8.GetBytes(key))))
        {
            return Error(translator, 403, "The api_key is missing or not valid.");
        }
        var code = Get("service_code") ?? throw new Open311Exception("service_code is required.");
        double? Number(string name) => Get(name) is not { } t ? null
            : double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : throw new Open311Exception($"{name} must be a number.");
        var name = string.Join(" ", new[] { Get("first_name"), Get("last_name") }.Where(n => n is not null));
        var draft = new CaseDraft(CaseChannel.Open311, code, Urgency.Normal, Get("description") ?? "", Get("address_string") ?? "",
            Get("attribute[areaCode]") ?? throw new Open311Exception("attribute[areaCode] is required."),
            name.Length == 0 ? null : name, Get("email") ?? Get("phone"), Number("lat"), Number("long"), Get("device_id"));
        ProblemCase created;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            created = await ledger.RegisterAsync(db, draft, new CaseActor("open311"), time.GetUtcNow(), ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (CaseRuleException ex)
        {
            return Error(translator, 400, ex.Message);
        }
        if (await definitions.GetXmlAsync(cases.Value.ProcessKey, null, ct) is not null)
        {
            await runtime.StartAsync(new StartRequest(cases.Value.ProcessKey, created.Number, new Dictionary<string, JsonNode?> { ["caseNumber"] = created.Number }, "open311"), ct);
        }
        return Results.Json(new JsonArray(new JsonObject
        {
            ["service_request_id"] = created.Number,
            ["service_notice"] = "已受理并挂号。",
            ["account_id"] = null,
        }));
    }

    private static async Task<JsonArray> ServicesAsync(HubDbContext db, CancellationToken ct)
    {
        var categories = await db.Set<ProblemCategory>().AsNoTracking().Where(c => c.ParentCode != null).OrderBy(c => c.Code).ToListAsync(ct);
        var parents = await db.Set<ProblemCategory>().AsNoTracking().Where(c => c.ParentCode == null).ToDictionaryAsync(c => c.Code, c => c.Name, ct);
        return new JsonArray([.. categories.Select(c => (JsonNode?)new JsonObject
        {
            ["service_code"] = c.Code, ["service_name"] = c.Name, ["description"] = c.FilingStandard, ["metadata"] = true, ["type"] = "realtime",
            ["keywords"] = c.Name, ["group"] = parents.GetValueOrDefault(c.ParentCode!) ?? c.ParentCode,
        })]);
    }

    /// <summary>
    /// The requests as GeoReport describes them. A request merged into another case (已并单) reports the surviving
    /// case's status, agency and expected time, and says where it went in status_notes.
    /// </summary>
    private static async Task<JsonArray> DescribeAsync(HubDbContext db, IReadOnlyList<ProblemCase> rows, CancellationToken ct)
    {
        var groups = await db.Set<HubGroup>().AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var categories = await db.Set<ProblemCategory>().AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.Name, ct);
        var survivorNumbers = rows.Where(c => c.MergedInto is not null).Select(c => c.MergedInto!).Distinct().ToList();
        var survivors = survivorNumbers.Count == 0 ? new Dictionary<string, ProblemCase>()
            : await db.Set<ProblemCase>().AsNoTracking().Where(c => survivorNumbers.Contains(c.Number!)).ToDictionaryAsync(c => c.Number!, ct);
        return new JsonArray([.. rows.Select(c => (Request: c, State: c.MergedInto is { } into && survivors.TryGetValue(into, out var s) ? s : c)).Select(x => (JsonNode?)new JsonObject
        {
            ["service_request_id"] = x.Request.Number,
            ["status"] = x.State.Status is CaseStatus.Closed or CaseStatus.Merged ? "closed" : "open",
            ["status_notes"] = x.State == x.Request ? StatusNames.Of(x.Request.Status)
                : $"已并单至 {x.State.Number}：{StatusNames.Of(x.State.Status)}。",
            ["service_name"] = categories.GetValueOrDefault(x.Request.CategoryCode),
            ["service_code"] = x.Request.CategoryCode,
            ["description"] = x.Request.Description,
            ["agency_responsible"] = x.State.AreaGroupId is null ? null : groups.GetValueOrDefault(x.State.AreaGroupId) ?? x.State.AreaGroupId,
            ["service_notice"] = null,
            ["requested_datetime"] = x.Request.ReportedAt.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
            ["updated_datetime"] = (x.State.UpdatedAt > x.Request.UpdatedAt ? x.State.UpdatedAt : x.Request.UpdatedAt).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
            ["expected_datetime"] = x.State.DueAt?.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
            ["address"] = x.Request.Address,
            ["lat"] = x.Request.Latitude,
            ["long"] = x.Request.Longitude,
        })]);
    }

    private static DateTimeOffset? Date(Microsoft.Extensions.Primitives.StringValues value, string name) =>
        value.ToString() is not { Length: > 0 } text ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d
        : throw new Open311Exception($"{name} must be a W3C datetime.");

    /// <summary>GeoReport v2's error answer: a list of {code, description}, the description in the caller's language.</summary>
    public static IResult Error(ProblemTranslator translator, int code, string description) =>
        Results.Json(new JsonArray(new JsonObject { ["code"] = code, ["description"] = translator.Translate(description) }), statusCode: code);
}

/// <summary>A request GeoReport refuses with 400 in its own error format.</summary>
public sealed class Open311Exception(string message, int code = 400) : Exception(message)
{
    public int Code { get; } = code;
}
