using System.Security.Cryptography;
using Npgsql;

namespace WorkflowHub.Benchmarks;

/// <summary>
/// The run's own database on the PostgreSQL server of --postgres: created empty through the maintenance database,
/// so that no run sees another's rows, and dropped at the end unless --keep.
/// </summary>
internal sealed class PostgresDatabase
{
    private const string MaintenanceDatabase = "postgres";

    private readonly string _maintenance;

    private PostgresDatabase(string name, string connectionString, string maintenance, string server, NpgsqlConnection connection)
    {
        Name = name;
        ConnectionString = connectionString;
        _maintenance = maintenance;
        Server = server;
        Fsync = Show(connection, "fsync");
        SynchronousCommit = Show(connection, "synchronous_commit");
    }

    public string Name { get; }

    /// <summary>The --postgres connection string, pointed at this database; everything else as given.</summary>
    public string ConnectionString { get; }

    /// <summary>Host and port, for the output (never the password).</summary>
    public string Server { get; }

    /// <summary>The server's fsync: off means no commit is durable, whatever synchronous_commit says.</summary>
    public string Fsync { get; }

    /// <summary>synchronous_commit as a new connection to this database gets it (it may be set per database, role or session).</summary>
    public string SynchronousCommit { get; }

    /// <summary>What a commit waits for under these settings, for the run's header.</summary>
    public string Durability => (Fsync, SynchronousCommit) switch
    {
        ("off", _) => "the server never fsyncs: a commit survives a crash of the server process, a power loss or OS crash may lose commits or corrupt the cluster (not durable)",
        (_, "off") => "a commit returns before its WAL is flushed: a crash of the server may take back the last commits (the data stays consistent)",
        _ => "the WAL is flushed at every commit: a commit survives a power loss",
    };

    public static async Task<PostgresDatabase> CreateAsync(string serverConnectionString)
    {
        var given = new NpgsqlConnectionStringBuilder(serverConnectionString);
        var name = $"wfh_bench_{RandomNumberGenerator.GetHexString(12, lowercase: true)}";
        // Unpooled: the two connections to it are one-offs, and none should stay open on the server after the run.
        var maintenance = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = MaintenanceDatabase, Pooling = false }.ToString();
        await ExecuteAsync(maintenance, $"CREATE DATABASE \"{name}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ToString();
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            return new PostgresDatabase(name, connectionString, maintenance, $"{given.Host}:{given.Port}", connection);
        }
        catch
        {
            await DropAsync(maintenance, name);
            throw;
        }
    }

    /// <summary>Drops the database, after every scenario has let go of its connections.</summary>
    public Task DropAsync() => DropAsync(_maintenance, Name);

    private static async Task DropAsync(string maintenance, string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(maintenance);
        await connection.OpenAsync();
        // FORCE (PostgreSQL 13+) ends a connection a pool still held, which would otherwise make the drop fail.
        var force = connection.PostgreSqlVersion.Major >= 13 ? " WITH (FORCE)" : "";
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\"{force}", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>fsync and synchronous_commit as a connection opened like the scenario's own sees them, and the server's version.</summary>
    public static string Describe(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return Describe(connection);
    }

    /// <summary>fsync, synchronous_commit and the server's version, as this open connection reports them.</summary>
    public static string Describe(NpgsqlConnection connection) =>
        $"fsync={Show(connection, "fsync")}, synchronous_commit={Show(connection, "synchronous_commit")}, postgresql {Show(connection, "server_version")}";

    private static string Show(NpgsqlConnection connection, string setting)
    {
        using var command = new NpgsqlCommand($"SHOW {setting}", connection);
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
