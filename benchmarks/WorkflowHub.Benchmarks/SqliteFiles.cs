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

    /// <summary>journal_mode and synchronous as a connection of this file sees them (synchronous is per connection).</summary>
    public static string Describe(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var sync = Scalar(connection, "PRAGMA synchronous;") switch
        {
            "0" => "OFF",
            "1" => "NORMAL",
            "2" => "FULL",
            "3" => "EXTRA",
            var other => other,
        };
        return $"journal_mode={Scalar(connection, "PRAGMA journal_mode;")}, synchronous={sync} (default, not set), "
            + $"sqlite {connection.ServerVersion}";
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
