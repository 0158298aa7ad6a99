using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;

namespace WorkflowHub.Engine.Tests.Persistence;

/// <summary>
/// Engine:SqliteCheckpoint: the engine's writer does not checkpoint at commit, the checkpointer's rounds keep the WAL
/// bounded under a stream of steps (also when a reader held an old snapshot), shutdown truncates the log, and off
/// leaves SQLite's own inline checkpoint. The rounds are called here as the loop calls them every interval.
/// </summary>
public sealed class SqliteCheckpointerTests : IAsyncLifetime
{
    private const int MaxWalPages = 300;

    private const string Xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <bpmn:process id="p" isExecutable="true">
            <bpmn:startEvent id="s"/><bpmn:userTask id="u"/><bpmn:endEvent id="e"/>
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="u"/><bpmn:sequenceFlow id="f2" sourceRef="u" targetRef="e"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    private readonly TestDatabase _database = TestDatabase.CreateSqlite();

    public async Task InitializeAsync()
    {
        await using (var db = new EngineTestDbContext(_database.CreateOptions<EngineTestDbContext>()))
        {
            await db.Database.EnsureCreatedAsync();
        }
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private EngineHarness Harness(bool enabled, TimeSpan? busyTimeout = null) => new(_database, configure: s => s.Configure<EngineOptions>(o =>
    {
        o.SqliteCheckpoint.Enabled = enabled;
        o.SqliteCheckpoint.MaxWalPages = MaxWalPages;
        o.SqliteCheckpoint.Interval = TimeSpan.FromHours(1);
        o.SqliteCheckpoint.BusyTimeout = busyTimeout ?? TimeSpan.FromSeconds(5);
    }));

    [Fact]
    public async Task With_the_checkpointer_s_rounds_the_WAL_stays_under_its_bound_and_without_them_the_writer_never_checkpoints()
    {
        await using var engine = Harness(enabled: true);
        await engine.DeployAsync(Xml);
        var checkpointer = engine.Services.GetRequiredService<SqliteCheckpointer>();
        Assert.True(checkpointer.Running);

        for (var i = 0; i < 200; i++)
        {
            await engine.StartAsync("p");
            if (i % 5 == 4)
            {
                await checkpointer.CheckpointAsync(default);
            }
        }
        var bounded = WalFrames();
        Assert.InRange(bounded, 1, MaxWalPages);

        // No rounds: the writer's wal_autocheckpoint=0 lets the log grow past SQLite's 1000 pages.
        for (var i = 0; i < 300; i++)
        {
            await engine.StartAsync("p");
        }
        Assert.True(WalFrames() > 1000, $"the WAL has {WalFrames()} frames");
    }

    [Fact]
    public async Task A_round_past_the_bound_restarts_the_log_that_a_reader_s_old_snapshot_kept_growing()
    {
        await using var engine = Harness(enabled: true, busyTimeout: TimeSpan.FromMilliseconds(50));
        await engine.DeployAsync(Xml);
        var checkpointer = engine.Services.GetRequiredService<SqliteCheckpointer>();
        await engine.StartAsync("p");

        await using (var reader = new SqliteConnection(_database.ConnectionString))
        {
            await reader.OpenAsync();
            await using (var select = reader.CreateCommand())
            {
                // A deferred transaction's first read pins its snapshot until it commits (a pooled connection would keep it open).
                select.CommandText = "BEGIN; SELECT count(*) FROM sqlite_master;";
                await select.ExecuteScalarAsync();
            }
            for (var i = 0; i < 60; i++)
            {
                await engine.StartAsync("p");
            }
            Assert.True(WalFrames() > MaxWalPages, $"the WAL has {WalFrames()} frames");
            // The restart waits for the reader up to the busy timeout, gives up and lets the steps go on.
            var blocked = await checkpointer.CheckpointAsync(default);
            Assert.True(blocked.Busy);
            Assert.False(blocked.Restarted);
            await engine.StartAsync("p");
            await using var end = reader.CreateCommand();
            end.CommandText = "COMMIT;";
            await end.ExecuteNonQueryAsync();
        }

        var round = await checkpointer.CheckpointAsync(default);
        Assert.True(round.Restarted);
        await engine.StartAsync("p");
        var after = await checkpointer.RunAsync("PASSIVE", default);
        Assert.InRange(after.LogPages, 1, MaxWalPages / 2);
    }

    [Fact]
    public async Task Shutdown_truncates_the_log()
    {
        await using (var engine = Harness(enabled: true))
        {
            await engine.DeployAsync(Xml);
            for (var i = 0; i < 20; i++)
            {
                await engine.StartAsync("p");
            }
            Assert.True(WalFrames() > 0);
        }

        // Gone is as good: another test clearing the pools closes the last connection, and SQLite deletes the log.
        var wal = new FileInfo(_database.Name + "-wal");
        Assert.Equal(0, wal.Exists ? wal.Length : 0);
    }

    [Fact]
    public async Task Off_the_writer_keeps_SQLite_s_inline_checkpoint_and_no_loop_runs()
    {
        await using var engine = Harness(enabled: false);
        await engine.DeployAsync(Xml);
        for (var i = 0; i < 500; i++)
        {
            await engine.StartAsync("p");
        }

        Assert.False(engine.Services.GetRequiredService<SqliteCheckpointer>().Running);
        // SQLite checkpoints in the commit past 1000 pages and the next write starts the log over.
        Assert.InRange(WalFrames(), 1, 1100);
    }

    /// <summary>Frames the WAL file holds: a 32-byte header, then frames of a 24-byte header and one page.</summary>
    private long WalFrames()
    {
        var wal = new FileInfo(_database.Name + "-wal");
        return wal.Exists ? Math.Max(0, wal.Length - 32) / (4096 + 24) : 0;
    }
}
