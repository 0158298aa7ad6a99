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
            : ResolvePostgres(value.ConnectionString);
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

    /// <param name="backgroundCheckpoint">The engine checkpoints the WAL in the background (Engine:SqliteCheckpoint:Enabled): no connection checkpoints at commit.</param>
    public static void UseSqlite(DbContextOptionsBuilder builder, string connectionString, bool backgroundCheckpoint = false) =>
        builder.UseSqlite(connectionString)
            .WithoutEfFunctions()
            .AddInterceptors(backgroundCheckpoint ? SqliteTuning.WithoutAutoCheckpoint : SqliteTuning.Instance);

    public static void UsePostgres(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString);

    /// <summary>
    /// Npgsql settings the server needs unless the connection string names them itself:
    /// <list type="bullet">
    /// <item>Max Auto Prepare=64: the engine sends the same few statements at every step, and without it PostgreSQL
    /// parses and plans each of them every time (measured with the benchmark harness's PostgreSQL scenarios: about
    /// twice the throughput with it).</item>
    /// <item>Maximum Pool Size=<see cref="DefaultMaxPoolSize"/>: Npgsql's default of 100 per node lets three busy
    /// nodes open 300 connections, and PostgreSQL's default max_connections is 100, so under load the nodes were
    /// refused ("too many clients already", harness scenario intake-pg) instead of queueing for a connection.</item>
    /// <item>No Reset On Close=true: the server leaves no session state on a pooled connection (no SET, temporary
    /// table, advisory lock or LISTEN; the LISTEN connection is unpooled), and Npgsql's reset put seven statements
    /// (RESET ALL, DISCARD TEMP …) in front of the first command of every connection taken from the pool, two per
    /// webhook delivery (pg_stat_statements under the intake-pg harness). A transaction left open is still rolled
    /// back when the connection goes back to the pool.</item>
    /// </list>
    /// </summary>
    public static string ResolvePostgres(string connectionString)
    {
        // NpgsqlConnectionStringBuilder knows every key, so whether the text names one is read from the plain builder.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Names(params string[] keys) => given.Keys.Cast<string>()
            .Any(k => keys.Contains(k.Replace(" ", "", StringComparison.Ordinal), StringComparer.OrdinalIgnoreCase));
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Names("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
        }
        if (!Names("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }
        if (!Names("MaximumPoolSize", "MaxPoolSize"))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }
        return builder.ToString();
    }

    /// <summary>Connections one node keeps to PostgreSQL at most (three nodes stay under PostgreSQL's default 100).</summary>
    public const int DefaultMaxPoolSize = 25;

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
