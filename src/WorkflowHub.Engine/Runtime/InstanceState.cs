using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace WorkflowHub.Engine.Runtime;

/// <summary>
/// Everything an instance is made of at run time but its queryable rows: tokens, process variables and the
/// token counter. Stored as one JSON document on the instance row, read and written once per step.
/// </summary>
public sealed class InstanceState
{
    public List<Token> Tokens { get; set; } = [];
    public Dictionary<string, JsonNode?> Variables { get; set; } = new(StringComparer.Ordinal);
    public int NextToken { get; set; }

    /// <summary>Completed compensable activities, in order of completion (null while there are none).</summary>
    public List<CompensationRecord>? Compensations { get; set; }

    internal string NewTokenId() => "t" + (++NextToken).ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal Token? Find(string tokenId)
    {
        foreach (var t in Tokens)
        {
            if (t.Id == tokenId)
            {
                return t;
            }
        }
        return null;
    }

    /// <summary>Every variable the token sees: the process's, overridden by each enclosing scope's, its own last.</summary>
    internal Dictionary<string, JsonNode?> VisibleVariables(Token? token)
    {
        var result = new Dictionary<string, JsonNode?>(Variables, StringComparer.Ordinal);
        var chain = new List<Token>();
        for (var t = token; t is not null; t = t.ParentId is null ? null : Find(t.ParentId))
        {
            chain.Add(t);
        }
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            if (chain[i].Variables is { } locals)
            {
                foreach (var (k, v) in locals)
                {
                    result[k] = v;
                }
            }
        }
        return result;
    }

    internal IEnumerable<Token> ChildrenOf(string tokenId) => Tokens.Where(t => t.ParentId == tokenId);

    public string Serialize() => JsonSerializer.Serialize(this, InstanceStateJson.Default.InstanceState);

    public static InstanceState Deserialize(string json) =>
        JsonSerializer.Deserialize(json, InstanceStateJson.Default.InstanceState) ?? new InstanceState();
}

/// <summary>
/// A completed activity that compensation may undo (BPMN 2.0 §10.7): in which scope it completed (a scope token id, null for
/// the process) and, for a sub-process, the key its content is filed under (the id its scope token takes when it is
/// entered again) and the local variables it ended with, so that its compensation runs in that scope again.
/// </summary>
public sealed class CompensationRecord
{
    public required string ActivityId { get; init; }
    public string? ScopeId { get; set; }
    public string? ScopeKey { get; init; }
    public Dictionary<string, JsonNode?>? Variables { get; init; }
}

/// <summary>Source-generated (de)serialization of the state document: read and written once per step.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(InstanceState))]
internal sealed partial class InstanceStateJson : JsonSerializerContext;
