using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Engine.Jobs;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Runtime;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>Two engines on one database stand for two nodes: short renewed leases, takeover, and a lost lease that must not commit.</summary>
public abstract class JobLeaseTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    private static readonly string TimerFlow = Process("p", """
        <bpmn:startEvent id="s"/><bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1M</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
        <bpmn:userTask id="next"/><bpmn:endEvent id="e"/>
        """ + Chain("f", "s", "wait", "next", "e"));

    [SkippableFact]
    public async Task TheDefaultLeaseIsThirtySeconds_AndADeadNodesJobIsTakenOverAfterOneLease()
    {
        var a = await StartEngineAsync();
        Assert.Equal(TimeSpan.FromSeconds(30), a.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<EngineOptions>>().Value.JobExecutor.LeaseDuration);
        await using var b = Node(a, "b");
        await a.DeployAsync(TimerFlow);
        var instance = await a.StartAsync("p");
        a.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Single(await a.Services.GetRequiredService<JobLeases>().AcquireAsync(16, CancellationToken.None));

        // Node a dies holding the job: b cannot take it before the lease ends, and takes it right after.
        a.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, await b.Jobs.ExecuteDueJobsAsync());
        a.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await b.Jobs.ExecuteDueJobsAsync());
        await b.SingleTaskAsync(instance.Id, "next");
    }

    [SkippableFact]
    public async Task ALiveNodeRenewsItsLeases_AndGivesThemBackWhenItStops()
    {
        var a = await StartEngineAsync();
        await using var b = Node(a, "b");
        await a.DeployAsync(TimerFlow);
        await a.StartAsync("p");
        a.Clock.Advance(TimeSpan.FromMinutes(1));
        var leases = a.Services.GetRequiredService<JobLeases>();
        Assert.Single(await leases.AcquireAsync(16, CancellationToken.None));

        for (var i = 0; i < 4; i++)
        {
            a.Clock.Advance(TimeSpan.FromSeconds(20));
            Assert.Equal(1, await leases.RenewAsync(CancellationToken.None));
            Assert.Equal(0, await b.Jobs.ExecuteDueJobsAsync());
        }
        Assert.Equal(1, await leases.ReleaseAsync(CancellationToken.None));
        Assert.Equal(0, await leases.RenewAsync(CancellationToken.None));
        Assert.Equal(1, await b.Jobs.ExecuteDueJobsAsync());
    }

    [SkippableFact]
    public async Task AJobWhoseLeaseWentToAnotherNode_DoesNotCommit_AndEveryTimerFiresOnce()
    {
        var a = await StartEngineAsync();
        await using var b = Node(a, "b");
        await a.DeployAsync(TimerFlow);
        var instance = await a.StartAsync("p");
        a.Clock.Advance(TimeSpan.FromMinutes(1));
        var jobId = Assert.Single(await a.Services.GetRequiredService<JobLeases>().AcquireAsync(16, CancellationToken.None));

        // a stalls past its lease; b takes the job over; then a wakes up and runs what it thought it held.
        a.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(jobId, Assert.Single(await b.Services.GetRequiredService<JobLeases>().AcquireAsync(16, CancellationToken.None)));
        await a.Services.GetRequiredService<JobExecutor>().RunOneAsync(jobId, CancellationToken.None);
        Assert.Empty(await a.OpenTasksAsync(instance.Id));
        Assert.Equal(jobId, Assert.Single(await a.RowsAsync<JobRecord>()).Id);

        await b.Services.GetRequiredService<JobExecutor>().RunOneAsync(jobId, CancellationToken.None);
        await a.SingleTaskAsync(instance.Id, "next");
        Assert.Empty(await a.RowsAsync<JobRecord>());
        Assert.Single(await a.History.GetInstanceHistoryAsync(instance.Id), h => h.Type == HistoryTypes.TimerFired);
    }

    [SkippableFact]
    public async Task AStartByKeyOnOneNode_SeesADeployOnAnotherAtOnce()
    {
        var a = await StartEngineAsync();
        await using var b = Node(a, "b");
        string Flow(string task) => Process("p", $"""<bpmn:startEvent id="s"/><bpmn:userTask id="{task}"/><bpmn:endEvent id="e"/>""" + Chain("f", "s", task, "e"));
        await a.DeployAsync(Flow("first"));
        Assert.Equal("first", (await b.SingleTaskAsync((await b.StartAsync("p")).Id)).ElementId);
        await a.DeployAsync(Flow("second"));
        var started = await b.StartAsync("p");
        Assert.Equal(2, started.ProcessVersion);
        Assert.Equal("second", (await b.SingleTaskAsync(started.Id)).ElementId);
    }

    [SkippableFact]
    public async Task OnSqlite_ARestartedNodeTakesBackTheLeasesOfItsDeadPredecessorAtOnce_OnPostgresOtherNodesKeepTheirs()
    {
        var a = await StartEngineAsync();
        await a.DeployAsync(TimerFlow);
        var instance = await a.StartAsync("p");
        a.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Single(await a.Services.GetRequiredService<JobLeases>().AcquireAsync(16, CancellationToken.None));

        // Node a dies holding the job; "b" is the next process on the same database.
        await using var b = Node(a, "b");
        var reclaimed = await b.Services.GetRequiredService<JobLeases>().ReclaimOrphanedAsync(CancellationToken.None);
        if (Provider == TestDatabaseProvider.Sqlite)
        {
            Assert.Equal(1, reclaimed);
            Assert.Equal(1, await b.Jobs.ExecuteDueJobsAsync());
            await b.SingleTaskAsync(instance.Id, "next");
        }
        else
        {
            Assert.Equal(0, reclaimed);
            Assert.Equal(0, await b.Jobs.ExecuteDueJobsAsync());
        }
    }

    [SkippableFact]
    public async Task ReclaimingLeasesOnStart_CanBeSwitchedOff()
    {
        var a = await StartEngineAsync();
        await a.DeployAsync(TimerFlow);
        await a.StartAsync("p");
        a.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Single(await a.Services.GetRequiredService<JobLeases>().AcquireAsync(16, CancellationToken.None));
        await using var b = new EngineHarness(a.Database, a.Clock, s => s.Configure<EngineOptions>(o =>
        {
            o.JobExecutor.NodeId = "b";
            o.JobExecutor.ReclaimLeasesOnStart = false;
        }));
        Assert.Equal(0, await b.Services.GetRequiredService<JobLeases>().ReclaimOrphanedAsync(CancellationToken.None));
        Assert.Equal(0, await b.Jobs.ExecuteDueJobsAsync());
    }

    /// <summary>The timer storm's small version: three nodes race over the same due timers; each fires exactly once.</summary>
    [SkippableFact]
    public async Task ThreeNodesRacingOverATimerStorm_FireEveryTimerExactlyOnce()
    {
        const int Timers = 150;
        var a = await StartEngineAsync();
        await using var b = Node(a, "b");
        await using var c = Node(a, "c");
        await a.DeployAsync(Process("storm", """
            <bpmn:startEvent id="s"/><bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDate>${due}</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "wait", "e")));
        var ids = new List<string>();
        for (var i = 0; i < Timers; i++)
        {
            ids.Add((await a.StartAsync("storm", variables: new { due = EngineHarness.Epoch.AddSeconds(1 + (i % 60)).ToString("o") })).Id);
        }
        a.Clock.Advance(TimeSpan.FromMinutes(2));
        EngineHarness[] nodes = [a, b, c];
        var ran = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => nodes[i % 3].Jobs.ExecuteDueJobsAsync())));

        Assert.Equal(Timers, ran.Sum());
        Assert.Empty(await a.RowsAsync<JobRecord>());
        foreach (var id in ids)
        {
            var history = await a.History.GetInstanceHistoryAsync(id);
            Assert.Single(history, h => h.Type == HistoryTypes.TimerFired);
            Assert.Equal(InstanceStatus.Completed, (await a.InstanceAsync(id)).Summary.Status);
        }
    }

    private static EngineHarness Node(EngineHarness first, string nodeId) =>
        new(first.Database, first.Clock, s => s.Configure<EngineOptions>(o => o.JobExecutor.NodeId = nodeId));
}

public sealed class JobLeaseTests_Sqlite() : JobLeaseTests(TestDatabaseProvider.Sqlite);
public sealed class JobLeaseTests_Postgres() : JobLeaseTests(TestDatabaseProvider.Postgres);
