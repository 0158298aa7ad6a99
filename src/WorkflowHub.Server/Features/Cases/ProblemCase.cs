using WorkflowHub.Server.Features.Categories;

namespace WorkflowHub.Server.Features.Cases;

/// <summary>Where a problem came from.</summary>
public enum CaseChannel
{
    /// <summary>巡查/自查自纠: staff patrols and self-inspection.</summary>
    Patrol = 0,

    /// <summary>12345 政务服务热线.</summary>
    Hotline12345 = 1,

    /// <summary>城市管理平台投诉.</summary>
    CityPlatform = 2,

    /// <summary>上级交办.</summary>
    HandedDown = 3,

    /// <summary>服务亭/窗口 (seed 002's 解忧亭).</summary>
    Kiosk = 4,

    /// <summary>第三方督查.</summary>
    ThirdParty = 5,

    /// <summary>领导徒步巡查、代表委员走访.</summary>
    LeaderWalk = 6,

    /// <summary>Open311 (GeoReport v2) requests from other systems.</summary>
    Open311 = 7,
}

/// <summary>The ledger status (台账状态) of a case.</summary>
public enum CaseStatus
{
    /// <summary>待立案: reported, not yet checked against the filing standard.</summary>
    Pending = 0,

    /// <summary>已挂号: registered with a number.</summary>
    Registered = 1,

    /// <summary>处置中: the area group is fixing it.</summary>
    InProgress = 2,

    /// <summary>已上报: reported up level by level to the responsible leader (逐级上报).</summary>
    ReportedUp = 3,

    /// <summary>已转办: outside the bureau's remit, forwarded to the street's 双报到 unit.</summary>
    Forwarded = 4,

    /// <summary>待验收: reported fixed, waiting for verification.</summary>
    AwaitingVerification = 5,

    /// <summary>已销号: verified and closed.</summary>
    Closed = 6,

    /// <summary>回弹重办: found again at the look-back (回头看), handled again.</summary>
    Reopened = 7,

    /// <summary>已并单: a second report of a problem already open; merged into that case (<see cref="ProblemCase.MergedInto"/>).</summary>
    Merged = 8,
}

/// <summary>
/// A case of the problem ledger (问题台账): one problem from finding to closing, with its number (挂号), place, category,
/// responsible groups, time limit, supervision and the process instance that drives it.
/// </summary>
public sealed class ProblemCase
{
    public long Id { get; set; }

    /// <summary>WH-2026-000123, given at registration; null while 待立案.</summary>
    public string? Number { get; set; }

    public CaseChannel Channel { get; set; }

    /// <summary>The channel's own reference (12345 work-order number, Open311 service request id).</summary>
    public string? ExternalRef { get; set; }

    public string? ReporterName { get; set; }

    public string? ReporterContact { get; set; }

    public string Address { get; set; } = "";

    /// <summary>The grid (or community) where it is; the street below is derived from it for scoping.</summary>
    public string? AreaCode { get; set; }

    /// <summary>The street (街道·片区) the area lies in: what area staff are scoped by.</summary>
    public string? StreetCode { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public string CategoryCode { get; set; } = "";

    public Urgency Urgency { get; set; } = Urgency.Normal;

    public string Description { get; set; } = "";

    public CaseStatus Status { get; set; }

    /// <summary>The responsible area action group (片区行动组), which fixes it.</summary>
    public string? AreaGroupId { get; set; }

    /// <summary>The assisting sector group (行业领域组): 双重分配.</summary>
    public string? SectorGroupId { get; set; }

    /// <summary>Who is handling it now (a user name), when assigned to a person.</summary>
    public string? Assignee { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    /// <summary>0 none, 1 reminder 提醒, 2 督办单, 3 reported to the unit head, 4 submitted to the party group 局党组.</summary>
    public int EscalationLevel { get; set; }

    public int SupervisionOrders { get; set; }

    public int Verifications { get; set; }

    public bool? LastVerificationPassed { get; set; }

    public string? LastVerificationNote { get; set; }

    /// <summary>Times a failed verification sent it back (返工).</summary>
    public int ReworkCount { get; set; }

    /// <summary>Times it came back after closing (回弹); the second is notified bureau-wide.</summary>
    public int ReboundCount { get; set; }

    /// <summary>When the closed case is to be re-inspected (回头看).</summary>
    public DateTimeOffset? LookbackAt { get; set; }

    /// <summary>The 双报到 unit it was forwarded to.</summary>
    public long? ForwardedToUnitId { get; set; }

    public string? ProcessInstanceId { get; set; }

    /// <summary>The open case this report was merged into (并单); set with <see cref="CaseStatus.Merged"/>.</summary>
    public string? MergedInto { get; set; }

    /// <summary>Open cases this one may duplicate (疑似重复), comma-separated numbers, while the dispatcher decides; null otherwise.</summary>
    public string? DuplicateCandidates { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset ReportedAt { get; set; }

    public DateTimeOffset? RegisteredAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<CasePhoto> Photos { get; set; } = [];

    /// <summary>Append-only; only ever added to (never loaded for writing).</summary>
    public List<CaseTimelineEntry> Timeline { get; set; } = [];

    public bool IsOpen => Status is not (CaseStatus.Closed or CaseStatus.Pending or CaseStatus.Merged);
}
