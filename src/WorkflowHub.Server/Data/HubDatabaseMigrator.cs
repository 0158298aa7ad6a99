using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace WorkflowHub.Server.Data;

/// <summary>Applies the configured provider's migrations (never EnsureCreated, so later migrations still apply).</summary>
public sealed class HubDatabaseMigrator(
    IDbContextFactory<HubDbContext> contexts, HubDatabase database, ILogger<HubDatabaseMigrator> logger)
{
    /// <summary>Brings the schema up to date; returns the migrations that were applied.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (database.Provider == DatabaseProvider.Postgres)
        {
            // Npgsql's migrator reads the history table without checking that it exists and logs the failed read of a
            // fresh database as an error (npgsql/efcore.pg#3407); created first, the read succeeds and the first start is quiet.
            await db.Database.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
        }
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await db.Database.MigrateAsync(ct);
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync(SqliteTuning.JournalMode, ct);
        }

        if (pending.Count > 0)
        {
            logger.LogInformation("Applied {Count} migration(s) to the {Provider} database {Database}: {Migrations}",
                pending.Count, database.Provider, database.Describe(), string.Join(", ", pending));
        }
        else
        {
            logger.LogInformation("The {Provider} database {Database} is up to date", database.Provider, database.Describe());
        }
        return pending;
    }
}

/// <summary>
/// Migrates in <see cref="IHostedLifecycleService.StartingAsync"/>, which runs before any hosted service's
/// StartAsync, so the admin bootstrap and the engine's job executor always find their tables.
/// </summary>
internal sealed class DatabaseMigrationHostedService(HubDatabaseMigrator migrator) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
