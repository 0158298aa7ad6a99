namespace WorkflowHub.Server.Identity;

/// <summary>The roles seeded on every start; workflows and the API authorize against these names.</summary>
public static class HubRoles
{
    /// <summary>系统管理员: deploys workflows, manages users and operates the engine.</summary>
    public const string Administrator = "Administrator";

    /// <summary>问题收集组: registers problems from patrols, the 12345 hotline and other systems, and dispatches them.</summary>
    public const string Dispatcher = "Dispatcher";

    /// <summary>巡查督导组: supervises handling, escalates overdue problems, verifies and re-inspects results.</summary>
    public const string Supervisor = "Supervisor";

    /// <summary>领导: the leaders at the top of the escalation ladder.</summary>
    public const string Leader = "Leader";

    /// <summary>工作人员: members of the area groups (区域组) and sector groups (行业组) who fix the problems.</summary>
    public const string Staff = "Staff";

    /// <summary>外部任务执行者: systems that fetch and complete external service tasks (camunda:type="external").</summary>
    public const string Worker = "Worker";

    public static IReadOnlyList<string> All { get; } = [Administrator, Dispatcher, Supervisor, Leader, Staff, Worker];
}
