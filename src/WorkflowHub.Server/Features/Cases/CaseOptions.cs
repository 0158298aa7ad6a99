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

    /// <summary>When a new report is offered to the dispatcher as a duplicate (疑似重复) of an open case.</summary>
    public DuplicateOptions Duplicates { get; set; } = new();
}

/// <summary>The "Cases:Duplicates" settings: how near and how recent an open case of the same category and grid must be.</summary>
public sealed class DuplicateOptions
{
    /// <summary>Off: every report opens its own case.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Two reports with coordinates at most this far apart (metres) are the same place.</summary>
    public double DistanceMetres { get; set; } = 50;

    /// <summary>Only open cases reported within this many days before the new report are candidates.</summary>
    public int WindowDays { get; set; } = 30;

    /// <summary>At most this many candidates are offered, nearest first.</summary>
    public int MaxCandidates { get; set; } = 5;
}
