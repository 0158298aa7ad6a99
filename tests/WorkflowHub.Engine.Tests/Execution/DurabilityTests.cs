using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Services;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

public abstract class DurabilityTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    private readonly RecordingHandler _handler = new();

    protected override void Configure(IServiceCollection services) => services.AddSingleton<IServiceTaskHandler>(_handler);

    [SkippableFact]
    public async Task AsyncBefore_MakesAJob_RetriedByItsCycle_ThenAnIncident_ThatAnOperatorRetries_Camunda7()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:serviceTask id="send" camunda:topic="record" camunda:asyncBefore="true">
              <bpmn:extensionElements><camunda:failedJobRetryTimeCycle>R2/PT10M</camunda:failedJobRetryTimeCycle></bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "send", "after", "e")));
        var instance = await engine.StartAsync("p", variables: new { mode = "fail" });
        Assert.Equal(0, _handler.Calls);
        Assert.Single(await engine.RowsAsync<JobRecord>());

        await engine.AdvanceAsync(TimeSpan.Zero);
        Assert.Equal(1, _handler.Calls);
        var job = Assert.Single(await engine.RowsAsync<JobRecord>());
        Assert.Equal(1, job.RetriesLeft);
        Assert.Equal(EngineHarness.Epoch.AddMinutes(10), job.DueAt);
        Assert.Contains("the mail server said no", job.LastError, StringComparison.Ordinal);

        await engine.AdvanceAsync(TimeSpan.FromMinutes(10));
        Assert.Equal(2, _handler.Calls);
        job = Assert.Single(await engine.RowsAsync<JobRecord>());
        Assert.True(job.Suspended);
        var incident = Assert.Single((await engine.Incidents.QueryAsync(instanceId: instance.Id)).Items);
        Assert.Equal("failedJob", incident.Kind);
        Assert.Equal(job.Id, incident.JobId);
        Assert.Equal(0, await engine.AdvanceAsync(TimeSpan.FromDays(1)));

        await using (var db = engine.NewContext())
        {
            var record = db.Set<ProcessInstanceRecord>().Single(i => i.Id == instance.Id);
            var state = Runtime.InstanceState.Deserialize(record.State);
            state.Variables["mode"] = System.Text.Json.Nodes.JsonValue.Create("ok");
            record.State = state.Serialize();
            await db.SaveChangesAsync();
        }
        await engine.Incidents.RetryAsync(incident.Id);
        await engine.Jobs.ExecuteDueJobsAsync();
        await engine.SingleTaskAsync(instance.Id, "after");
        Assert.Empty((await engine.Incidents.QueryAsync()).Items);
        Assert.Empty(await engine.RowsAsync<JobRecord>());
    }

    [SkippableFact]
    public async Task AsyncAfter_CommitsTheActivity_ThenContinuesInAJobOfItsOwn_Camunda7()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:serviceTask id="send" camunda:topic="record" camunda:asyncAfter="true"/>
            <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "send", "after", "e")));
        var instance = await engine.StartAsync("p");
        Assert.Equal(1, _handler.Calls);
        Assert.Empty(await engine.OpenTasksAsync(instance.Id));
        var job = Assert.Single(await engine.RowsAsync<JobRecord>());
        Assert.Equal("send", job.ElementId);
        Assert.Equal(1, await engine.Jobs.ExecuteDueJobsAsync());
        Assert.Equal(1, _handler.Calls);
        await engine.SingleTaskAsync(instance.Id, "after");
    }

    [SkippableFact]
    public async Task ThrowingTheEngineAwayBetweenSteps_LosesNothing_AndEveryDueTimerFiresOnce()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/>
            <bpmn:userTask id="fix"/>
            <bpmn:boundaryEvent id="remind" attachedToRef="fix" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeCycle>R2/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:scriptTask id="count" scriptFormat="javascript" camunda:resultVariable="reminders"><bpmn:script>(typeof reminders === 'undefined' ? 0 : reminders) + 1</bpmn:script></bpmn:scriptTask>
            <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT90M</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:userTask id="check"/><bpmn:parallelGateway id="join"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
            """ + Flow("f1", "s", "fork") + Flow("f2", "fork", "fix") + Flow("f3", "fork", "wait") + Flow("f4", "wait", "check")
                + Flow("f5", "fix", "join") + Flow("f6", "check", "join") + Flow("f7", "join", "e") + Chain("g", "remind", "count", "e2")));
        var instance = await engine.StartAsync("p");
        var clock = engine.Clock;
        var tasksBefore = await engine.OpenTasksAsync(instance.Id);

        for (var i = 0; i < 4; i++)
        {
            // A new engine (new services, caches and executor identity) over the same database, as after a restart.
            await using var restarted = new EngineHarness(engine.Database, clock, s => s.AddSingleton<IServiceTaskHandler>(_handler));
            Assert.Equal(tasksBefore.Select(t => t.Id).Order(), (await restarted.OpenTasksAsync(instance.Id)).Where(t => t.ElementId == "fix").Select(t => t.Id));
            await restarted.AdvanceAsync(TimeSpan.FromMinutes(30));
        }

        await using var last = new EngineHarness(engine.Database, clock);
        Assert.Equal(2, (await last.VariableAsync(instance.Id, "reminders"))!.GetValue<int>());
        Assert.Equal(new[] { "check", "fix" }, (await last.OpenTasksAsync(instance.Id)).Select(t => t.ElementId).Order().ToArray());
        Assert.Empty(await last.RowsAsync<JobRecord>());
        var fired = (await last.History.GetInstanceHistoryAsync(instance.Id)).Count(h => h.Type == Runtime.HistoryTypes.TimerFired);
        Assert.Equal(3, fired);
    }

    [SkippableFact]
    public async Task AnExpiredLeaseOfACrashedExecutor_IsTakenByAnother()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1M</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:userTask id="next"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "wait", "next", "e")));
        var instance = await engine.StartAsync("p");
        engine.Clock.Advance(TimeSpan.FromMinutes(1));
        await using (var db = engine.NewContext())
        {
            var job = db.Set<JobRecord>().Single();
            job.LeaseOwner = "crashed-node";
            job.LeaseExpiresAt = engine.Clock.GetUtcNow().AddMinutes(5);
            await db.SaveChangesAsync();
        }
        Assert.Equal(0, await engine.Jobs.ExecuteDueJobsAsync());
        Assert.Equal(1, await engine.AdvanceAsync(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1)));
        await engine.SingleTaskAsync(instance.Id, "next");
    }

    [SkippableFact]
    public async Task Deploy_MakesANewVersionOnlyWhenTheContentChanged_AndRunningInstancesStayOnTheirVersion()
    {
        var engine = await StartEngineAsync();
        string Flow(string task) => Process("p", $"""<bpmn:startEvent id="s"/><bpmn:userTask id="{task}"/><bpmn:endEvent id="e"/>""" + Chain("f", "s", task, "e"));
        var first = await engine.DeployAsync(Flow("a"));
        var same = await engine.DeployAsync(Flow("a"));
        Assert.True(first.Processes[0].IsNew);
        Assert.False(same.Processes[0].IsNew);
        Assert.Equal(1, same.Processes[0].Version);
        var onV1 = await engine.StartAsync("p");
        var second = await engine.DeployAsync(Flow("b"));
        Assert.Equal(2, second.Processes[0].Version);
        var onV2 = await engine.StartAsync("p");
        Assert.Equal("a", (await engine.SingleTaskAsync(onV1.Id)).ElementId);
        Assert.Equal("b", (await engine.SingleTaskAsync(onV2.Id)).ElementId);
        Assert.Equal(new[] { 2, 1 }, (await engine.Definitions.ListVersionsAsync("p")).Select(d => d.Version).ToArray());
        Assert.Contains("userTask id=\"a\"", await engine.Definitions.GetXmlAsync("p", 1), StringComparison.Ordinal);
        var invalid = await Assert.ThrowsAsync<BpmnValidationException>(() => engine.DeployAsync("<bpmn:definitions"));
        Assert.NotEmpty(invalid.Problems);
    }

    [SkippableFact]
    public async Task History_IsQueryablePerInstanceAndByTimeRange()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """<bpmn:startEvent id="s"/><bpmn:userTask id="t"/><bpmn:endEvent id="e"/>""" + Chain("f", "s", "t", "e")));
        var early = await engine.StartAsync("p");
        engine.Clock.Advance(TimeSpan.FromHours(2));
        var late = await engine.StartAsync("p");
        var window = await engine.History.QueryAsync(EngineHarness.Epoch.AddHours(1), EngineHarness.Epoch.AddHours(3));
        Assert.All(window.Items, h => Assert.Equal(late.Id, h.InstanceId));
        Assert.Contains(window.Items, h => h.Type == "task.created");
        var mine = await engine.History.GetInstanceHistoryAsync(early.Id);
        Assert.Equal(new[] { "instance.started", "activity", "activity.started", "task.created" }, mine.Select(h => h.Type).ToArray());
    }

    [SkippableFact]
    public async Task History_PagesCutStepRowsAtEventBoundaries_InTheOrderEventsHappened()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """<bpmn:startEvent id="s"/><bpmn:userTask id="t"/><bpmn:endEvent id="e"/>""" + Chain("f", "s", "t", "e")));
        var started = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            started.Add((await engine.StartAsync("p")).Id);
            engine.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        var all = new List<HistoryEvent>();
        foreach (var id in started)
        {
            all.AddRange(await engine.History.GetInstanceHistoryAsync(id));
        }

        var pages = new List<Page<HistoryEvent>>();
        for (var page = 1; page <= 5; page++)
        {
            pages.Add(await engine.History.QueryAsync(EngineHarness.Epoch, EngineHarness.Epoch.AddHours(1), page, pageSize: 3));
        }

        Assert.Equal(12, all.Count);
        Assert.All(pages, p => Assert.Equal(12, p.Total));
        Assert.Equal(new[] { 3, 3, 3, 3, 0 }, pages.Select(p => p.Items.Count).ToArray());
        Assert.Equal(all.Select(h => (h.Id, h.Index, h.Type)), pages.SelectMany(p => p.Items).Select(h => (h.Id, h.Index, h.Type)));
    }
}

public sealed class DurabilityTests_Sqlite() : DurabilityTests(TestDatabaseProvider.Sqlite);
public sealed class DurabilityTests_Postgres() : DurabilityTests(TestDatabaseProvider.Postgres);
