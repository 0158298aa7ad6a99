namespace WorkflowHub.Server.Data;

public enum DatabaseProvider
{
    Sqlite = 0,
    Postgres = 1,
}

/// <summary>The "Database" settings section.</summary>
public sealed class HubDatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For SQLite a relative Data Source is taken from the repository root, not the working folder.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/workflowhub.db";
}
