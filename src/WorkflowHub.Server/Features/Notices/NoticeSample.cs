using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowHub.Server.Features.Notices;

/// <summary>
/// The sample data shipped beside a template (KEY.sample.json), used by the editor's preview and the test mail:
/// <c>data</c> (variables), <c>task</c>, <c>recipient</c> (name, userName, groups), <c>instance</c> (id,
/// businessKey, processKey), <c>number</c>, <c>organisation</c> (overrides) and <c>now</c>.
/// </summary>
public static class NoticeSample
{
    public const int MaxLength = 64 * 1024;

    /// <summary>The sample as a JSON object; a <see cref="JsonException"/> or <see cref="FormatException"/> says what is wrong.</summary>
    public static JsonObject Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }
        if (json.Length > MaxLength)
        {
            throw new FormatException($"The sample is longer than {MaxLength} characters");
        }
        return JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 32 }) as JsonObject
            ?? throw new FormatException("The sample must be a JSON object");
    }

    public static (NoticeSubject Subject, NoticeRecipient Recipient) Build(JsonObject sample, NoticeTemplateRecord template,
        IReadOnlyDictionary<string, JsonNode?> organisation, DateTimeOffset now, string? address = null)
    {
        var values = sample["data"] as JsonObject ?? [];
        var instance = sample["instance"] as JsonObject ?? [];
        var recipient = sample["recipient"] as JsonObject ?? [];
        var org = new Dictionary<string, JsonNode?>(organisation, StringComparer.Ordinal);
        foreach (var (name, value) in sample["organisation"] as JsonObject ?? [])
        {
            org[name] = value;
        }
        var subject = new NoticeSubject(
            ZhFormat.ToDate(Text(sample, "now")) ?? now,
            template.Key,
            template.Name,
            Text(instance, "id"),
            Text(instance, "businessKey"),
            Text(instance, "processKey"),
            name => values[name]?.DeepClone(),
            [],
            sample["task"]?.DeepClone() as JsonObject,
            org,
            Text(sample, "number"));
        var groups = (recipient["groups"] as JsonArray ?? []).Select(g => g?.ToString() ?? "").ToList();
        return (subject, new NoticeRecipient(NoticeChannel.Mail, address ?? Text(recipient, "address") ?? "preview@example.invalid",
            Text(recipient, "name"), Text(recipient, "userName"), groups, false));
    }

    private static string? Text(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
