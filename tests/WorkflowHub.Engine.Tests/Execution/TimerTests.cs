using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

public abstract class TimerTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    private static string TaskWithBoundary(string timer, bool interrupting) => Process("p", $"""
        <bpmn:startEvent id="s"/><bpmn:userTask id="fix"/>
        <bpmn:boundaryEvent id="timer" attachedToRef="fix" cancelActivity="{(interrupting ? "true" : "false")}">
          <bpmn:timerEventDefinition>{timer}</bpmn:timerEventDefinition>
        </bpmn:boundaryEvent>
        <bpmn:scriptTask id="remind" scriptFormat="javascript" camunda:resultVariable="remindCount"><bpmn:script>(typeof remindCount === 'undefined' ? 0 : remindCount) + 1</bpmn:script></bpmn:scriptTask>
        <bpmn:userTask id="escalated"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
        """ + Chain("f", "s", "fix", "e") + Flow("t1", "timer", interrupting ? "escalated" : "remind") + Flow("t2", interrupting ? "escalated" : "remind", "e2"));

    [SkippableFact]
    public async Task IntermediateTimerCatch_FiresAfterItsDuration_Bpmn10_5_6()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>${reminderAfter}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:userTask id="next"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "wait", "next", "e")));
        var instance = await engine.StartAsync("p", variables: new { reminderAfter = "PT2H" });
        Assert.Equal(0, await engine.AdvanceAsync(TimeSpan.FromMinutes(119)));
        Assert.Empty(await engine.OpenTasksAsync(instance.Id));
        Assert.Equal(1, await engine.AdvanceAsync(TimeSpan.FromMinutes(1)));
        await engine.SingleTaskAsync(instance.Id, "next");
        Assert.Empty(await engine.RowsAsync<JobRecord>());
    }

    [SkippableFact]
    public async Task AZeroDurationTimer_FiresAtOnce_ANegativeOneIsRefused_Camunda7()
    {
        var engine = await StartEngineAsync();
        string Wait(string duration) => Process("p", $"""
            <bpmn:startEvent id="s"/><bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>{duration}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:userTask id="next"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "wait", "next", "e"));
        await Assert.ThrowsAsync<Services.BpmnValidationException>(() => engine.DeployAsync(Wait("-PT1H")));
        await engine.DeployAsync(Wait("PT0S"));
        var instance = await engine.StartAsync("p");
        Assert.Equal(EngineHarness.Epoch, Assert.Single(await engine.RowsAsync<JobRecord>()).DueAt);
        Assert.Equal(1, await engine.AdvanceAsync(TimeSpan.Zero));
        await engine.SingleTaskAsync(instance.Id, "next");
    }

    [SkippableFact]
    public async Task InterruptingTimerBoundary_CancelsTheTaskAndTakesTheBoundaryPath_Bpmn10_5_7()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(TaskWithBoundary("<bpmn:timeDuration>P3D</bpmn:timeDuration>", interrupting: true));
        var instance = await engine.StartAsync("p");
        var fix = await engine.SingleTaskAsync(instance.Id, "fix");
        await engine.AdvanceAsync(TimeSpan.FromDays(3));
        await engine.SingleTaskAsync(instance.Id, "escalated");
        Assert.DoesNotContain(await engine.OpenTasksAsync(instance.Id), t => t.Id == fix.Id);
    }

    [SkippableFact]
    public async Task NonInterruptingCycleTimer_FiresRTimesWhileTheTaskStaysOpen_Bpmn10_5_7()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(TaskWithBoundary("<bpmn:timeCycle>R3/PT24H</bpmn:timeCycle>", interrupting: false));
        var instance = await engine.StartAsync("p");
        var fix = await engine.SingleTaskAsync(instance.Id, "fix");
        for (var day = 1; day <= 5; day++)
        {
            await engine.AdvanceAsync(TimeSpan.FromHours(24));
        }
        Assert.Equal(3, (await engine.VariableAsync(instance.Id, "remindCount"))!.GetValue<int>());
        Assert.Equal(fix.Id, (await engine.SingleTaskAsync(instance.Id, "fix")).Id);
        Assert.Empty(await engine.RowsAsync<JobRecord>());
        var fired = (await engine.History.GetInstanceHistoryAsync(instance.Id)).Where(h => h.Type == Runtime.HistoryTypes.TimerFired).ToList();
        Assert.Equal(new[] { EngineHarness.Epoch.AddHours(24), EngineHarness.Epoch.AddHours(48), EngineHarness.Epoch.AddHours(72) },
            fired.Select(h => h.Timestamp).ToArray());
    }

    [SkippableFact]
    public async Task CycleTimer_IsRescheduledFromThePreviousDueTime_NotFromNow()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(TaskWithBoundary("<bpmn:timeCycle>R2/PT1H</bpmn:timeCycle>", interrupting: false));
        var instance = await engine.StartAsync("p");
        await engine.AdvanceAsync(TimeSpan.FromMinutes(90));
        var job = Assert.Single(await engine.RowsAsync<JobRecord>());
        Assert.Equal(EngineHarness.Epoch.AddHours(2), job.DueAt);
        await engine.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Equal(2, (await engine.VariableAsync(instance.Id, "remindCount"))!.GetValue<int>());
    }

    [SkippableFact]
    public async Task TimeDateBoundary_FiresAtTheDate()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(TaskWithBoundary("<bpmn:timeDate>2026-03-05T08:00:00Z</bpmn:timeDate>", interrupting: true));
        var instance = await engine.StartAsync("p");
        await engine.AdvanceAsync(TimeSpan.FromDays(2));
        await engine.SingleTaskAsync(instance.Id, "fix");
        await engine.AdvanceAsync(TimeSpan.FromDays(1));
        await engine.SingleTaskAsync(instance.Id, "escalated");
    }

    [SkippableFact]
    public async Task CronCycle_FiresAtEachCronOccurrence()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(TaskWithBoundary("<bpmn:timeCycle>0 0 17 * * ?</bpmn:timeCycle>", interrupting: false));
        var instance = await engine.StartAsync("p");
        await engine.AdvanceAsync(TimeSpan.FromHours(8));
        await engine.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Equal(1, (await engine.VariableAsync(instance.Id, "remindCount"))!.GetValue<int>());
        await engine.AdvanceAsync(TimeSpan.FromHours(24));
        Assert.Equal(2, (await engine.VariableAsync(instance.Id, "remindCount"))!.GetValue<int>());
    }

    [SkippableFact]
    public async Task TimerStartEvent_StartsInstances_AndTheNextVersionReplacesIt()
    {
        var engine = await StartEngineAsync();
        string Daily(string name) => Process("daily", $"""
            <bpmn:startEvent id="tick" name="{name}"><bpmn:timerEventDefinition><bpmn:timeCycle>R2/PT24H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
            <bpmn:userTask id="report"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "tick", "report", "e"));
        await engine.DeployAsync(Daily("v1"));
        await engine.AdvanceAsync(TimeSpan.FromHours(24));
        Assert.Single(await engine.OpenTasksAsync());
        await engine.DeployAsync(Daily("v2"));
        Assert.Single(await engine.RowsAsync<JobRecord>());
        await engine.AdvanceAsync(TimeSpan.FromHours(24));
        var instances = (await engine.Runtime.QueryInstancesAsync(new Services.InstanceQuery("daily"))).Items;
        Assert.Equal(new[] { 1, 2 }, instances.Select(i => i.ProcessVersion).Order().ToArray());
    }
}

public sealed class TimerTests_Sqlite() : TimerTests(TestDatabaseProvider.Sqlite);
public sealed class TimerTests_Postgres() : TimerTests(TestDatabaseProvider.Postgres);
