namespace WorkflowHub.Server.Features.Drafts;

/// <summary>
/// A flow being edited in the designer (草稿): BPMN that is saved on the server but not deployed. One draft per
/// process key; the last save wins, and the saver is told when it overwrote someone else's save.
/// </summary>
public sealed class FlowDraft
{
    public const int KeyMaxLength = 255;

    public required string Key { get; set; }

    public string? Name { get; set; }

    public required string Xml { get; set; }

    /// <summary>The deployed version the draft started from; null for a new flow.</summary>
    public int? BasedOnVersion { get; set; }

    /// <summary>Counts saves, so an editor can tell whether someone saved since it loaded the draft.</summary>
    public int Revision { get; set; }

    public required string UpdatedBy { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
