using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Services;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>The hosted job executor as the server runs it: it must not wait for its poll interval when a step makes a job due now.</summary>
public abstract class JobExecutorHostingTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    private readonly SignallingHandler _handler = new();
    private readonly BlockingHandler _blocking = new();

    protected override void Configure(IServiceCollection services)
    {
        services.AddSingleton<IServiceTaskHandler>(_handler);
        services.AddSingleton<IServiceTaskHandler>(_blocking);
        services.Configure<EngineOptions>(o =>
        {
            o.JobExecutor.Enabled = true;
            o.JobExecutor.PollInterval = TimeSpan.FromHours(1);
        });
    }

    [SkippableFact]
    public async Task AStepThatCreatesADueJob_WakesTheSleepingExecutorAtOnce()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:serviceTask id="send" camunda:topic="signal" camunda:asyncBefore="true"/><bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "send", "after", "e")));
        var hosted = engine.Services.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }
        try
        {
            // The executor has looked once and now sleeps for its hour-long poll interval on a clock that never moves.
            var instance = await engine.StartAsync("p");
            await _handler.Ran.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(EngineHarness.Epoch, engine.Clock.GetUtcNow());
            await WaitForTaskAsync(engine, instance.Id);
        }
        finally
        {
            foreach (var service in hosted)
            {
                await service.StopAsync(CancellationToken.None);
            }
        }
    }

    [SkippableFact]
    public async Task TheExecutorSleepsUntilTheNextJobItCouldTake_ADueTimeOrAnExpiringLease()
    {
        var engine = await StartEngineAsync();
        var executor = engine.Services.GetRequiredService<Jobs.JobExecutor>();
        Assert.Null(await executor.NextDueAsync(CancellationToken.None));
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT2H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "wait", "e")));
        await engine.StartAsync("p");
        Assert.Equal(EngineHarness.Epoch.AddHours(2), await executor.NextDueAsync(CancellationToken.None));
        await using (var db = engine.NewContext())
        {
            var job = db.Set<JobRecord>().Single();
            job.LeaseOwner = "another-node";
            job.LeaseExpiresAt = EngineHarness.Epoch.AddHours(3);
            await db.SaveChangesAsync();
        }
        Assert.Equal(EngineHarness.Epoch.AddHours(3), await executor.NextDueAsync(CancellationToken.None));
    }

    [SkippableFact]
    public async Task OnStop_TheStepInFlightFinishes_NoFurtherJobStarts_AndTheLeasesHeldAreGivenBack()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:serviceTask id="send" camunda:topic="block" camunda:asyncBefore="true"/><bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "send", "after", "e")));
        var first = await engine.StartAsync("p");
        var second = await engine.StartAsync("p");
        var hosted = engine.Services.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }
        // Both jobs are leased in one batch; the first blocks inside its step until the stop has begun.
        var running = await _blocking.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var stopping = Task.WhenAll(hosted.Select(s => s.StopAsync(CancellationToken.None)));
        _blocking.Release.TrySetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        var done = running == first.Id ? first : second;
        var waiting = running == first.Id ? second : first;
        await engine.SingleTaskAsync(done.Id, "after");
        Assert.Empty(await engine.OpenTasksAsync(waiting.Id));
        var left = Assert.Single(await engine.RowsAsync<JobRecord>());
        Assert.Equal(waiting.Id, left.InstanceId);
        Assert.Null(left.LeaseOwner);
        Assert.Null(left.LeaseExpiresAt);
    }

    private static async Task WaitForTaskAsync(EngineHarness engine, string instanceId)
    {
        // The handler ran inside the job's step; its commit follows right after, on the executor's thread.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if ((await engine.OpenTasksAsync(instanceId)).Any(t => t.ElementId == "after"))
            {
                return;
            }
            await Task.Delay(5);
        }
        Assert.Fail("the job's step never committed");
    }

    private sealed class SignallingHandler : IServiceTaskHandler
    {
        public TaskCompletionSource Ran { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Topic => "signal";

        public ValueTask ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
        {
            Ran.TrySetResult();
            return ValueTask.CompletedTask;
        }
    }
}

internal sealed class BlockingHandler : IServiceTaskHandler
{
    public TaskCompletionSource<string> Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Topic => "block";

    public async ValueTask ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        Entered.TrySetResult(context.InstanceId);
        await Release.Task;
    }
}

public sealed class JobExecutorHostingTests_Sqlite() : JobExecutorHostingTests(TestDatabaseProvider.Sqlite);
public sealed class JobExecutorHostingTests_Postgres() : JobExecutorHostingTests(TestDatabaseProvider.Postgres);
