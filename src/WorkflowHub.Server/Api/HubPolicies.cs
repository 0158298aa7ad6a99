using WorkflowHub.Server.Identity;

namespace WorkflowHub.Server.Api;

/// <summary>The API's authorization policies; every endpoint needs at least a signed-in user (the fallback policy).</summary>
public static class HubPolicies
{
    /// <summary>Deploys flows, manages users, groups and webhooks, retries incidents, moves the simulation clock.</summary>
    public const string Administrators = "Administrators";

    /// <summary>Reads and starts instances, sends messages, reads incidents: everyone but plain staff.</summary>
    public const string Operators = "Operators";

    /// <summary>
    /// Sends messages (a message correlates by business key across every instance, so a leader, who acts within their
    /// groups only, may not): administrators, dispatchers and supervisors.
    /// </summary>
    public const string MessageSenders = "MessageSenders";

    /// <summary>Hands a task to someone else, cancels instances: leaders and administrators.</summary>
    public const string Leaders = "Leaders";

    public static readonly string[] OperatorRoles = [HubRoles.Administrator, HubRoles.Dispatcher, HubRoles.Supervisor, HubRoles.Leader];

    /// <summary>
    /// Roles that see every task: administrators, and the supervision group (巡查督导组), which follows every problem
    /// in every area. Leaders see the tasks of the groups they belong to (the areas and sectors they are linked to, 包联).
    /// </summary>
    public static readonly string[] SeeAllTasksRoles = [HubRoles.Administrator, HubRoles.Supervisor];
}
