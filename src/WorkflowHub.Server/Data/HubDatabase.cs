using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using WorkflowHub.Server.Hosting;

namespace WorkflowHub.Server.Data;

/// <summary>The configured database with its connection string made absolute, ready to configure a DbContext.</summary>
public sealed class HubDatabase
{
    public HubDatabase(IOptions<HubDatabaseOptions> options, HubPaths paths)
    {
        var value = options.Value;
        Provider = value.Provider;
        ConnectionString = value.Provider == DatabaseProvider.Sqlite
            ? ResolveSqlite(value.ConnectionString, paths)
            : value.ConnectionString;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>Where the data is, for logs: the SQLite file, or PostgreSQL's host, port and database (never the password).</summary>
    public string Describe()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            return new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        }
        var postgres = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"{postgres.Host}:{postgres.Port}/{postgres.Database}";
    }

    public static void UseSqlite(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString).AddInterceptors(SqliteTuning.Instance);

    public static void UsePostgres(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString);

    /// <summary>
    /// Anchors a relative SQLite file at the repository root and creates its folder: SQLite creates a missing
    /// file but not a missing folder, and a fresh clone has no data/.
    /// </summary>
    public static string ResolveSqlite(string connectionString, HubPaths paths)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var source = builder.DataSource;
        if (builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(source) || source == ":memory:"
            || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return connectionString;
        }

        builder.DataSource = paths.Resolve(source);
        var folder = Path.GetDirectoryName(builder.DataSource);
        if (!string.IsNullOrEmpty(folder) && builder.Mode != SqliteOpenMode.ReadOnly)
        {
            Directory.CreateDirectory(folder);
        }
        return builder.ToString();
    }
}
