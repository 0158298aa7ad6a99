namespace WorkflowHub.Server.Features.Notices;

public enum RobotKind
{
    /// <summary>企业微信群机器人.</summary>
    WeCom = 0,

    /// <summary>钉钉自定义机器人 (signed with timestamp + sign when a secret is set).</summary>
    DingTalk = 1,

    /// <summary>飞书自定义机器人 (signed with timestamp + sign when a secret is set).</summary>
    Feishu = 2,
}

/// <summary>
/// The chat-group robot (群机器人) of a group: notices addressed to the group are also posted there. The webhook URL
/// carries the robot's access token and the secret signs calls, so both are stored encrypted (Data Protection).
/// </summary>
public sealed class GroupRobotRecord
{
    public string GroupId { get; set; } = "";

    public RobotKind Kind { get; set; }

    public string ProtectedUrl { get; set; } = "";

    public string? ProtectedSecret { get; set; }

    public bool Enabled { get; set; } = true;

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }
}
