using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Data;

namespace WorkflowHub.Server.Features.Notices;

public sealed record NoticeTemplateSummaryDto(string Key, string Name, string? Description, int Version, string Source, DateTimeOffset UpdatedAt, string? UpdatedBy);

public sealed record NoticeTemplateDto(string Key, int Version, string Name, string? Description, string Subject, string Html, string Text,
    JsonElement Sample, string Source, DateTimeOffset CreatedAt, string? CreatedBy);

/// <summary>An edit (a new version) or a draft to preview; in a preview, parts left out are the current version's.</summary>
public sealed record NoticeTemplateRequest(string? Name, string? Description, string? Subject, string? Html, string? Text, JsonElement? Sample);

public sealed record NoticePreviewDto(string Subject, string? Html, string Text);

public sealed record TestNoticeRequest(string? To);

public sealed record TestNoticeDto(string Id, string Recipient);

/// <summary>
/// The template editor's API: list, read (any version), edit (a new version), preview against the sample data and
/// send a test mail through the outbox. Reading is for operators; changing, previewing and testing for administrators.
/// </summary>
public static class NoticeTemplateEndpoints
{
    public static RouteGroupBuilder MapNoticeTemplateEndpoints(this RouteGroupBuilder notices)
    {
        var group = notices.MapGroup("/templates").WithTags("Notices");

        group.MapGet("", async (string? page, string? pageSize, HubDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var (number, size) = ApiRequest.Paging(http, page, pageSize);
                var templates = db.Set<NoticeTemplateRecord>().AsNoTracking();
                var latest = templates.Where(t => t.Version == templates.Where(o => o.Key == t.Key).Max(o => o.Version));
                var total = await latest.CountAsync(ct);
                var rows = await latest.OrderBy(t => t.Key).Skip((number - 1) * size).Take(size).ToListAsync(ct);
                return TypedResults.Ok(new PagedList<NoticeTemplateSummaryDto>(rows.Select(Summary).ToList(), total, number, size));
            })
            .RequireAuthorization(HubPolicies.Operators)
            .WithSummary("The templates with their current version, by key.");

        group.MapGet("/{key}", async Task<Results<Ok<NoticeTemplateDto>, NotFound>> (string key, HubDbContext db, CancellationToken ct) =>
                await NoticeTemplateStore.LatestAsync(db, key, ct) is { } t ? TypedResults.Ok(Dto(t)) : TypedResults.NotFound())
            .RequireAuthorization(HubPolicies.Operators)
            .WithSummary("A template's current version: subject, HTML and text parts (Scriban) and its sample data.");

        group.MapGet("/{key}/versions", async Task<Results<Ok<PagedList<NoticeTemplateSummaryDto>>, NotFound>> (string key, string? page, string? pageSize,
                HubDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var (number, size) = ApiRequest.Paging(http, page, pageSize);
                var versions = db.Set<NoticeTemplateRecord>().AsNoTracking().Where(t => t.Key == key);
                var total = await versions.CountAsync(ct);
                if (total == 0)
                {
                    return TypedResults.NotFound();
                }
                var rows = await versions.OrderByDescending(t => t.Version).Skip((number - 1) * size).Take(size).ToListAsync(ct);
                return TypedResults.Ok(new PagedList<NoticeTemplateSummaryDto>(rows.Select(Summary).ToList(), total, number, size));
            })
            .RequireAuthorization(HubPolicies.Operators)
            .WithSummary("A template's version history, newest first.");

        group.MapGet("/{key}/versions/{version:int}", async Task<Results<Ok<NoticeTemplateDto>, NotFound>> (string key, int version, HubDbContext db, CancellationToken ct) =>
                await db.Set<NoticeTemplateRecord>().AsNoTracking().FirstOrDefaultAsync(t => t.Key == key && t.Version == version, ct) is { } t
                    ? TypedResults.Ok(Dto(t)) : TypedResults.NotFound())
            .RequireAuthorization(HubPolicies.Operators)
            .WithSummary("One version of a template.");

        group.MapPut("/{key}", SaveAsync)
            .RequireAuthorization(HubPolicies.Administrators)
            .WithSummary("Saves the template as its next version (creates the template when the key is new); 400 names the part, line and column of a template error.");

        group.MapPost("/{key}/preview", PreviewAsync)
            .RequireAuthorization(HubPolicies.Administrators)
            .WithSummary("Renders the current version, or the parts given (a draft), against the sample data (the given one or the stored one).");

        group.MapPost("/{key}/test", TestAsync)
            .RequireAuthorization(HubPolicies.Administrators)
            .WithSummary("Renders the current version with its sample data and queues it for one e-mail address (default: the caller's).");
        return notices;
    }

