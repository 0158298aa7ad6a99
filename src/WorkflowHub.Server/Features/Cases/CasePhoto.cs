namespace WorkflowHub.Server.Features.Cases;

public enum PhotoStage
{
    /// <summary>整改前: the problem as found.</summary>
    Before = 0,

    /// <summary>整改后: the result.</summary>
    After = 1,
}

/// <summary>A photo of a case, stored under data/ (Cases:PhotoFolder); the row keeps where and what.</summary>
public sealed class CasePhoto
{
    public long Id { get; set; }

    public long CaseId { get; set; }

    public PhotoStage Stage { get; set; }

    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "";

    public long Size { get; set; }

    /// <summary>The path below the photo folder (year/month/random name), never a name the uploader chose.</summary>
    public string StoragePath { get; set; } = "";

    public DateTimeOffset UploadedAt { get; set; }

    public string UploadedBy { get; set; } = "";
}
