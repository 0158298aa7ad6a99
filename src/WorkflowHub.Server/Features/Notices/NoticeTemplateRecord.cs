namespace WorkflowHub.Server.Features.Notices;

/// <summary>
/// One version of a notice template (通知模板): Scriban parts for the subject, the HTML body and the text body
/// (also the markdown sent to group robots), with the sample data the editor previews against. Versions are never
/// changed; an edit or a changed file adds the next one, and a flow renders the latest at the moment it renders.
/// </summary>
public sealed class NoticeTemplateRecord
{
    public const int KeyMaxLength = 64;
    public const int NameMaxLength = 200;

    public string Key { get; set; } = "";

    public int Version { get; set; }

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public string Subject { get; set; } = "";

    public string Html { get; set; } = "";

    public string Text { get; set; } = "";

    /// <summary>JSON object: the model values the preview and the test mail use.</summary>
    public string Sample { get; set; } = "{}";

    /// <summary>Where the version came from: <c>file</c> (workflows/templates) or <c>editor</c>.</summary>
    public string Source { get; set; } = NoticeTemplateSources.File;

    /// <summary>SHA-256 of the file a <c>file</c> version was loaded from, so an unchanged file is not loaded again.</summary>
    public string? FileHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedBy { get; set; }
}

public static class NoticeTemplateSources
{
    public const string File = "file";
    public const string Editor = "editor";
}