    private static async Task<Ok<NoticeTemplateDto>> SaveAsync(string key, NoticeTemplateRequest request, HubDbContext db, NoticeRenderer renderer,
        TimeProvider time, HttpContext http, CancellationToken ct)
    {
        if (!NoticeTemplateFile.IsValidKey(key))
        {
            throw ApiRequestException.Invalid("key", "A key has 1 to 64 lower-case letters, digits, '-' or '_'");
        }
        var current = await NoticeTemplateStore.LatestAsync(db, key, ct);
        var name = (request.Name ?? current?.Name)?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > NoticeTemplateRecord.NameMaxLength)
        {
            throw ApiRequestException.Invalid("name", $"A name of 1 to {NoticeTemplateRecord.NameMaxLength} characters is required");
        }
        var draft = new NoticeTemplateDraft(name, request.Description ?? current?.Description,
            Required(request.Subject, "subject"), request.Html ?? "", Required(request.Text, "text"));
        if (draft.Description?.Length > 1000)
        {
            throw ApiRequestException.Invalid("description", "At most 1000 characters");
        }
        var sample = request.Sample is { } given ? Sample(given) : current?.Sample ?? "{}";
        Check(() => renderer.Compile(key, 0, draft.Subject, draft.Html, draft.Text));
        var record = await NoticeTemplateStore.AddVersionAsync(db, key, draft, sample, NoticeTemplateSources.Editor, null, http.User.UserName(), time.GetUtcNow(), ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw new WorkflowHub.Engine.Services.WorkflowConflictException($"Someone saved template '{key}' at the same time; reload it");
        }
        return TypedResults.Ok(Dto(record));
    }

    private static async Task<Results<Ok<NoticePreviewDto>, NotFound>> PreviewAsync(string key, NoticeTemplateRequest? request, HubDbContext db,
        NoticeRenderer renderer, NoticeModelFactory models, INoticeOrganisation organisation, TimeProvider time, CancellationToken ct)
    {
        var current = await NoticeTemplateStore.LatestAsync(db, key, ct);
        if (current is null && request?.Subject is null)
        {
            return TypedResults.NotFound();
        }
        var draft = new NoticeTemplateRecord
        {
            Key = key,
            Version = current?.Version ?? 0,
            Name = request?.Name ?? current?.Name ?? key,
            Subject = request?.Subject ?? current!.Subject,
            Html = request?.Html ?? current?.Html ?? "",
            Text = request?.Text ?? current?.Text ?? "",
        };
        var sample = NoticeSampleOf(request?.Sample is { } given ? Sample(given) : current?.Sample);
        var compiled = Check(() => renderer.Compile(key, draft.Version, draft.Subject, draft.Html, draft.Text));
        var org = await organisation.DescribeAsync(new NoticeOrganisationRequest(db, null, null, _ => null), ct);
        var (subject, recipient) = NoticeSample.Build(sample, draft, org, time.GetUtcNow());
        var rendered = Check(() => renderer.Render(compiled, models.Create(subject, recipient)));
        return TypedResults.Ok(new NoticePreviewDto(rendered.Subject, rendered.Html, rendered.Text));
    }

    private static async Task<Results<Accepted<TestNoticeDto>, NotFound>> TestAsync(string key, TestNoticeRequest? request, HubDbContext db,
        NoticeRenderer renderer, NoticeModelFactory models, NoticeOutboxWriter outbox, INoticeOrganisation organisation,
        WorkflowHub.Server.Features.Identity.UserDirectory users, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var current = await NoticeTemplateStore.LatestAsync(db, key, ct);
        if (current is null)
        {
            return TypedResults.NotFound();
        }
        var to = request?.To?.Trim() ?? (await users.FindAsync(http.User.UserName()))?.Email;
        if (string.IsNullOrEmpty(to) || !MimeKit.MailboxAddress.TryParse(to, out var mailbox) || mailbox.Address.Length > NoticeOutboxRecord.AddressMaxLength)
        {
            throw ApiRequestException.Invalid("to", "An e-mail address is required (your account has none)");
        }
        var now = time.GetUtcNow();
        var compiled = Check(() => renderer.Compile(current));
        var org = await organisation.DescribeAsync(new NoticeOrganisationRequest(db, null, null, _ => null), ct);
        var (subject, recipient) = NoticeSample.Build(NoticeSampleOf(current.Sample), current, org, now, mailbox.Address);
        var rendered = Check(() => renderer.Render(compiled, models.Create(subject, recipient)));
        var row = outbox.Add(db, compiled, recipient, rendered with { Subject = "[测试 TEST] " + rendered.Subject },
            new NoticeOrigin(null, null, null, null, null, http.User.UserName()), now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted($"/api/notices/outbox/{Uri.EscapeDataString(row.Id)}", new TestNoticeDto(row.Id, row.Recipient));
    }

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw ApiRequestException.Invalid(field, $"The {field} part is required") : value;

    private static string Sample(JsonElement sample)
    {
        if (sample.ValueKind != JsonValueKind.Object)
        {
            throw ApiRequestException.Invalid("sample", "The sample must be a JSON object");
        }
        var text = sample.GetRawText();
        return text.Length > NoticeSample.MaxLength
            ? throw ApiRequestException.Invalid("sample", $"The sample is longer than {NoticeSample.MaxLength} characters")
            : text;
    }

    private static System.Text.Json.Nodes.JsonObject NoticeSampleOf(string? json)
    {
        try
        {
            return NoticeSample.Parse(json);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw ApiRequestException.Invalid("sample", e.Message);
        }
    }

    /// <summary>Runs a compile or render; a template error becomes a 400 whose errors name the part with line and column.</summary>
    private static T Check<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (NoticeTemplateException e)
        {
            var problem = new Microsoft.AspNetCore.Http.HttpValidationProblemDetails(
                e.Problems.GroupBy(p => p.Part).ToDictionary(g => g.Key, g => g.Select(p => p.ToString()).ToArray()))
            {
                Status = 400,
                Title = "The template has errors",
                Detail = e.Message,
            };
            problem.Extensions["problems"] = e.Problems;
            throw new ApiRequestException(problem);
        }
    }

    private static NoticeTemplateSummaryDto Summary(NoticeTemplateRecord t) =>
        new(t.Key, t.Name, t.Description, t.Version, t.Source, t.CreatedAt, t.CreatedBy);

    private static NoticeTemplateDto Dto(NoticeTemplateRecord t) =>
        new(t.Key, t.Version, t.Name, t.Description, t.Subject, t.Html, t.Text, JsonDocument.Parse(t.Sample).RootElement.Clone(), t.Source, t.CreatedAt, t.CreatedBy);
}
