namespace WorkflowHub.Server.Features.Organisation.Seed;

/// <summary>The "Demo" settings section: seed 001's organisation with demo users, seeded on the first start.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed the demo organisation, users and cases when the database has never had them (off in production).</summary>
    public bool SeedOnFirstStart { get; set; }

    /// <summary>The demo users' password; empty: one is generated per user and printed once.</summary>
    public string Password { get; set; } = string.Empty;
}
