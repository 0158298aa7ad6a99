namespace WorkflowHub.Server.Features.Tasks.Actions;

/// <summary>The kinds of entry in a task's record (its comments): every action leaves one, with its reason.</summary>
public enum TaskActionKind
{
    Comment = 0,
    /// <summary>通过: completed with outcome "approved".</summary>
    Approve = 1,
    /// <summary>不通过: completed with outcome "rejected".</summary>
    Reject = 2,
    Complete = 3,
    /// <summary>退回: sent back to an earlier task.</summary>
    Return = 4,
    /// <summary>转办: handed to another user or group; the owner is kept.</summary>
    Transfer = 5,
    /// <summary>委派: lent to a delegate who resolves it back.</summary>
    Delegate = 6,
    Resolve = 7,
    /// <summary>加签 / 减签 and a co-signer's own opinion.</summary>
    CoSignAdded = 8,
    CoSignRemoved = 9,
    CoSigned = 10,
    /// <summary>抄送.</summary>
    CarbonCopy = 11,
    /// <summary>撤回.</summary>
    Withdraw = 12,
    /// <summary>催办.</summary>
    Urge = 13,
    /// <summary>延期申请 and its decision.</summary>
    ExtensionRequested = 14,
    ExtensionApproved = 15,
    ExtensionRefused = 16,
    Attachment = 17,
}

/// <summary>One entry of a task's record: a comment or an action with its reason (审批意见).</summary>
public sealed class TaskComment
{
    public long Id { get; set; }
    public string TaskId { get; set; } = "";
    public string InstanceId { get; set; } = "";
    public string ElementId { get; set; } = "";
    public string? TaskName { get; set; }
    public string ProcessKey { get; set; } = "";
    public string? BusinessKey { get; set; }
    public string Author { get; set; } = "";
    public TaskActionKind Kind { get; set; }
    public string? Message { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum DelegationState
{
    None = 0,
    /// <summary>The delegate works on it (Camunda PENDING).</summary>
    Pending = 1,
    /// <summary>The delegate gave it back to the owner (Camunda RESOLVED).</summary>
    Resolved = 2,
}

/// <summary>What the engine's task row does not hold: the owner after 转办/委派, the delegation, 催办 count, a completion waiting for co-signers.</summary>
public sealed class TaskActionState
{
    public string TaskId { get; set; } = "";
    public string InstanceId { get; set; } = "";
    public string? Owner { get; set; }
    public DelegationState Delegation { get; set; }
    public int UrgeCount { get; set; }
    public DateTimeOffset? LastUrgedAt { get; set; }
    /// <summary>After 向后加签: the owner's completion (JSON of variables and opinion), run when the last co-signer finishes.</summary>
    public string? PendingCompletion { get; set; }
}

public enum CoSignPosition
{
    /// <summary>向前加签: the co-signer acts before the owner may complete.</summary>
    Before = 0,
    /// <summary>向后加签: the co-signer acts after the owner's decision, which waits for them.</summary>
    After = 1,
}

public enum CoSignStatus
{
    /// <summary>An "after" co-signer waiting for the owner's decision.</summary>
    Waiting = 0,
    Open = 1,
    Done = 2,
    /// <summary>减签: removed by the owner.</summary>
    Cancelled = 3,
}

/// <summary>加签: a co-signer's part of a task.</summary>
public sealed class TaskCoSign
{
    public string Id { get; set; } = "";
    public string TaskId { get; set; } = "";
    public string InstanceId { get; set; } = "";
    public string? TaskName { get; set; }
    public string ProcessKey { get; set; } = "";
    public string? BusinessKey { get; set; }
    public string UserName { get; set; } = "";
    public CoSignPosition Position { get; set; }
    public CoSignStatus Status { get; set; }
    public string AddedBy { get; set; } = "";
    public string? Reason { get; set; }
    public string? Opinion { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>抄送: a read-only entry in the recipient's "抄送我的" list.</summary>
public sealed class CarbonCopy
{
    public string Id { get; set; } = "";
    public string InstanceId { get; set; } = "";
    public string? TaskId { get; set; }
    public string? TaskName { get; set; }
    public string ProcessKey { get; set; } = "";
    public string? BusinessKey { get; set; }
    public string? RecipientUser { get; set; }
    public string? RecipientGroup { get; set; }
    public string From { get; set; } = "";
    public string? Reason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum ExtensionStatus
{
    Pending = 0,
    Approved = 1,
    Refused = 2,
}

/// <summary>延期申请: the assignee asks for a new due date; a leader decides.</summary>
public sealed class ExtensionRequest
{
    public string Id { get; set; } = "";
    public string TaskId { get; set; } = "";
    public string InstanceId { get; set; } = "";
    public string? TaskName { get; set; }
    public string ProcessKey { get; set; } = "";
    public string? BusinessKey { get; set; }
    public string RequestedBy { get; set; } = "";
    public DateTimeOffset? CurrentDue { get; set; }
    public DateTimeOffset RequestedDue { get; set; }
    public string Reason { get; set; } = "";
    public ExtensionStatus Status { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionComment { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A file attached to a task (stored under data/attachments).</summary>
public sealed class TaskAttachment
{
    public string Id { get; set; } = "";
    public string TaskId { get; set; } = "";
    public string InstanceId { get; set; } = "";
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string UploadedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An in-app reminder (催办) in the recipient's inbox.</summary>
public sealed class TaskReminder
{
    public string Id { get; set; } = "";
    public string Recipient { get; set; } = "";
    public bool RecipientIsGroup { get; set; }
    public string TaskId { get; set; } = "";
    public string InstanceId { get; set; } = "";
    public string? TaskName { get; set; }
    public string From { get; set; } = "";
    public string? Message { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
