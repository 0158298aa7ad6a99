using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Data;

namespace WorkflowHub.Server.Tests;

public sealed class MigrationsTests
{
    public static TheoryData<string> Providers => new() { nameof(SqliteHubDbContext), nameof(PostgresHubDbContext) };

    [Theory]
    [MemberData(nameof(Providers))]
    public void Every_model_change_is_covered_by_a_migration(string context)
    {
        // The design-time factories build the contexts without touching a database, as dotnet-ef does.
        using HubDbContext db = context == nameof(SqliteHubDbContext)
            ? new SqliteHubDbContextDesignFactory().CreateDbContext([])
            : new PostgresHubDbContextDesignFactory().CreateDbContext([]);

        Assert.True(db.Database.GetMigrations().Any(), $"{context} has no migrations.");
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes that no {context} migration covers: run scripts/add-migration.sh NAME " +
            "(or scripts/add-migration.sh Initial while Initial is the only migration).");
    }
}
