using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Tests.Support;
using WorkflowHub.Testing;

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

    [SkippableTheory]
    [InlineData(TestDatabaseProvider.Sqlite)]
    [InlineData(TestDatabaseProvider.Postgres)]
    public async Task HistoryPerStep_keeps_every_event_written_one_row_per_event_and_back(TestDatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var hub = new HubServices(database);
        await using var db = await hub.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync();
        var migrator = db.GetService<IMigrator>();
        var initial = db.Database.GetMigrations().Single(m => m.EndsWith("_Initial", StringComparison.Ordinal));
        await migrator.MigrateAsync(initial);
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO wf_history (instance_id, process_key, timestamp, type, element_id, element_type, token_id, task_id, actor, data) VALUES " +
            "('i1', 'order', 1000, 'instance.started', NULL, NULL, NULL, NULL, 'ann', NULL), " +
            "('i1', 'order', 2000, 'task.claimed', 'approve', 'userTask', 't1', 'k1', 'bob', '{{\"assignee\":\"bob\",\"previous\":null}}')");

        await migrator.MigrateAsync();

        var rows = await db.Set<HistoryRecord>().AsNoTracking().OrderBy(h => h.Id).ToListAsync();
        Assert.Equal(new (long, string?, int)[] { (1000L, "ann", 1), (2000L, "bob", 1) }, rows.Select(r => (r.Timestamp.ToUnixTimeMilliseconds(), r.Actor, r.EventCount)));
        var claimed = JsonDocument.Parse(rows[1].Events).RootElement;
        Assert.Equal(1, claimed.GetArrayLength());
        Assert.Equal("task.claimed", claimed[0].GetProperty("type").GetString());
        Assert.Equal("approve", claimed[0].GetProperty("elementId").GetString());
        Assert.Equal("t1", claimed[0].GetProperty("tokenId").GetString());
        Assert.Equal("k1", claimed[0].GetProperty("taskId").GetString());
        Assert.Equal("bob", claimed[0].GetProperty("data").GetProperty("assignee").GetString());
        Assert.Equal("instance.started", JsonDocument.Parse(rows[0].Events).RootElement[0].GetProperty("type").GetString());

        await migrator.MigrateAsync(initial);

        var back = await db.Database.SqlQueryRaw<OldHistoryRow>(
            "SELECT type AS \"Type\", element_id AS \"ElementId\", token_id AS \"TokenId\", task_id AS \"TaskId\", actor AS \"Actor\", data AS \"Data\" FROM wf_history ORDER BY id").ToListAsync();
        Assert.Equal("instance.started", back[0].Type);
        Assert.Equal(new OldHistoryRow("task.claimed", "approve", "t1", "k1", "bob", back[1].Data), back[1]);
        Assert.Equal("bob", JsonDocument.Parse(back[1].Data!).RootElement.GetProperty("assignee").GetString());
    }

    private sealed record OldHistoryRow(string Type, string? ElementId, string? TokenId, string? TaskId, string? Actor, string? Data);
}
