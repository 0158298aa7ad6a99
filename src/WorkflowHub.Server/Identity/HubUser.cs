using Microsoft.AspNetCore.Identity;

namespace WorkflowHub.Server.Identity;

/// <summary>A person who signs in: an administrator, a dispatcher, a supervisor, a leader or a member of staff.</summary>
public class HubUser : IdentityUser
{
    public const int DisplayNameMaxLength = 100;

    /// <summary>The name shown on tasks and history (usually the person's Chinese name); the user name stays the login.</summary>
    public string? DisplayName { get; set; }
}
