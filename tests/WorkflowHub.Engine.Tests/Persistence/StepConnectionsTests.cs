using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Engine.Runtime;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;

namespace WorkflowHub.Engine.Tests.Persistence;

/// <summary>
/// SQLite reads outside a step run on long-lived readers: a burst of concurrent reads opens as many as it needs, and
/// afterwards at most eight stay idle (the rest are closed), and later reads take the idle ones instead of opening more.
/// </summary>
public sealed class StepConnectionsTests : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.CreateSqlite();

    public async Task InitializeAsync()
    {
        await using var db = new EngineTestDbContext(_database.CreateOptions<EngineTestDbContext>());
        await db.Database.EnsureCreatedAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task After_a_burst_of_concurrent_reads_eight_readers_stay_idle_and_are_reused()
    {
        await using var engine = new EngineHarness(_database);
        var connections = engine.Services.GetRequiredService<StepConnections>();
        const int burst = 20;
        var entered = 0;
        var allIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sessions = new System.Collections.Concurrent.ConcurrentBag<object>();

        await Task.WhenAll(Enumerable.Range(0, burst).Select(_ => Task.Run(() => connections.ReadAsync(async (session, ct) =>
        {
            sessions.Add(session.Connection);
            if (Interlocked.Increment(ref entered) == burst)
            {
                allIn.SetResult();
            }
            await allIn.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            return 0;
        }, default))));

        Assert.Equal(burst, sessions.Distinct().Count());
        Assert.Equal(8, connections.IdleReaderCount);

        var reused = new HashSet<object>();
        for (var i = 0; i < 5; i++)
        {
            await connections.ReadAsync((session, _) => { reused.Add(session.Connection); return Task.FromResult(0); }, default);
        }
        Assert.Equal(8, connections.IdleReaderCount);
        Assert.Subset(sessions.ToHashSet(), reused);
    }
}
