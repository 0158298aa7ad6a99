using System.Xml;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHub.Engine;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Data;

namespace WorkflowHub.Server.Features.Drafts;

public sealed record DraftSummary(string Key, string? Name, int? BasedOnVersion, int Revision, string UpdatedBy, DateTimeOffset UpdatedAt, IReadOnlyList<DraftEditor> Editors);

public sealed record DraftDto(string Key, string? Name, int? BasedOnVersion, int Revision, string UpdatedBy, DateTimeOffset UpdatedAt, IReadOnlyList<DraftEditor> Editors, string Xml);

public sealed record SaveDraftRequest(string? Xml, string? Name, int? BasedOnVersion, int? BaseRevision);

public sealed record OverwrittenSave(string By, DateTimeOffset At, int Revision);

public sealed record DraftSaved(DraftSummary Draft, OverwrittenSave? Overwritten);

/// <summary>Flow drafts of the designer (administrators): saved, listed, opened and discarded; deploying stays POST /api/definitions.</summary>
public static class DraftEndpoints
{
    public static IServiceCollection AddHubDrafts(this IServiceCollection services)
    {
        services.AddSingleton<DraftPresence>();
        return services;
    }

    public static IEndpointRouteBuilder MapHubDrafts(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/drafts").WithTags("Drafts").RequireAuthorization(HubPolicies.Administrators);
        group.MapGet("", ListAsync).WithSummary("Every draft, with who saved it last and who has it open.");
        group.MapGet("/{key}", GetAsync).WithSummary("A draft with its BPMN.");
        group.MapPut("/{key}", SaveAsync).WithSummary("Saves a draft (not deployed). The last save wins; `overwritten` names a save made since baseRevision.");
        group.MapDelete("/{key}", DeleteAsync).WithSummary("Discards a draft.");
        group.MapPost("/{key}/editing", async (string key, HttpContext http, HubDbContext db, DraftPresence presence, CancellationToken ct) =>
                TypedResults.Ok(await presence.TouchAsync(db, CheckKey(key), http.User.UserName(), ct)))
            .WithSummary("Tells others this user has the flow open (a heartbeat, every minute); answers everyone who has.");
        group.MapDelete("/{key}/editing", async (string key, HttpContext http, HubDbContext db, DraftPresence presence, CancellationToken ct) =>
            {
                await presence.LeaveAsync(db, CheckKey(key), http.User.UserName(), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("This user closed the flow in the designer.");
        return endpoints;
    }

    private static async Task<Ok<PagedList<DraftSummary>>> ListAsync(
        string? page, string? pageSize, HttpContext http, HubDbContext db, DraftPresence presence, CancellationToken ct)
    {
        var drafts = await PagedList<FlowDraft>.QueryAsync(
            db.Set<FlowDraft>().AsNoTracking().OrderBy(d => d.Key), ApiRequest.Paging(http, page, pageSize), d => d, ct);
        var editors = await presence.EditorsAsync(db, drafts.Items.Select(d => d.Key).ToList(), ct);
        return TypedResults.Ok(drafts.With<DraftSummary>(drafts.Items.Select(d => Summary(d, editors.GetValueOrDefault(d.Key) ?? [])).ToList()));
    }

    private static async Task<Results<Ok<DraftDto>, NotFound>> GetAsync(string key, HubDbContext db, DraftPresence presence, CancellationToken ct)
    {
        var draft = await db.Set<FlowDraft>().AsNoTracking().SingleOrDefaultAsync(d => d.Key == key, ct);
        return draft is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(new DraftDto(draft.Key, draft.Name, draft.BasedOnVersion, draft.Revision, draft.UpdatedBy, draft.UpdatedAt,
                await presence.EditorsAsync(db, key, ct), draft.Xml));
    }

    private static async Task<Ok<DraftSaved>> SaveAsync(
        string key, SaveDraftRequest request, HttpContext http, HubDbContext db, DraftPresence presence, IOptions<EngineOptions> engine, CancellationToken ct)
    {
        key = CheckKey(key);
        var xml = request.Xml;
        if (string.IsNullOrWhiteSpace(xml))
        {
            throw ApiRequestException.Invalid("xml", "The draft's BPMN is empty.");
        }
        if (System.Text.Encoding.UTF8.GetByteCount(xml) > engine.Value.MaxBpmnBytes)
        {
            throw ApiRequestException.Invalid("xml", $"The draft is larger than {engine.Value.MaxBpmnBytes} bytes.");
        }
        CheckWellFormed(xml);
        if (request.Name is { Length: > 500 })
        {
            throw ApiRequestException.Invalid("name", "The name is longer than 500 characters.");
        }

        var user = http.User.UserName();
        var now = TimeProvider.System.GetUtcNow();
        var draft = await db.Set<FlowDraft>().SingleOrDefaultAsync(d => d.Key == key, ct);
        OverwrittenSave? overwritten = null;
        if (draft is null)
        {
            draft = new FlowDraft { Key = key, Xml = xml, UpdatedBy = user, Revision = 0 };
            db.Add(draft);
        }
        else if (request.BaseRevision != draft.Revision && draft.UpdatedBy != user)
        {
            // Last save wins, but the saver learns whose work it replaced.
            overwritten = new OverwrittenSave(draft.UpdatedBy, draft.UpdatedAt, draft.Revision);
        }
        draft.Xml = xml;
        draft.Name = string.IsNullOrWhiteSpace(request.Name) ? draft.Name : request.Name.Trim();
        draft.BasedOnVersion = request.BasedOnVersion ?? draft.BasedOnVersion;
        draft.Revision++;
        draft.UpdatedBy = user;
        draft.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        var editors = await presence.TouchAsync(db, key, user, ct);
        return TypedResults.Ok(new DraftSaved(Summary(draft, editors), overwritten));
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(string key, HubDbContext db, CancellationToken ct)
    {
        var deleted = await db.Set<FlowDraft>().Where(d => d.Key == key).ExecuteDeleteAsync(ct);
        return deleted == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
    }

    private static DraftSummary Summary(FlowDraft d, IReadOnlyList<DraftEditor> editors) =>
        new(d.Key, d.Name, d.BasedOnVersion, d.Revision, d.UpdatedBy, d.UpdatedAt, editors);

    private static string CheckKey(string key)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > FlowDraft.KeyMaxLength)
        {
            throw ApiRequestException.Invalid("key", $"A draft key is 1 to {FlowDraft.KeyMaxLength} characters.");
        }
        return key;
    }

    /// <summary>A draft may be unfinished BPMN, but it must be XML (no DTDs, no external entities).</summary>
    private static void CheckWellFormed(string xml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 0 };
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            while (reader.Read())
            {
            }
        }
        catch (XmlException e)
        {
            throw ApiRequestException.Invalid("xml", $"Line {e.LineNumber}, column {e.LinePosition}: {e.Message}");
        }
    }
}
