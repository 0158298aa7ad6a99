using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace WorkflowHub.Engine.Services;

/// <summary>
/// What a service-task handler is given: the step's DbContext (its writes commit with the step), the
/// instance it serves, and the variables visible from the task (its input parameters first).
/// </summary>
public sealed class ServiceTaskContext
{
    private readonly Func<DbContext> _db;
    private readonly Func<string, JsonNode?> _get;
    private readonly Action<string, JsonNode?> _set;

    internal ServiceTaskContext(
        Func<DbContext> db, string instanceId, string? businessKey, string processKey, string elementId, string tokenId,
        DateTimeOffset now, Func<string, JsonNode?> get, Action<string, JsonNode?> set)
    {
        _db = db;
        InstanceId = instanceId;
        BusinessKey = businessKey;
        ProcessKey = processKey;
        ElementId = elementId;
        TokenId = tokenId;
        Now = now;
        _get = get;
        _set = set;
    }

    /// <summary>The step's DbContext: what a handler writes through it commits or rolls back with the step.</summary>
    public DbContext Db => _db();
    public string InstanceId { get; }
    public string? BusinessKey { get; }
    public string ProcessKey { get; }
    public string ElementId { get; }
    public string TokenId { get; }

    /// <summary>The engine's clock at the step (follows the simulation clock).</summary>
    public DateTimeOffset Now { get; }

    /// <summary>A variable as seen from the task: local (input parameters) first, then enclosing scopes.</summary>
    public JsonNode? GetVariable(string name) => _get(name);

    public T? GetVariable<T>(string name)
    {
        var node = _get(name);
        return node is null ? default : node.Deserialize<T>();
    }

    /// <summary>The camunda:field values of the element (fixed inputs of the handler), evaluated on entry.</summary>
    public IReadOnlyDictionary<string, JsonNode?> Fields { get; init; } = new Dictionary<string, JsonNode?>();

    /// <summary>Sets a variable where it already lives, else on the process scope.</summary>
    public void SetVariable(string name, JsonNode? value) => _set(name, value);
}
