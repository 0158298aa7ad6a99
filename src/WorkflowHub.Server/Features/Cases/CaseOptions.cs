namespace WorkflowHub.Server.Features.Cases;

/// <summary>The "Cases" settings section: numbering, photos and the flow a registered case starts.</summary>
public sealed class CaseOptions
{
    public const string Section = "Cases";

    /// <summary>The prefix of case numbers: WH-2026-000123.</summary>
    public string NumberPrefix { get; set; } = "WH";

    /// <summary>The process started for a case registered through POST /api/cases (business key = the case number); empty: none.</summary>
    public string ProcessKey { get; set; } = "problem-case";

    public string PhotoFolder { get; set; } = "data/case-photos";

    public long MaxPhotoBytes { get; set; } = 5 * 1024 * 1024;

    public int MaxPhotosPerCase { get; set; } = 20;

    /// <summary>Accepted photo types; the content is checked against the type's signature, not only the name.</summary>
    /// <remarks>Empty after binding means the default (binding appends to a list, so the default is not set here).</remarks>
    public List<string> PhotoContentTypes { get; set; } = [];

    public static readonly string[] DefaultPhotoContentTypes = ["image/jpeg", "image/png", "image/webp"];
}
