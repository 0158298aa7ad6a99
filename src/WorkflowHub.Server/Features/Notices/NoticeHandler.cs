using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Server.Features.Notices;

/// <summary>
/// The <c>notice</c> service-task handler (service and send tasks with <c>camunda:topic="notice"</c>): renders the
/// template's current version once per recipient and writes one outbox row each, in the step's transaction.
/// Nothing leaves the process here; the hosted sender delivers the rows after the step has committed.
/// </summary>
public sealed class NoticeHandler(
    NoticeRenderer renderer, NoticeModelFactory models, NoticeOutboxWriter outbox, INoticeRecipientResolver recipients,
    INoticeOrganisation organisation, IOptions<NoticesOptions> options) : IServiceTaskHandler
{
    public const string TopicName = "notice";

    public string Topic => TopicName;

    public string? Description => "Sends a notice: renders the template once per recipient into the mail outbox.";

    public IReadOnlyList<HandlerParameter> Parameters { get; } =
    [
        new("template", "string", true, "the template key, such as assignment"),
        new("to", "string | list", true, "user names or ids, group ids, e-mail addresses, head:GROUP (the unit head), leaders:GROUP (the linked leaders); GROUP * is the task's candidate groups (comma-separated or a list; expressions allowed)"),
        new("cc", "string | list", false, "copies (Cc), like to"),
        new("values", "map", false, "extra template values, over the instance variables"),
        new("number", "string", false, "a document-number prefix (such as the supervision office's): takes this year's next number"),
        new("numberVariable", "string", false, "the variable keeping the number (reused when set), default noticeNumber"),
        new("taskId", "string", false, "the task the notice is about; default the instance's newest open task"),
    ];

    public async ValueTask ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        var db = context.Db;
        var key = Text(context, "template") ?? throw new InvalidOperationException("the notice needs the input 'template'.");
        var record = await NoticeTemplateStore.LatestAsync(db, key, ct)
            ?? throw new InvalidOperationException($"there is no notice template '{key}'.");
        var template = renderer.Compile(record);

        var to = Entries(context.GetVariable("to"));
        if (to.Count == 0)
        {
            throw new InvalidOperationException("the notice needs recipients in 'to'.");
        }
        var task = await TaskAsync(context, ct);
        var taskGroups = task?["candidateGroups"]?.GetValue<string>();
        var all = Distinct([
            .. await recipients.ResolveAsync(db, OrganisationRecipients.ForTask(to, taskGroups), cc: false, ct),
            .. await recipients.ResolveAsync(db, OrganisationRecipients.ForTask(Entries(context.GetVariable("cc")), taskGroups), cc: true, ct),
        ]);
        if (all.Count == 0)
        {
            throw new InvalidOperationException($"nobody in '{string.Join(", ", to)}' can be reached (no e-mail address or robot).");
        }
        if (all.Count > options.Value.Render.MaxRecipients)
        {
            throw new InvalidOperationException($"too many recipients ({all.Count}, at most {options.Value.Render.MaxRecipients}).");
        }

        var subject = new NoticeSubject(context.Now, record.Key, record.Name, context.InstanceId, context.BusinessKey, context.ProcessKey,
            context.GetVariable, context.GetVariable("values") as JsonObject ?? [], task,
            await organisation.DescribeAsync(new NoticeOrganisationRequest(db, context.InstanceId, context.BusinessKey, context.GetVariable), ct),
            await NumberAsync(context, ct));
        var origin = new NoticeOrigin(context.InstanceId, context.ProcessKey, context.ElementId, context.TokenId, context.BusinessKey, null);
        foreach (var recipient in all)
        {
            outbox.Add(db, template, recipient, renderer.Render(template, models.Create(subject, recipient)), origin, context.Now);
        }
    }

    /// <summary>A text, a list, or a text of names separated by commas, semicolons or spaces (full-width ones too).</summary>
    public static IReadOnlyList<string> Entries(JsonNode? value) => value switch
    {
        null => [],
        JsonArray list => list.SelectMany(Entries).Distinct(StringComparer.Ordinal).ToList(),
        JsonValue v when v.TryGetValue<string>(out var s) => s.Split([',', ';', '，', '；', '、', ' ', '\n', '\t'],
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList(),
        _ => [value.ToJsonString()],
    };

    /// <summary>One row per channel and address; someone named in both to and cc gets it as to.</summary>
    private static List<NoticeRecipient> Distinct(IEnumerable<NoticeRecipient> recipients) =>
        recipients.GroupBy(r => (r.Channel, r.Address.ToLowerInvariant()))
            .Select(g => g.FirstOrDefault(r => !r.IsCc) ?? g.First()).ToList();

    private async Task<string?> NumberAsync(ServiceTaskContext context, CancellationToken ct)
    {
        var prefix = Text(context, "number");
        if (prefix is null)
        {
            return null;
        }
        var variable = Text(context, "numberVariable") ?? "noticeNumber";
        if (Text(context, variable) is { } kept)
        {
            return kept;
        }
        var zone = ZhFormat.Zone(options.Value.TimeZone);
        var year = TimeZoneInfo.ConvertTime(context.Now, zone).Year;
        var number = ZhFormat.Number(prefix, year, await NoticeNumbering.NextAsync(context.Db, prefix, year, ct));
        context.SetVariable(variable, JsonValue.Create(number));
        return number;
    }

    private static async Task<JsonObject?> TaskAsync(ServiceTaskContext context, CancellationToken ct)
    {
        var taskId = Text(context, "taskId");
        var tasks = context.Db.Set<UserTaskRecord>().AsNoTracking().Where(t => t.InstanceId == context.InstanceId);
        var task = taskId is not null
            ? await tasks.FirstOrDefaultAsync(t => t.Id == taskId, ct)
            : await tasks.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).FirstOrDefaultAsync(ct);
        return task is null ? null : new JsonObject
        {
            ["id"] = task.Id,
            ["name"] = task.Name,
            ["elementId"] = task.ElementId,
            ["assignee"] = task.Assignee,
            ["candidateGroups"] = task.CandidateGroups,
            ["due"] = task.DueDate?.ToString("O", CultureInfo.InvariantCulture),
            ["created"] = task.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
            ["priority"] = task.Priority,
        };
    }

    private static string? Text(ServiceTaskContext context, string name) =>
        context.GetVariable(name) is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;
}
