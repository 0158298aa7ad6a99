using System.Text.Json.Nodes;

namespace WorkflowHub.Engine.Expressions;

/// <summary>
/// The variables visible from a token, as JSON values. The runtime implements it over its scope chain;
/// <see cref="DictionaryVariableResolver"/> serves tests and simple callers.
/// </summary>
/// <remarks>
/// The evaluator only reads the values it is given (it never mutates them), but a <see cref="JsonNode"/> tree
/// materialises lazily on first read, so one node instance must not be evaluated on two threads at once.
/// </remarks>
internal interface IVariableResolver
{
    /// <summary>Looks a variable up; a variable that exists with a JSON null yields true and a null value.</summary>
    bool TryGet(string name, out JsonNode? value);

    /// <summary>The names of every visible variable.</summary>
    IEnumerable<string> Names { get; }
}

/// <summary>An <see cref="IVariableResolver"/> over a dictionary (names are case-sensitive).</summary>
internal sealed class DictionaryVariableResolver : IVariableResolver
{
    private readonly IReadOnlyDictionary<string, JsonNode?> _variables;

    public DictionaryVariableResolver(IReadOnlyDictionary<string, JsonNode?> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        _variables = variables;
    }

    public DictionaryVariableResolver(IEnumerable<KeyValuePair<string, JsonNode?>> variables)
        : this(new Dictionary<string, JsonNode?>(variables, StringComparer.Ordinal))
    {
    }

    /// <summary>No variables at all.</summary>
    public static DictionaryVariableResolver Empty { get; } = new(new Dictionary<string, JsonNode?>());

    public bool TryGet(string name, out JsonNode? value) => _variables.TryGetValue(name, out value);

    public IEnumerable<string> Names => _variables.Keys;
}
