namespace WorkflowHub.Server.Features.Notices;

/// <summary>
/// A document-number sequence (文号), one row per prefix and year: 督办〔2026〕第 12 号 is prefix 督办, year 2026,
/// number 12. Taken inside the step's transaction, so a rolled-back step gives its number back.
/// </summary>
public sealed class NoticeSequenceRecord
{
    public const int PrefixMaxLength = 32;

    public string Prefix { get; set; } = "";

    public int Year { get; set; }

    /// <summary>The last number handed out.</summary>
    public long Value { get; set; }
}
