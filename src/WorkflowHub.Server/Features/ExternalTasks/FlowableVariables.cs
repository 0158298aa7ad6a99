using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowHub.Server.Features.ExternalTasks;

/// <summary>One variable in Flowable's REST form: <c>{"name": "amount", "type": "integer", "value": 1200}</c>.</summary>
public sealed record FlowableVariable(string? Name, string? Type, JsonNode? Value, string? ValueUrl);

/// <summary>
/// Flowable's REST variables (a list of name, type, value) to the engine's JSON values and back. In: string, short,
/// integer, long, double, boolean, date and instant (kept as ISO-8601 text in UTC), localDate and localDateTime (kept as
/// their text), json (an object or array as it is, or JSON text), null; checked as Camunda's typed values are. Out: the
/// JSON kind decides (a whole number that fits 32 bits is an integer, else a long; objects and arrays are json).
/// </summary>
internal static class FlowableVariables
{
    public static Dictionary<string, JsonNode?>? From(List<FlowableVariable?>? variables, string field)
    {
        if (variables is null)
        {
            return null;
        }
        var typed = new Dictionary<string, CamundaValue?>(StringComparer.Ordinal);
        for (var i = 0; i < variables.Count; i++)
        {
            var variable = variables[i];
            if (variable is null || string.IsNullOrWhiteSpace(variable.Name))
            {
                throw Api.ApiRequestException.Invalid($"{field}[{i}].name", "Each variable needs a name.");
            }
            if (!string.IsNullOrEmpty(variable.ValueUrl) && variable.Value is null)
            {
                throw Api.ApiRequestException.Invalid($"{field}[{i}].valueUrl", "Binary variables (valueUrl) are not supported.");
            }
            // Flowable's names for what Camunda's converter already reads: instants are dates, local dates stay text.
            var type = variable.Type?.Trim().ToLowerInvariant() switch
            {
                "instant" => "date",
                "localdate" or "localdatetime" => "string",
                var other => other,
            };
            typed[variable.Name] = new CamundaValue(variable.Value, type, null);
        }
        return CamundaVariables.FromTyped(typed, field);
    }

    public static JsonArray To(IReadOnlyDictionary<string, JsonNode?> variables)
    {
        var result = new JsonArray();
        foreach (var (name, value) in variables)
        {
            var type = value?.GetValueKind() switch
            {
                null or JsonValueKind.Null or JsonValueKind.Undefined => "null",
                JsonValueKind.True or JsonValueKind.False => "boolean",
                JsonValueKind.String => "string",
                JsonValueKind.Number when long.TryParse(value.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole) =>
                    whole is >= int.MinValue and <= int.MaxValue ? "integer" : "long",
                JsonValueKind.Number => "double",
                _ => "json",
            };
            result.Add(new JsonObject { ["name"] = name, ["type"] = type, ["value"] = value?.DeepClone() });
        }
        return result;
    }
}
