using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace WorkflowHub.Benchmarks;

/// <summary>
/// The bare loop's two one-row transactions, but each run the way the engine runs a step: a new DbContext, EF Core
/// opening the pooled connection and beginning the transaction, the row written with a raw command on that
/// connection, the change tracker asked for changes, EF Core committing. The gap to the bare loop is the step shell.
/// </summary>
/// <param name="synchronous">PRAGMA synchronous set on every connection open (FULL, NORMAL, OFF), or null for SQLite's default.</param>
internal sealed class EfShellLoop(string path, string? synchronous) : IScenario
{
    private readonly DbContextOptions<BenchDbContext> _options = Options(path, synchronous);
    private readonly WriteGate _gate = new();

    private static DbContextOptions<BenchDbContext> Options(string path, string? synchronous)
    {
        var builder = new DbContextOptionsBuilder<BenchDbContext>().UseSqlite(SqliteFiles.ConnectionString(path));
        var hook = new SqliteOpenHook(synchronous, profile: null);
        if (hook.Needed)
        {
            builder.AddInterceptors(hook);
        }
        return builder.Options;
    }

    public string Name => "EF Core step shell (2 tx x 1 row)";

    public async Task SetupAsync()
    {
        await using var db = new BenchDbContext(_options);
        await db.Database.EnsureCreatedAsync();
        SqliteFiles.EnableWal(SqliteFiles.ConnectionString(path));
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE IF NOT EXISTS bare_step (id INTEGER PRIMARY KEY, instance INTEGER NOT NULL, step INTEGER NOT NULL, at INTEGER NOT NULL)");
    }

    public string Describe()
    {
        using var db = new BenchDbContext(_options);
        db.Database.OpenConnection();
        return SqliteFiles.Describe((Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection(), synchronous);
    }

    public async Task<RunResult> RunAsync(int firstInstance, int count, int clients)
    {
        var measurement = new Measurement();
        await Measurement.RunClientsAsync(count, clients, async i =>
        {
            await StepAsync(firstInstance + i, 1);
            await StepAsync(firstInstance + i, 2);
        });
        return measurement.Stop(Name, count);
    }

    private async Task StepAsync(int instance, int step)
    {
        await using var db = new BenchDbContext(_options);
        using var writer = await _gate.EnterAsync();
        await db.Database.OpenConnectionAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        await using (var command = db.Database.GetDbConnection().CreateCommand())
        {
            command.Transaction = tx.GetDbTransaction();
            command.CommandText = "INSERT INTO bare_step (instance, step, at) VALUES (@p0, @p1, @p2)";
            foreach (var (name, value) in new (string, object)[] { ("@p0", instance), ("@p1", step), ("@p2", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) })
            {
                var p = command.CreateParameter();
                p.ParameterName = name;
                p.Value = value;
                command.Parameters.Add(p);
            }
            await command.ExecuteNonQueryAsync();
        }
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync();
        }
        await tx.CommitAsync();
    }
}
