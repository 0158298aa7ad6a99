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

    internal IEnumerable<Token> ChildrenOf(string tokenId) => Tokens.Where(t => t.ParentId == tokenId);

    public string Serialize() => JsonSerializer.Serialize(this, InstanceStateJson.Default.InstanceState);

    public static InstanceState Deserialize(string json) =>
        JsonSerializer.Deserialize(json, InstanceStateJson.Default.InstanceState) ?? new InstanceState();
}

/// <summary>Source-generated (de)serialization of the state document: read and written once per step.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(InstanceState))]
internal sealed partial class InstanceStateJson : JsonSerializerContext;
