using System.Text.Json.Nodes;
using WorkflowHub.Engine.Model;
using WorkflowHub.Server.Features.Forms;

namespace WorkflowHub.Server.Features.Tasks;

/// <summary>
/// One kind of declaration of the variables a user task's form may write. Each source reads the compiled
/// <see cref="FlowNode"/> the engine runs (never the XML again), or what it names, and answers the names it declares,
/// or null when the task has no declaration of its kind. A new kind is one more class registered with
/// <c>services.AddScoped&lt;ITaskFormFieldSource, ...&gt;()</c>.
/// </summary>
public interface ITaskFormFieldSource
{
    ValueTask<IReadOnlyCollection<string>?> FieldsOfAsync(FlowNode task, CancellationToken ct);
}

/// <summary>The parameters of <c>camunda:inputOutput</c>: the task's local inputs its form shows and the outputs it hands on.</summary>
public sealed class InputOutputFormFields : ITaskFormFieldSource
{
    public ValueTask<IReadOnlyCollection<string>?> FieldsOfAsync(FlowNode task, CancellationToken ct) =>
        ValueTask.FromResult<IReadOnlyCollection<string>?>(task.InputOutput is { } io && io.Inputs.Count + io.Outputs.Count > 0
            ? io.Inputs.Select(p => p.Name).Concat(io.Outputs.Select(p => p.Name)).ToHashSet(StringComparer.Ordinal)
            : null);
}

/// <summary><c>camunda:formData</c> fields and <c>activiti:</c>/<c>flowable:formProperty</c> that are writable.</summary>
public sealed class FormDataFormFields : ITaskFormFieldSource
{
    public ValueTask<IReadOnlyCollection<string>?> FieldsOfAsync(FlowNode task, CancellationToken ct) =>
        ValueTask.FromResult<IReadOnlyCollection<string>?>(task.FormFields.Count > 0
            ? task.FormFields.Where(f => f.Writable).Select(f => f.Id).ToHashSet(StringComparer.Ordinal)
            : null);
}

/// <summary>
/// A <c>camunda:formKey</c> naming a form-js form of the Forms page: the keys of its input components (the latest
/// version's, as the task page renders it). A key that names no stored form declares nothing.
/// </summary>
public sealed class FormJsFormFields(FormStore forms) : ITaskFormFieldSource
{
    // Scoped to a request: an inbox page of tasks sharing a form reads it once.
    private readonly Dictionary<string, IReadOnlyCollection<string>?> _byKey = new(StringComparer.Ordinal);

    public async ValueTask<IReadOnlyCollection<string>?> FieldsOfAsync(FlowNode task, CancellationToken ct)
    {
        var key = task.UserTask?.FormKey;
        if (string.IsNullOrWhiteSpace(key) || key.Contains('?', StringComparison.Ordinal) || key.Contains(':', StringComparison.Ordinal)
            || key.Contains("${", StringComparison.Ordinal))
        {
            return null;
        }
        if (!_byKey.TryGetValue(key, out var fields))
        {
            var form = await forms.GetAsync(key, null, ct);
            var keys = new HashSet<string>(StringComparer.Ordinal);
            if (form?.Schema is JsonObject schema)
            {
                Collect(schema, keys, 0);
            }
            _byKey[key] = fields = keys.Count > 0 ? keys : null;
        }
        return fields;
    }

    private static void Collect(JsonObject node, HashSet<string> keys, int depth)
    {
        if (depth > 32 || node["components"] is not JsonArray components)
        {
            return;
        }
        foreach (var component in components.OfType<JsonObject>())
        {
            // A dotted key writes into an object variable: the variable is its first segment.
            if (component["key"] is JsonValue k && k.TryGetValue<string>(out var name) && !string.IsNullOrWhiteSpace(name))
            {
                keys.Add(name.Split('.')[0]);
            }
            Collect(component, keys, depth + 1);
        }
    }
}

/// <summary>
/// A <c>camunda:formKey</c> that names its fields in a <c>fields=</c> query part, e.g.
/// <c>camunda:formKey="app:forms/verify?fields=verified,remark"</c>.
/// </summary>
public sealed class FormKeyFormFields : ITaskFormFieldSource
{
    public ValueTask<IReadOnlyCollection<string>?> FieldsOfAsync(FlowNode task, CancellationToken ct) =>
        ValueTask.FromResult(FieldsOf(task));

    private static IReadOnlyCollection<string>? FieldsOf(FlowNode task)
    {
        var key = task.UserTask?.FormKey;
        var query = key?.IndexOf('?', StringComparison.Ordinal) ?? -1;
        if (key is null || query < 0)
        {
            return null;
        }
        var fields = key[(query + 1)..].Split('&')
            .Where(p => p.StartsWith("fields=", StringComparison.Ordinal))
            .SelectMany(p => Uri.UnescapeDataString(p["fields=".Length..]).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToHashSet(StringComparer.Ordinal);
        return fields.Count > 0 ? fields : null;
    }
}

/// <summary>The union of every source's declarations for a task; null when no source declares anything.</summary>
public sealed class TaskFormFields(IEnumerable<ITaskFormFieldSource> sources)
{
    public async Task<IReadOnlySet<string>?> FieldsOfAsync(FlowNode task, CancellationToken ct)
    {
        HashSet<string>? all = null;
        foreach (var source in sources)
        {
            if (await source.FieldsOfAsync(task, ct) is { } fields)
            {
                (all ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(fields);
            }
        }
        return all;
    }
}
