namespace WorkflowHub.Server.Features.Drafts;

/// <summary>
/// One administrator with one flow open in the designer (谁在编辑): a heartbeat row shared by every server node. The
/// console reports every minute; a row whose <see cref="ExpiresAt"/> has passed is someone who left.
/// </summary>
public sealed class DesignerPresenceRecord
{
    public const int UserNameMaxLength = 256;

    /// <summary>The process key the designer has open (the draft's key).</summary>
    public required string Key { get; set; }

    public required string UserName { get; set; }

    /// <summary>When this editing session began (kept across heartbeats).</summary>
    public DateTimeOffset Since { get; set; }

    /// <summary>The last heartbeat.</summary>
    public DateTimeOffset SeenAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
