using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Services;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>
/// Event sub-processes started by messages, timers and signals (BPMN 2.0 §10.3.5, Camunda 7): interrupting and not, in the
/// process and in an embedded sub-process; listeners exist while their scope runs, and a scope waits for its running ones.
/// </summary>
public abstract class EventSubProcessTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    internal const string Definitions = """
        <bpmn:message id="M_Info" name="InfoRequested"/><bpmn:message id="M_Cancel" name="Cancelled"/>
        <bpmn:signal id="S_Alarm" name="Alarm"/>
        <bpmn:error id="Err_Broken" errorCode="BROKEN"/><bpmn:escalation id="Esc_Late" escalationCode="LATE"/>
        """;

    /// <summary>An event sub-process whose start event carries <paramref name="trigger"/> and then waits at user task <paramref name="task"/>.</summary>
    internal static string EventSub(string id, string trigger, bool interrupting, string task) => $"""
        <bpmn:subProcess id="{id}" triggeredByEvent="true">
          <bpmn:startEvent id="{id}_start" isInterrupting="{(interrupting ? "true" : "false")}">{trigger}</bpmn:startEvent>
          <bpmn:userTask id="{task}"/><bpmn:endEvent id="{id}_end"/>
          {Chain(id + "_f", id + "_start", task, id + "_end")}
        </bpmn:subProcess>
        """;

    /// <summary>A process that waits at user task "work", with the given event sub-processes beside it.</summary>
    internal static string WorkWith(string eventSubs) => Process("p", """
        <bpmn:startEvent id="s"/><bpmn:userTask id="work"/><bpmn:endEvent id="e"/>
        """ + Chain("f", "s", "work", "e") + eventSubs, Definitions);

    private static async Task<string[]> OpenAsync(EngineHarness engine, string instanceId) =>
        (await engine.OpenTasksAsync(instanceId)).Select(t => t.ElementId).Order().ToArray();

    private static async Task CompleteAllAsync(EngineHarness engine, string instanceId, string elementId)
    {
        foreach (var task in (await engine.OpenTasksAsync(instanceId)).Where(t => t.ElementId == elementId))
        {
            await engine.Tasks.CompleteAsync(task.Id);
        }
    }

    [SkippableFact]
    public async Task ANonInterruptingMessageEventSubProcess_RunsOncePerMessage_AndTheProcessWaitsForItsInstances()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(WorkWith(EventSub("info", """<bpmn:messageEventDefinition messageRef="M_Info"/>""", interrupting: false, "answer")));
        var instance = await engine.StartAsync("p", businessKey: "C-1");

        await engine.Runtime.CorrelateAsync(new CorrelationRequest("InfoRequested", "C-1"));
        await engine.Runtime.CorrelateAsync(new CorrelationRequest("InfoRequested", "C-1"));
        Assert.Equal(["answer", "answer", "work"], await OpenAsync(engine, instance.Id));

        await CompleteAllAsync(engine, instance.Id, "work");
        Assert.Equal(InstanceStatus.Running, (await engine.InstanceAsync(instance.Id)).Summary.Status);
        await CompleteAllAsync(engine, instance.Id, "answer");
        Assert.Equal(InstanceStatus.Completed, (await engine.InstanceAsync(instance.Id)).Summary.Status);
        Assert.Empty(await engine.RowsAsync<MessageSubscriptionRecord>());
    }

    [SkippableFact]
    public async Task AnInterruptingMessageEventSubProcessInASubProcess_CancelsItsWork_ThenTheSubProcessGoesOn()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:subProcess id="sub">
              <bpmn:startEvent id="ss"/><bpmn:userTask id="inner"/><bpmn:endEvent id="se"/>
            """ + Chain("sf", "ss", "inner", "se")
            + EventSub("cancel", """<bpmn:messageEventDefinition messageRef="M_Cancel"/>""", interrupting: true, "cleanup") + """
            </bpmn:subProcess>
            <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "sub", "after", "e"), Definitions));
        var instance = await engine.StartAsync("p", businessKey: "C-2");
        Assert.Single(await engine.RowsAsync<MessageSubscriptionRecord>());

        await engine.Runtime.CorrelateAsync(new CorrelationRequest("Cancelled", "C-2"));
        Assert.Equal(["cleanup"], await OpenAsync(engine, instance.Id));
        Assert.Empty(await engine.RowsAsync<MessageSubscriptionRecord>());

        await CompleteAllAsync(engine, instance.Id, "cleanup");
        Assert.Equal(["after"], await OpenAsync(engine, instance.Id));
    }

    [SkippableFact]
    public async Task TheSubscriptionsOfASubProcessScope_AreRemovedWhenTheScopeEnds()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:subProcess id="sub">
              <bpmn:startEvent id="ss"/><bpmn:userTask id="inner"/><bpmn:endEvent id="se"/>
            """ + Chain("sf", "ss", "inner", "se")
            + EventSub("cancel", """<bpmn:messageEventDefinition messageRef="M_Cancel"/>""", interrupting: true, "cleanup")
            + EventSub("tick", """<bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>""", interrupting: false, "remind") + """
            </bpmn:subProcess>
            <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "sub", "after", "e"), Definitions));
        var instance = await engine.StartAsync("p", businessKey: "C-3");
        Assert.Single(await engine.RowsAsync<MessageSubscriptionRecord>());
        Assert.Single(await engine.RowsAsync<JobRecord>());

        await CompleteAllAsync(engine, instance.Id, "inner");
        Assert.Equal(["after"], await OpenAsync(engine, instance.Id));
        Assert.Empty(await engine.RowsAsync<MessageSubscriptionRecord>());
        Assert.Empty(await engine.RowsAsync<JobRecord>());
        await engine.AdvanceAsync(TimeSpan.FromHours(2));
        Assert.Equal(["after"], await OpenAsync(engine, instance.Id));
    }

    [SkippableFact]
    public async Task AnInterruptingTimerEventSubProcess_FiresAfterItsDuration_AndEndsTheOtherWork()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(WorkWith(EventSub("late",
            """<bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>""", interrupting: true, "chase")));
        var instance = await engine.StartAsync("p");

        await engine.AdvanceAsync(TimeSpan.FromMinutes(59));
        Assert.Equal(["work"], await OpenAsync(engine, instance.Id));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(["chase"], await OpenAsync(engine, instance.Id));

        await CompleteAllAsync(engine, instance.Id, "chase");
        Assert.Equal(InstanceStatus.Completed, (await engine.InstanceAsync(instance.Id)).Summary.Status);
        Assert.Empty(await engine.RowsAsync<JobRecord>());
    }

    [SkippableFact]
    public async Task ANonInterruptingCycleTimerEventSubProcess_StartsOncePerRepetition_AndStopsWithTheCycle()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(WorkWith(EventSub("remind",
            """<bpmn:timerEventDefinition><bpmn:timeCycle>R2/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition>""", interrupting: false, "reminder")));
        var instance = await engine.StartAsync("p");

        await engine.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Equal(["reminder", "work"], await OpenAsync(engine, instance.Id));
        await engine.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Equal(["reminder", "reminder", "work"], await OpenAsync(engine, instance.Id));
        Assert.Empty(await engine.RowsAsync<JobRecord>());
        await engine.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Equal(["reminder", "reminder", "work"], await OpenAsync(engine, instance.Id));

        await CompleteAllAsync(engine, instance.Id, "work");
        await CompleteAllAsync(engine, instance.Id, "reminder");
        Assert.Equal(InstanceStatus.Completed, (await engine.InstanceAsync(instance.Id)).Summary.Status);
    }

    [SkippableFact]
    public async Task ADateTimerEventSubProcess_FiresAtItsDate()
    {
        var engine = await StartEngineAsync();
        var due = EngineHarness.Epoch.AddHours(2).ToString("yyyy-MM-ddTHH:mm:ssZ");
        await engine.DeployAsync(WorkWith(EventSub("deadline",
            $"""<bpmn:timerEventDefinition><bpmn:timeDate>{due}</bpmn:timeDate></bpmn:timerEventDefinition>""", interrupting: false, "notice")));
        var instance = await engine.StartAsync("p");

        await engine.AdvanceAsync(TimeSpan.FromMinutes(119));
        Assert.Equal(["work"], await OpenAsync(engine, instance.Id));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(["notice", "work"], await OpenAsync(engine, instance.Id));
        Assert.Empty(await engine.RowsAsync<JobRecord>());
    }

    [SkippableFact]
    public async Task ASignalEventSubProcess_StartsOnEveryBroadcastWhileItsScopeRuns()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(WorkWith(EventSub("alarm", """<bpmn:signalEventDefinition signalRef="S_Alarm"/>""", interrupting: false, "handle")));
        var instance = await engine.StartAsync("p");

        var first = await engine.Runtime.SignalAsync("Alarm");
        await engine.Runtime.SignalAsync("Alarm");
        Assert.Equal([instance.Id], first.MovedInstanceIds);
        Assert.Equal(["handle", "handle", "work"], await OpenAsync(engine, instance.Id));

        await CompleteAllAsync(engine, instance.Id, "handle");
        await CompleteAllAsync(engine, instance.Id, "work");
        Assert.Equal(InstanceStatus.Completed, (await engine.InstanceAsync(instance.Id)).Summary.Status);
        Assert.Empty((await engine.Runtime.SignalAsync("Alarm")).MovedInstanceIds);
        Assert.Empty(await engine.RowsAsync<MessageSubscriptionRecord>());
    }

    [SkippableFact]
    public async Task AnInterruptingSignalEventSubProcess_AlsoEndsTheOtherListenersOfItsScope()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(WorkWith(
            EventSub("alarm", """<bpmn:signalEventDefinition signalRef="S_Alarm"/>""", interrupting: true, "evacuate")
            + EventSub("info", """<bpmn:messageEventDefinition messageRef="M_Info"/>""", interrupting: false, "answer")));
        var instance = await engine.StartAsync("p", businessKey: "C-4");
        Assert.Equal(2, (await engine.RowsAsync<MessageSubscriptionRecord>()).Count);

        await engine.Runtime.SignalAsync("Alarm");
        Assert.Equal(["evacuate"], await OpenAsync(engine, instance.Id));
        Assert.Empty(await engine.RowsAsync<MessageSubscriptionRecord>());
        await Assert.ThrowsAnyAsync<WorkflowException>(() => engine.Runtime.CorrelateAsync(new CorrelationRequest("InfoRequested", "C-4")));
    }
}

public sealed class EventSubProcessTests_Sqlite() : EventSubProcessTests(TestDatabaseProvider.Sqlite);
public sealed class EventSubProcessTests_Postgres() : EventSubProcessTests(TestDatabaseProvider.Postgres);
