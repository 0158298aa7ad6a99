using Microsoft.Data.Sqlite;

namespace WorkflowHub.Benchmarks;

/// <summary>Database files of the harness: pooled connection strings, WAL switched on once, settings read back.</summary>
internal static class SqliteFiles
{
    public static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
    }.ToString();

    /// <summary>PRAGMA journal_mode=WAL is persistent in the file: run once, before the measured connections open.</summary>
    public static void EnableWal(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var mode = Scalar(connection, "PRAGMA journal_mode=WAL;");
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"SQLite refused WAL mode (journal_mode = {mode}).");
        }
    }

    /// <summary>The values of --synchronous, with what each means for a commit in WAL mode.</summary>
    public static string Durability(string? synchronous) => synchronous switch
    {
        "FULL" => "the WAL is fsynced at every commit: a commit survives a power loss",
        "NORMAL" => "the WAL is fsynced only at checkpoints: a commit survives a crash of the process, a power loss may take back the last commits",
        "OFF" => "no fsync at all: a commit survives a crash of the process, a power loss or OS crash may lose commits or corrupt the file (CPU ceiling, not durable)",
        null => "SQLite's default synchronous (not set)",
        _ => throw new ArgumentOutOfRangeException(nameof(synchronous), synchronous, "FULL, NORMAL or OFF"),
    };

    /// <summary>Opens a connection as every scenario does: pooled, with PRAGMA synchronous set (it is per connection).</summary>
    public static SqliteConnection Open(string connectionString, string? synchronous)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        ApplySynchronous(connection, synchronous);
        return connection;
    }

    /// <summary>
    /// PRAGMA synchronous on a just opened (possibly pooled) connection. Run on every open, as the server's connection
    /// interceptor does: a pooled connection keeps it, so this re-sets the same value, and its cost (a few µs) is part
    /// of every scenario that opens connections.
    /// </summary>
    public static void ApplySynchronous(SqliteConnection connection, string? synchronous)
    {
        if (synchronous is not null)
        {
            Execute(connection, synchronous switch
            {
                "FULL" => "PRAGMA synchronous=FULL;",
                "NORMAL" => "PRAGMA synchronous=NORMAL;",
                "OFF" => "PRAGMA synchronous=OFF;",
                _ => throw new ArgumentOutOfRangeException(nameof(synchronous), synchronous, "FULL, NORMAL or OFF"),
            });
        }
    }

    /// <summary>journal_mode and synchronous as a connection opened like the scenario's own sees them.</summary>
    public static string Describe(string connectionString, string? synchronous)
    {
        using var connection = Open(connectionString, synchronous);
        return Describe(connection, synchronous);
    }

    /// <summary>journal_mode and synchronous as this open connection reports them (synchronous is per connection).</summary>
    public static string Describe(SqliteConnection connection, string? synchronous)
    {
        var sync = Scalar(connection, "PRAGMA synchronous;") switch
        {
            "0" => "OFF",
            "1" => "NORMAL",
            "2" => "FULL",
            "3" => "EXTRA",
            var other => other,
        };
        if (synchronous is not null && !string.Equals(sync, synchronous, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Asked for synchronous={synchronous}, the connection reports {sync}.");
        }
        return $"journal_mode={Scalar(connection, "PRAGMA journal_mode;")}, synchronous={sync} "
            + $"({(synchronous is null ? "default, not set" : "set on every open")}), sqlite {connection.ServerVersion}";
    }

    public static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(path + suffix);
        }
    }
}
