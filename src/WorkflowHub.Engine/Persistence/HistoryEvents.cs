using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Engine.Persistence;

/// <summary>An event a step records while it runs; the step writes its events per instance as one <see cref="HistoryRecord"/>.</summary>
internal sealed class HistoryEntry
{
    public required string InstanceId { get; init; }
    public required string ProcessKey { get; init; }
    public DateTimeOffset Timestamp { get; init; }
    public required string Type { get; set; }
    public string? ElementId { get; init; }
    public string? ElementType { get; init; }
    public string? TokenId { get; init; }
    public string? TaskId { get; init; }
    public string? Actor { get; init; }
    public JsonNode? Data { get; init; }
}

/// <summary>The JSON array a <see cref="HistoryRecord"/> keeps its events in, written and read without reflection.</summary>
internal static class HistoryEvents
{
    public static string Serialize(IEnumerable<HistoryEntry> entries)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var e in entries)
            {
                w.WriteStartObject();
                w.WriteString("type", e.Type);
                WriteOptional(w, "elementId", e.ElementId);
                WriteOptional(w, "elementType", e.ElementType);
                WriteOptional(w, "tokenId", e.TokenId);
                WriteOptional(w, "taskId", e.TaskId);
                if (e.Data is not null)
                {
                    w.WritePropertyName("data");
                    e.Data.WriteTo(w);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The record's events from <paramref name="first"/> on, at most <paramref name="take"/> of them.</summary>
    public static IEnumerable<HistoryEvent> Unfold(HistoryRecord r, int first = 0, int take = int.MaxValue)
    {
        using var document = JsonDocument.Parse(r.Events);
        var events = new List<HistoryEvent>();
        var index = 0;
        foreach (var e in document.RootElement.EnumerateArray())
        {
            if (index >= first && events.Count < take)
            {
                events.Add(new HistoryEvent(r.Id, index, r.InstanceId, r.ProcessKey, r.Timestamp, e.GetProperty("type").GetString()!,
                    Optional(e, "elementId"), Optional(e, "elementType"), Optional(e, "tokenId"), Optional(e, "taskId"), r.Actor,
                    e.TryGetProperty("data", out var data) ? JsonNode.Parse(data.GetRawText()) : null));
            }
            index++;
        }
        return events;
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static string? Optional(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;
}
