using Microsoft.Data.Sqlite;
using WorkflowHub.Engine.Persistence;

namespace WorkflowHub.Engine.Tests.Persistence;

/// <summary>
/// The SQLite writer keeps statements prepared and binds new values into them at every step: a value must never
/// carry over from the run before (a shorter text, a null, another type), and running out of room must not lose one.
/// </summary>
public sealed class PreparedCommandsTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly PreparedCommands _prepared;
    private readonly SqlSession _session;

    public PreparedCommandsTests()
    {
        _connection.Open();
        // Lets a test walk the statements the connection keeps (Recompilations).
        _connection.Handle!.enable_sqlite3_next_stmt(true);
        using (var create = _connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT, number INTEGER)";
            create.ExecuteNonQuery();
        }
        _prepared = new PreparedCommands(_connection);
        _session = new SqlSession(_connection, null, _prepared);
    }

    [Fact]
    public async Task A_reused_statement_binds_each_run_s_own_values_longer_shorter_null_or_of_another_type()
    {
        object?[] texts = ["a long first value that is bound first", "short", null, 42L, ""];
        for (var i = 0; i < texts.Length; i++)
        {
            await _session.ExecuteAsync(new SqlBatch().Append("INSERT INTO t (id, text, number) VALUES ").Row(i, texts[i], i % 2 == 0 ? null : i), default);
        }

        var rows = await _session.QueryListAsync(new SqlBatch().Append("SELECT text, number FROM t WHERE id >= ").Param(0).Append(" ORDER BY id"),
            r => (Text: r.IsDBNull(0) ? null : r.GetString(0), Number: r.IsDBNull(1) ? (long?)null : r.GetInt64(1)), default);

        // The column's TEXT affinity stores the integer as its text.
        Assert.Equal(new[] { "a long first value that is bound first", "short", null, "42", "" }, rows.Select(r => r.Text));
        Assert.Equal(new long?[] { null, 1, null, 3, null }, rows.Select(r => r.Number));
    }

    [Fact]
    public async Task Statements_past_the_cache_s_capacity_still_run_with_their_values()
    {
        for (var i = 0; i < 600; i++)
        {
            // Each text is a shape of its own; the first ones are dropped from the cache when it is full.
            await _session.ExecuteAsync(new SqlBatch().Append($"INSERT INTO t (id, text) VALUES ({i}, ").Param("v" + i).Append(")"), default);
        }
        await _session.ExecuteAsync(new SqlBatch().Append("INSERT INTO t (id, text) VALUES (0, ").Param("again").Append(") ON CONFLICT (id) DO UPDATE SET text = excluded.text"), default);

        var texts = await _session.QueryListAsync(new SqlBatch().Append("SELECT text FROM t WHERE id < ").Param(1000).Append(" ORDER BY id"), r => r.GetString(0), default);

        Assert.Equal(600, texts.Count);
        Assert.Equal("again", texts[0]);
        Assert.Equal(Enumerable.Range(1, 599).Select(i => "v" + i), texts.Skip(1));
    }

    [Fact]
    public async Task RecordsAffected_tells_each_statement_of_a_batch_apart()
    {
        await _session.ExecuteAsync(new SqlBatch().Append("INSERT INTO t (id, text) VALUES ").Row(1, "x").End()
            .Append("INSERT INTO t (id, text) VALUES ").Row(2, "x"), default);
        var batch = new SqlBatch()
            .Append("UPDATE t SET number = 1 WHERE text = ").Param("x").End()
            .Append("UPDATE t SET number = 2 WHERE id = ").Param(99).End()
            .Append("DELETE FROM t WHERE id = ").Param(1);

        await _session.ExecuteAsync(batch, default);

        Assert.Equal(new[] { 2, 0, 1 }, batch.Statements.Select(s => s.RecordsAffected).ToArray());
    }

    [Fact]
    public async Task A_kept_statement_with_a_limit_is_compiled_once_however_many_runs_bind_new_values()
    {
        for (var i = 0; i < 5; i++)
        {
            await _session.QueryListAsync(new SqlBatch().Append("SELECT id FROM t WHERE number = ").Param(i).Append(" ORDER BY id").Limit(10),
                r => r.GetInt64(0), default);
            await _session.QueryListAsync(new SqlBatch().Append("SELECT text FROM t WHERE number = ").Param(i).Append(" ORDER BY id LIMIT ").Param(10),
                r => r.GetString(0), default);
        }

        // The same statement with its LIMIT as a parameter: SQLite compiled it again at every run, the first included
        // (its values are bound after it was prepared). Why Limit writes the count into the text.
        Assert.Equal(0, Recompilations("SELECT id FROM t"));
        Assert.Equal(5, Recompilations("SELECT text FROM t"));
    }

    /// <summary>SQLITE_STMTSTATUS_REPREPARE, which SQLitePCLRaw does not name.</summary>
    private const int StmtStatusReprepare = 5;

    /// <summary>How often SQLite compiled again the kept statement that starts with <paramref name="text"/>.</summary>
    private int Recompilations(string text)
    {
        for (var stmt = SQLitePCL.raw.sqlite3_next_stmt(_connection.Handle, null); stmt is not null; stmt = SQLitePCL.raw.sqlite3_next_stmt(_connection.Handle, stmt))
        {
            if (SQLitePCL.raw.sqlite3_sql(stmt).utf8_to_string().StartsWith(text, StringComparison.Ordinal))
            {
                return SQLitePCL.raw.sqlite3_stmt_status(stmt, StmtStatusReprepare, 0);
            }
        }
        throw new InvalidOperationException($"No statement kept for '{text}'.");
    }

    public void Dispose()
    {
        _prepared.Dispose();
        _connection.Dispose();
    }
}
