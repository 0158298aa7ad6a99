using System.Collections;
using System.Text.Json.Nodes;
using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Services;

/// <summary>
/// The camunda:field values a handler reads, injected as Camunda 7 injects them: an expression field is evaluated
/// when the handler reads it, not before, so a field the handler never reads (one that names a Java bean, say) cannot
/// fail the task. Each field is evaluated at most once.
/// </summary>
internal sealed class InjectedFields(IReadOnlyList<FieldInjection> fields, Func<Expression, JsonNode?> evaluate) : IReadOnlyDictionary<string, JsonNode?>
{
    private readonly Dictionary<string, JsonNode?> _read = new(StringComparer.Ordinal);

    public JsonNode? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no field '{key}' is injected.");

    public IEnumerable<string> Keys => fields.Select(f => f.Name).Distinct(StringComparer.Ordinal);

    public IEnumerable<JsonNode?> Values => Keys.Select(k => this[k]);

    public int Count => Keys.Count();

    public bool ContainsKey(string key) => fields.Any(f => f.Name == key);

    public bool TryGetValue(string key, out JsonNode? value)
    {
        if (_read.TryGetValue(key, out value))
        {
            return true;
        }
        // The last declaration of a name wins, as a later injection would overwrite an earlier one.
        var field = fields.LastOrDefault(f => f.Name == key);
        if (field is null)
        {
            return false;
        }
        value = evaluate(field.Value);
        _read[key] = value;
        return true;
    }

    public IEnumerator<KeyValuePair<string, JsonNode?>> GetEnumerator() =>
        Keys.Select(k => KeyValuePair.Create(k, this[k])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
