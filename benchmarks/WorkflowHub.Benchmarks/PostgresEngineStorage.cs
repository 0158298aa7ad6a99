using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Server.Data;

namespace WorkflowHub.Benchmarks;

/// <summary>
/// The engine's PostgreSQL database as the server configures it (HubDatabase.UsePostgres): UseNpgsql with the
/// connection string as HubDatabase.ResolvePostgres leaves it (Max Auto Prepare=64 unless the string names that key),
/// no interceptor; durability is the server's (fsync, synchronous_commit).
/// </summary>
internal sealed class PostgresEngineStorage(PostgresDatabase database) : IEngineStorage
{
    public DbContextOptions<BenchDbContext> Options { get; } =
        new DbContextOptionsBuilder<BenchDbContext>().UseNpgsql(HubDatabase.ResolvePostgres(database.ConnectionString)).Options;

    /// <summary>
    /// The engine's tables only, created unconditionally: EnsureCreated would skip them if the bare loop's table,
    /// in the same database, were there first.
    /// </summary>
    public async Task CreateSchemaAsync()
    {
        await using var db = new BenchDbContext(Options);
        await db.GetService<IRelationalDatabaseCreator>().CreateTablesAsync();
    }

    public string Describe()
    {
        using var db = new BenchDbContext(Options);
        db.Database.OpenConnection();
        return PostgresDatabase.Describe((NpgsqlConnection)db.Database.GetDbConnection());
    }

    public string HistoryId()
    {
        using var db = new BenchDbContext(Options);
        db.Database.OpenConnection();
        using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT data_type || COALESCE(', identity ' || identity_generation, ', ' || column_default, '') "
            + $"FROM information_schema.columns WHERE table_name = '{EngineTables.History}' AND column_name = 'id'";
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "missing";
    }
}
