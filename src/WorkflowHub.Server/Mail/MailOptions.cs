namespace WorkflowHub.Server.Mail;

/// <summary>
/// The "Mail" settings section. Without an SMTP host, mail is written as .eml files to
/// <see cref="PickupDirectory"/> (relative to the repository root), which suits development and tests.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public string From { get; set; } = "WorkflowHub <workflowhub@localhost>";

    public string PickupDirectory { get; set; } = "data/mail";

    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    /// <summary>Empty: no SMTP, use the pickup directory.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public string? User { get; set; }

    public string? Password { get; set; }

    public bool UseSsl { get; set; } = true;
}
