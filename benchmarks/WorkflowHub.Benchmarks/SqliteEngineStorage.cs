using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using WorkflowHub.Engine.Persistence;

namespace WorkflowHub.Benchmarks;

/// <summary>
/// The engine's SQLite file as the server runs it: WAL set once, PRAGMA synchronous on every open (as the server's
/// connection interceptor), and for the profiled run SQLite's statement timer and EF Core's events.
/// </summary>
internal sealed class SqliteEngineStorage : IEngineStorage
{
    private readonly string _connectionString;
    private readonly string? _synchronous;

    /// <param name="synchronous">PRAGMA synchronous set on every connection open (FULL, NORMAL, OFF), or null for SQLite's default.</param>
    public SqliteEngineStorage(string path, string? synchronous, bool profile)
    {
        _connectionString = SqliteFiles.ConnectionString(path);
        _synchronous = synchronous;
        Profile = profile ? new SqlProfile() : null;
        var builder = new DbContextOptionsBuilder<BenchDbContext>().UseSqlite(_connectionString);
        var hook = new SqliteOpenHook(synchronous, Profile);
        if (hook.Needed)
        {
            builder.AddInterceptors(hook);
        }
        if (Profile is not null)
        {
            builder.AddInterceptors(new EfTransactionProbe(Profile), new EfCommandProbe(Profile));
        }
        Options = builder.Options;
    }

    public DbContextOptions<BenchDbContext> Options { get; }

    public SqlProfile? Profile { get; }

    public async Task CreateSchemaAsync()
    {
        await using (var db = new BenchDbContext(Options))
        {
            await db.Database.EnsureCreatedAsync();
        }
        SqliteFiles.EnableWal(_connectionString);
    }

    public string Describe()
    {
        using var db = new BenchDbContext(Options);
        db.Database.OpenConnection();
        return SqliteFiles.Describe((SqliteConnection)db.Database.GetDbConnection(), _synchronous);
    }

    public string HistoryId()
    {
        using var db = new BenchDbContext(Options);
        db.Database.OpenConnection();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var history = SqliteFiles.Scalar(connection, $"SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '{EngineTables.History}';") ?? "";
        return history.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase) ? "AUTOINCREMENT" : "rowid, no AUTOINCREMENT";
    }

    private sealed class EfTransactionProbe(SqlProfile profile) : DbTransactionInterceptor
    {
        public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection,
            TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
        {
            profile.Began(eventData.Duration);
            return ValueTask.FromResult(result);
        }

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
            CancellationToken cancellationToken = default)
        {
            profile.Committed(eventData.Duration);
            return Task.CompletedTask;
        }
    }

    private sealed class EfCommandProbe(SqlProfile profile) : DbCommandInterceptor
    {
        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command,
            CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            profile.EfQuery(eventData.Duration);
            return ValueTask.FromResult(result);
        }
    }
}
