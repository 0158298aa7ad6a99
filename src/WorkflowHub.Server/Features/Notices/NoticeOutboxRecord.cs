namespace WorkflowHub.Server.Features.Notices;

public enum NoticeChannel
{
    /// <summary>An e-mail to one address (SMTP, or the pickup folder without an SMTP host).</summary>
    Mail = 0,

    /// <summary>A group robot (群机器人) of 企业微信, 钉钉 or 飞书: the text part posted to the group's webhook.</summary>
    Robot = 1,
}

public enum NoticeStatus
{
    Pending = 0,
    Sent = 1,
    Failed = 2,
}

/// <summary>
/// One rendered notice for one recipient, waiting in the outbox (发件箱) or delivered. Written by the <c>notice</c>
/// handler in the engine step's transaction; only the hosted sender delivers it. Its <see cref="Id"/> is the mail's
/// Message-ID, so a delivery repeated after a crash carries the same Message-ID as the first.
/// </summary>
public sealed class NoticeOutboxRecord
{
    public const int AddressMaxLength = 320;

    public string Id { get; set; } = "";

    public NoticeChannel Channel { get; set; }

    /// <summary>The e-mail address, or the group id whose robot receives it.</summary>
    public string Recipient { get; set; } = "";

    public string? RecipientName { get; set; }

    /// <summary>True when the recipient was named in <c>cc</c> (the mail puts them in Cc).</summary>
    public bool IsCc { get; set; }

    public string TemplateKey { get; set; } = "";

    public int TemplateVersion { get; set; }

    public string Subject { get; set; } = "";

    public string? Html { get; set; }

    public string Text { get; set; } = "";

    public string? InstanceId { get; set; }

    public string? ProcessKey { get; set; }

    public string? ElementId { get; set; }

    public string? TokenId { get; set; }

    public string? BusinessKey { get; set; }

    public NoticeStatus Status { get; set; }

    /// <summary>Deliveries started (counted when a sender takes the row, so a crash counts too).</summary>
    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>A sender holds the row until then; a crashed sender's rows are taken again after it.</summary>
    public DateTimeOffset? LeasedUntil { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedBy { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The incident raised on the instance when the last retry failed.</summary>
    public string? IncidentId { get; set; }
}
