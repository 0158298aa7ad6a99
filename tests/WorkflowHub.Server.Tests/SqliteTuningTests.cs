using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Data;

namespace WorkflowHub.Server.Tests;

/// <summary>
/// The server's SQLite settings hold on every open, also when the tuning runs once per native connection and a
/// later open takes that connection from Microsoft.Data.Sqlite's pool; EF Core's SQLite functions are left out.
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

    [Fact]
    public async Task The_hub_s_connections_carry_none_of_EF_s_functions()
    {
        // Microsoft.Data.Sqlite registers a connection's functions again at every open of a pooled native connection.
        var builder = new DbContextOptionsBuilder<SqliteHubDbContext>();
        HubDatabase.UseSqlite(builder, new SqliteConnectionStringBuilder { DataSource = _file, Pooling = true }.ToString());
        await using var db = new SqliteHubDbContext(builder.Options);
        await db.Database.OpenConnectionAsync();

        var missing = await Assert.ThrowsAsync<SqliteException>(() => ScalarAsync((SqliteConnection)db.Database.GetDbConnection(), "SELECT ef_add(1, 2)"));
        Assert.Contains("no such function", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaving_out_EF_s_functions_keeps_a_configured_command_timeout()
    {
        var builder = new DbContextOptionsBuilder<SqliteHubDbContext>();
        builder.UseSqlite(new SqliteConnectionStringBuilder { DataSource = _file }.ToString(), o => o.CommandTimeout(7)).WithoutEfFunctions();
        await using var db = new SqliteHubDbContext(builder.Options);

        Assert.Equal(7, ((SqliteConnection)db.Database.GetDbConnection()).DefaultTimeout);
    }

    [Fact]
    public void No_mapped_property_is_a_decimal_whose_arithmetic_would_need_EF_s_functions()
    {
        var builder = new DbContextOptionsBuilder<SqliteHubDbContext>();
        HubDatabase.UseSqlite(builder, "Data Source=:memory:");
        using var db = new SqliteHubDbContext(builder.Options);

        var decimals = db.Model.GetEntityTypes().SelectMany(e => e.GetProperties())
            .Where(p => Nullable.GetUnderlyingType(p.ClrType) == typeof(decimal) || p.ClrType == typeof(decimal))
            .Select(p => $"{p.DeclaringType.DisplayName()}.{p.Name}");
        Assert.Empty(decimals);
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
