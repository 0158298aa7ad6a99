namespace WorkflowHub.Server.Features.Cases;

/// <summary>One line of a case's append-only timeline (who did what when, status before and after).</summary>
public sealed class CaseTimelineEntry
{
    public long Id { get; set; }

    public long CaseId { get; set; }

    public DateTimeOffset At { get; set; }

    public string Actor { get; set; } = "";

    /// <summary>register, route, assign, escalate, forward, verify, close, reopen, schedule-lookback, photo...</summary>
    public string Action { get; set; } = "";

    public CaseStatus? FromStatus { get; set; }

    public CaseStatus? ToStatus { get; set; }

    public string? Note { get; set; }

    public string? ProcessInstanceId { get; set; }

    public string? ElementId { get; set; }
}
