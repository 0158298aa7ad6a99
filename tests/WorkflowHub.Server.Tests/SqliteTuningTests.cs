using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Data;

namespace WorkflowHub.Server.Tests;

/// <summary>
/// The server's SQLite settings hold on every open, also when the tuning runs once per native connection and a
/// later open takes that connection from Microsoft.Data.Sqlite's pool.
/// </summary>
public sealed class SqliteTuningTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"wfh_tuning_{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Every_open_has_busy_timeout_and_synchronous_normal_also_from_the_pool()
    {
        var builder = new DbContextOptionsBuilder<SqliteHubDbContext>();
        HubDatabase.UseSqlite(builder, new SqliteConnectionStringBuilder { DataSource = _file, Pooling = true }.ToString());
        var handles = new HashSet<object>();
        for (var open = 0; open < 3; open++)
        {
            await using var db = new SqliteHubDbContext(builder.Options);
            await db.Database.OpenConnectionAsync();
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            handles.Add(connection.Handle!);
            Assert.Equal(30000L, await ScalarAsync(connection, "PRAGMA busy_timeout"));
            Assert.Equal(1L, await ScalarAsync(connection, "PRAGMA synchronous"));
            await db.Database.CloseConnectionAsync();
        }
        // The later opens reused the first native connection: what is checked above came from the pool.
        Assert.Single(handles);
    }

    [Theory]
    [InlineData(true, 0L)]
    [InlineData(false, 1000L)]
    public async Task With_the_engine_s_background_checkpointer_no_connection_checkpoints_at_commit(bool backgroundCheckpoint, long expected)
    {
        var builder = new DbContextOptionsBuilder<SqliteHubDbContext>();
        HubDatabase.UseSqlite(builder, new SqliteConnectionStringBuilder { DataSource = _file, Pooling = true }.ToString(), backgroundCheckpoint);
        await using var db = new SqliteHubDbContext(builder.Options);
        await db.Database.OpenConnectionAsync();

        Assert.Equal(expected, await ScalarAsync((SqliteConnection)db.Database.GetDbConnection(), "PRAGMA wal_autocheckpoint"));
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(file);
        }
    }
}
