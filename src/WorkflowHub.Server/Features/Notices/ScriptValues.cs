using System.Text.Json;
using System.Text.Json.Nodes;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace WorkflowHub.Server.Features.Notices;

/// <summary>Turns JSON (variables, sample data, organisation values) into Scriban's own objects, the only kind a template sees.</summary>
public static class ScriptValues
{
    public static object? From(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => FromObject(o),
        JsonArray a => new ScriptArray(a.Select(From)),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => v.TryGetValue<long>(out var l) ? l : v.TryGetValue<int>(out var i) ? (long)i : v.GetValue<double>(),
            _ => null,
        },
        _ => null,
    };

    public static ScriptObject FromObject(JsonObject? o)
    {
        var result = new ScriptObject();
        foreach (var (name, value) in o ?? [])
        {
            result[name] = From(value);
        }
        return result;
    }
}

/// <summary>
/// A script object that asks <paramref name="resolve"/> for members it does not hold, so a template reads only the
/// process variables it names (the engine offers them one by one) and unknown names are empty, not errors.
/// </summary>
public sealed class LazyScriptObject(Func<string, JsonNode?> resolve) : ScriptObject
{
    public override bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object? value)
    {
        if (base.TryGetValue(context, span, member, out value))
        {
            return true;
        }
        var node = resolve(member);
        if (node is null)
        {
            return false;
        }
        value = ScriptValues.From(node)!;
        this[member] = value;
        return true;
    }

    public override bool Contains(string member) => base.Contains(member) || resolve(member) is not null;
}
