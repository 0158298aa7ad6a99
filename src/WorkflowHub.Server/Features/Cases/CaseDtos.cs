using WorkflowHub.Server.Features.Categories;

namespace WorkflowHub.Server.Features.Cases;

public sealed record CaseSummaryDto(
    string? Number, CaseStatus Status, string StatusName, CaseChannel Channel, string CategoryCode, string? CategoryName, Urgency Urgency,
    string Address, string? AreaCode, string? AreaName, string? StreetCode, string? AreaGroup, string? SectorGroup, string? Assignee,
    DateTimeOffset? DueAt, bool Overdue, int EscalationLevel, int SupervisionOrders, int ReworkCount, int ReboundCount,
    DateTimeOffset ReportedAt, DateTimeOffset? RegisteredAt, DateTimeOffset? ClosedAt);

public sealed record CasePageDto(IReadOnlyList<CaseSummaryDto> Items, int Total, int Page, int PageSize);

public sealed record AreaRefDto(string Code, string Name, string Level);

public sealed record LeaderLinkDto(string Leader, string? LeaderName, string Kind, string Target, string? Area);

public sealed record PhotoDto(long Id, PhotoStage Stage, string FileName, string ContentType, long Size, DateTimeOffset UploadedAt, string UploadedBy, string Url);

public sealed record CategoryRefDto(string Code, string Name, CategoryKind Kind, string FilingStandard, string ClosingStandard, string Limit, bool PhotoBeforeRequired, bool PhotoAfterRequired);

public sealed record UnitRefDto(long Id, string Name, string? Remit, string? Contact, string? Phone);

public sealed record CaseTaskDto(string Id, string ElementId, string? Name, string? Assignee, IReadOnlyList<string> CandidateGroups, DateTimeOffset? DueDate, DateTimeOffset CreatedAt);

public sealed record CaseDetailDto(
    CaseSummaryDto Summary, string Description, string? ReporterName, string? ReporterContact, double? Latitude, double? Longitude,
    string? ExternalRef, CategoryRefDto? Category, IReadOnlyList<AreaRefDto> AreaPath, IReadOnlyList<LeaderLinkDto> LeaderLinks,
    int Verifications, bool? LastVerificationPassed, string? LastVerificationNote, DateTimeOffset? LookbackAt, UnitRefDto? ForwardedTo,
    string? ProcessInstanceId, IReadOnlyList<CaseTaskDto> Tasks, IReadOnlyList<PhotoDto> Photos, string CreatedBy, IReadOnlyList<string> Warnings,
    string? MergedInto = null, IReadOnlyList<string>? DuplicateCandidates = null);

public sealed record TimelineEntryDto(long Id, DateTimeOffset At, string Actor, string Action, CaseStatus? FromStatus, CaseStatus? ToStatus, string? Note, string? ProcessInstanceId, string? ElementId);
