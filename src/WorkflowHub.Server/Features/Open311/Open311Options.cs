namespace WorkflowHub.Server.Features.Open311;

/// <summary>The "Open311" settings section. Keys are secrets: give them by environment variable, never in the repository.</summary>
public sealed class Open311Options
{
    public const string Section = "Open311";

    /// <summary>The API keys allowed to POST requests (GeoReport v2 <c>api_key</c>); empty: nobody may post.</summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>The jurisdiction named in answers.</summary>
    public string Jurisdiction { get; set; } = "workflowhub";
}
