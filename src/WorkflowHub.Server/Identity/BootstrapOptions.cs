namespace WorkflowHub.Server.Identity;

/// <summary>The "Bootstrap" settings section: the administrator created on the first start.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    public string AdminUser { get; set; } = "admin";

    /// <summary>Empty: a strong password is generated and printed once, when the administrator is created.</summary>
    public string AdminPassword { get; set; } = string.Empty;
}
