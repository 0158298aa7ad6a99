using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WorkflowHub.Server.Api;

namespace WorkflowHub.Server.Features.ExternalTasks;

/// <summary>One variable in Camunda 7's REST form: <c>{"value": …, "type": "String", "valueInfo": {…}}</c>.</summary>
public sealed record CamundaValue(JsonNode? Value, string? Type, JsonObject? ValueInfo);

/// <summary>
/// Camunda's typed variables to the engine's JSON values and back. In: String, Integer, Short, Long, Double,
/// Boolean, Null, Json (the value is JSON text), Object serialized as application/json, and Date (kept as an ISO-8601
/// text); a missing type takes the value as it is. Bytes and File are refused naming the variable. Out: the JSON
/// kind decides (a whole number that fits 32 bits is Integer, else Long; objects and arrays are Json text).
/// </summary>
internal static partial class CamundaVariables
{
    public static Dictionary<string, JsonNode?>? FromTyped(Dictionary<string, CamundaValue?>? typed, string field)
    {
        if (typed is null)
        {
            return null;
        }
        var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, typedValue) in typed)
        {
            result[name] = typedValue is null ? null : FromTyped(typedValue, $"{field}.{name}");
        }
        return result;
    }

    private static JsonNode? FromTyped(CamundaValue typed, string field)
    {
        var value = typed.Value;
        var kind = value?.GetValueKind() ?? JsonValueKind.Null;
        switch (typed.Type?.Trim().ToLowerInvariant())
        {
            case null or "":
                return value?.DeepClone();
            case "null":
                return null;
            case "string":
                return kind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.String => value!.DeepClone(),
                    _ => throw Invalid(field, "a String variable needs a text value"),
                };
            case "integer" or "short" or "long":
                return kind == JsonValueKind.Null ? null
                    : Whole(value!) is { } whole ? JsonValue.Create(whole) : throw Invalid(field, $"a {typed.Type} variable needs a whole number");
            case "double":
                return kind == JsonValueKind.Null ? null
                    : Number(value!) is { } number ? JsonValue.Create(number) : throw Invalid(field, "a Double variable needs a number");
            case "boolean":
                return kind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.True or JsonValueKind.False => value!.DeepClone(),
                    JsonValueKind.String when bool.TryParse(value!.GetValue<string>(), out var b) => JsonValue.Create(b),
                    _ => throw Invalid(field, "a Boolean variable needs true or false"),
                };
            case "json":
                return ParseJsonText(value, kind, field);
            case "object" when SerializedAsJson(typed.ValueInfo):
                return ParseJsonText(value, kind, field);
            case "date":
                return kind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.String when ParseDate(value!.GetValue<string>()) is { } date =>
                        JsonValue.Create(date.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
                    _ => throw Invalid(field, "a Date variable needs a date text such as 2026-12-01T08:00:00.000+0800"),
                };
            default:
                throw Invalid(field, $"variables of type '{typed.Type}' are not supported (String, Integer, Long, Double, Boolean, Null, Json, Date, Object as application/json)");
        }
    }

    /// <summary>The engine's variables in Camunda's typed form.</summary>
    public static JsonObject ToTyped(IReadOnlyDictionary<string, JsonNode?> variables)
    {
        var result = new JsonObject();
        foreach (var (name, value) in variables)
        {
            var (typed, type) = value?.GetValueKind() switch
            {
                null or JsonValueKind.Null or JsonValueKind.Undefined => ((JsonNode?)null, "Null"),
                JsonValueKind.True or JsonValueKind.False => (value!.DeepClone(), "Boolean"),
                JsonValueKind.String => (value!.DeepClone(), "String"),
                JsonValueKind.Number when long.TryParse(value.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole) =>
                    (JsonValue.Create(whole), whole is >= int.MinValue and <= int.MaxValue ? "Integer" : "Long"),
                JsonValueKind.Number => (value!.DeepClone(), "Double"),
                _ => (JsonValue.Create(value!.ToJsonString()), "Json"),
            };
            result[name] = new JsonObject { ["value"] = typed, ["type"] = type, ["valueInfo"] = new JsonObject() };
        }
        return result;
    }

    private static bool SerializedAsJson(JsonObject? valueInfo) =>
        valueInfo is not null && valueInfo.TryGetPropertyValue("serializationDataFormat", out var format)
        && format?.GetValueKind() == JsonValueKind.String && format.GetValue<string>().Contains("json", StringComparison.OrdinalIgnoreCase);

    private static JsonNode? ParseJsonText(JsonNode? value, JsonValueKind kind, string field)
    {
        if (kind != JsonValueKind.String)
        {
            return value?.DeepClone();
        }
        try
        {
            return JsonNode.Parse(value!.GetValue<string>());
        }
        catch (JsonException e)
        {
            throw Invalid(field, $"the value is not JSON text ({e.Message})");
        }
    }

    /// <summary>A whole number, read from its JSON text (so any JsonValue, parsed or built, reads alike).</summary>
    private static long? Whole(JsonNode value)
    {
        var text = value.GetValueKind() switch
        {
            JsonValueKind.Number => value.ToJsonString(),
            JsonValueKind.String => value.GetValue<string>(),
            _ => null,
        };
        if (text is null)
        {
            return null;
        }
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
        {
            return whole;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && Math.Abs(d) < 9e15 && d == Math.Floor(d) ? (long)d : null;
    }

    private static double? Number(JsonNode value)
    {
        var text = value.GetValueKind() switch
        {
            JsonValueKind.Number => value.ToJsonString(),
            JsonValueKind.String => value.GetValue<string>(),
            _ => null,
        };
        return text is not null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    /// <summary>Camunda writes dates as 2026-12-01T08:00:00.000+0800; ISO-8601 with a colon or Z is read too.</summary>
    private static DateTimeOffset? ParseDate(string text)
    {
        var normalized = OffsetWithoutColon().Replace(text.Trim(), "$1:$2");
        return DateTimeOffset.TryParse(normalized, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;
    }

    /// <summary>Camunda's date format for the times it answers (lockExpirationTime, createTime).</summary>
    public static string Date(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture) + "+0000";

    private static ApiRequestException Invalid(string field, string message) => ApiRequestException.Invalid(field, $"{field}: {message}.");

    [GeneratedRegex(@"([+-]\d{2})(\d{2})$")]
    private static partial Regex OffsetWithoutColon();
}
