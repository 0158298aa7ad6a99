using WorkflowHub.Engine.Model;

namespace WorkflowHub.Server.Features.Tasks;

/// <summary>
/// One kind of declaration of the variables a user task's form may write. Each source reads the compiled
/// <see cref="FlowNode"/> the engine runs (never the XML again) and answers the names it declares, or null when the
/// task has no declaration of its kind. A new kind (e.g. <c>camunda:formData</c> fields, once the engine's model
/// carries them) is one more class registered with <c>services.AddSingleton&lt;ITaskFormFieldSource, ...&gt;()</c>.
/// </summary>
public interface ITaskFormFieldSource
{
    IReadOnlyCollection<string>? FieldsOf(FlowNode task);
}

/// <summary>The parameters of <c>camunda:inputOutput</c>: the task's local inputs its form shows and the outputs it hands on.</summary>
public sealed class InputOutputFormFields : ITaskFormFieldSource
{
    public IReadOnlyCollection<string>? FieldsOf(FlowNode task) =>
        task.InputOutput is { } io && io.Inputs.Count + io.Outputs.Count > 0
            ? io.Inputs.Select(p => p.Name).Concat(io.Outputs.Select(p => p.Name)).ToHashSet(StringComparer.Ordinal)
            : null;
}

/// <summary>
/// A <c>camunda:formKey</c> that names its fields in a <c>fields=</c> query part, e.g.
/// <c>camunda:formKey="app:forms/verify?fields=verified,remark"</c>.
/// </summary>
public sealed class FormKeyFormFields : ITaskFormFieldSource
{
    public IReadOnlyCollection<string>? FieldsOf(FlowNode task)
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
    public IReadOnlySet<string>? FieldsOf(FlowNode task)
    {
        HashSet<string>? all = null;
        foreach (var fields in sources.Select(s => s.FieldsOf(task)).OfType<IReadOnlyCollection<string>>())
        {
            (all ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(fields);
        }
        return all;
    }
}
