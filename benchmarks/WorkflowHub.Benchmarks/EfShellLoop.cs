using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace WorkflowHub.Benchmarks;

/// <summary>
/// The bare loop's two one-row transactions, but each run the way the engine runs a step in the headline
/// configuration: a DbContext leased from EF Core's context pool (as the server's AddPooledDbContextFactory), EF Core
/// opening the pooled connection, a plain ADO.NET transaction begun and committed on it (as the engine's step
/// runner does), the row written with a raw command. The gap to the bare loop is the step shell.
/// </summary>
/// <param name="synchronous">PRAGMA synchronous set on every connection open (FULL, NORMAL, OFF), or null for SQLite's default.</param>
internal sealed class EfShellLoop(string path, string? synchronous) : IScenario
{
    private readonly DbContextOptions<BenchDbContext> _options = Options(path, synchronous);
    private readonly WriteGate _gate = new();
    private PooledDbContextFactory<BenchDbContext>? _pool;

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
        _pool = new PooledDbContextFactory<BenchDbContext>(_options);
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
        await using var db = (_pool ?? throw new InvalidOperationException("SetupAsync first.")).CreateDbContext();
        using var writer = await _gate.EnterAsync();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = tx;
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
        await tx.CommitAsync();
    }
}
