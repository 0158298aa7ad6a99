using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Services;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>
/// What a token carries from one element to the next and what it leaves behind: local variables, the scope it was,
/// its continuation jobs' retries, the variables an event brings, work scheduled for a token that is gone.
/// </summary>
public abstract class TokenLifecycleTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    [SkippableFact]
    public async Task InputParametersAreLocalToTheirElement_TheNextElementDoesNotSeeThem()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:userTask id="fix" camunda:assignee="${who}"><bpmn:extensionElements><camunda:inputOutput>
              <camunda:inputParameter name="who">zhou</camunda:inputParameter>
            </camunda:inputOutput></bpmn:extensionElements></bpmn:userTask>
            <bpmn:userTask id="after" camunda:assignee="${typeof who === 'undefined' ? 'nobody' : who}"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "fix", "after", "e")));
        var instance = await engine.StartAsync("p");
        Assert.Equal("zhou", (await engine.SingleTaskAsync(instance.Id, "fix")).Assignee);
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "fix")).Id);
        Assert.Equal("nobody", (await engine.SingleTaskAsync(instance.Id, "after")).Assignee);
    }

    [SkippableFact]
    public async Task ListAndMapInputParameters_AreBuiltFromTheirEntries()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:userTask id="fix"><bpmn:extensionElements><camunda:inputOutput>
              <camunda:inputParameter name="heads"><camunda:list><camunda:value>${first}</camunda:value><camunda:value>wang</camunda:value></camunda:list></camunda:inputParameter>
              <camunda:inputParameter name="limits"><camunda:map><camunda:entry key="days">${2 + 1}</camunda:entry></camunda:map></camunda:inputParameter>
              <camunda:inputParameter name="label"><camunda:script scriptFormat="javascript">'case-' + n</camunda:script></camunda:inputParameter>
              <camunda:outputParameter name="summary">${heads[0] + '/' + heads[1] + '/' + limits.days + '/' + label}</camunda:outputParameter>
            </camunda:inputOutput></bpmn:extensionElements></bpmn:userTask>
            <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "fix", "after", "e")));
        var instance = await engine.StartAsync("p", variables: new { first = "li", n = 7 });
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "fix")).Id);
        Assert.Equal("li/wang/3/case-7", (await engine.VariableAsync(instance.Id, "summary"))!.GetValue<string>());
    }

    [SkippableFact]
    public async Task AMultiInstanceToken_IsAnOrdinaryTokenAgainAfterwards_SoASubProcessAfterItCompletes()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:userTask id="vote"><bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:loopCardinality>${2}</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>
            <bpmn:subProcess id="sub">
              <bpmn:startEvent id="ss"/><bpmn:userTask id="inner"/><bpmn:endEvent id="se"/>
              <bpmn:sequenceFlow id="i1" sourceRef="ss" targetRef="inner"/><bpmn:sequenceFlow id="i2" sourceRef="inner" targetRef="se"/>
            </bpmn:subProcess>
            <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "vote", "sub", "after", "e")));
        var instance = await engine.StartAsync("p");
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "vote")).Id);
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "vote")).Id);
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "inner")).Id);
        await engine.SingleTaskAsync(instance.Id, "after");
    }

    [SkippableFact]
    public async Task WorkQueuedForATokenThatATerminateEndedMeanwhile_IsDropped()
    {
        var engine = await StartEngineAsync();
        // The fork takes its flows in document order: the terminating branch runs first, while the other's entry is queued.
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/>
            <bpmn:endEvent id="stop"><bpmn:terminateEventDefinition/></bpmn:endEvent><bpmn:userTask id="b"/><bpmn:endEvent id="e"/>
            """ + Flow("f1", "s", "fork") + Flow("f2", "fork", "stop") + Flow("f3", "fork", "b") + Flow("f4", "b", "e")));
        var instance = await engine.StartAsync("p");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Empty(await engine.OpenTasksAsync());
        Assert.DoesNotContain(await engine.History.GetInstanceHistoryAsync(instance.Id),
            h => h.ElementId == "b" && h.Type is Runtime.HistoryTypes.ActivityStarted or Runtime.HistoryTypes.Activity or Runtime.HistoryTypes.TaskCreated);
    }

    [SkippableFact]
    public async Task ContinuationJobs_CarryTheElementsRetryCycle_OrTheConfiguredDefault()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:serviceTask id="before" camunda:expression="${1}" camunda:asyncBefore="true"><bpmn:extensionElements><camunda:failedJobRetryTimeCycle>R5/PT1M</camunda:failedJobRetryTimeCycle></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:serviceTask id="after" camunda:expression="${2}" camunda:asyncAfter="true"/>
            <bpmn:userTask id="wait"><bpmn:extensionElements><camunda:failedJobRetryTimeCycle>R1/PT1M</camunda:failedJobRetryTimeCycle></bpmn:extensionElements></bpmn:userTask>
            <bpmn:boundaryEvent id="late" attachedToRef="wait" cancelActivity="false"><bpmn:extensionElements><camunda:failedJobRetryTimeCycle>R2/PT1M</camunda:failedJobRetryTimeCycle></bpmn:extensionElements><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
            """ + Chain("f", "s", "before", "after", "wait", "e") + Flow("g1", "late", "e2")));
        var instance = await engine.StartAsync("p");

        var first = Assert.Single(await engine.RowsAsync<JobRecord>());
        Assert.Equal((JobKind.Continuation, "before", 5, EngineHarness.Epoch, instance.Id), (first.Kind, first.ElementId, first.RetriesLeft, first.DueAt, first.InstanceId));
        await engine.Jobs.ExecuteDueJobsAsync();

        Assert.Equal("wait", (await engine.SingleTaskAsync(instance.Id)).ElementId);
        var timer = Assert.Single(await engine.RowsAsync<JobRecord>());
        Assert.Equal((JobKind.Timer, "late", 2, EngineHarness.Epoch.AddHours(1)), (timer.Kind, timer.ElementId, timer.RetriesLeft, timer.DueAt));
        var history = await engine.History.GetInstanceHistoryAsync(instance.Id);
        Assert.Contains(history, h => h.ElementId == "after" && h.Type == Runtime.HistoryTypes.Activity);
    }

    [SkippableFact]
    public async Task AnAsyncAfterElement_WaitsWithADefaultRetryContinuation_BeforeItsOutgoingFlow()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:serviceTask id="calc" camunda:expression="${40 + 2}" camunda:resultVariable="x" camunda:asyncAfter="true"/>
            <bpmn:userTask id="wait"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "calc", "wait", "e")));
        var instance = await engine.StartAsync("p");

        Assert.Equal(42, (await engine.VariableAsync(instance.Id, "x"))!.GetValue<int>());
        Assert.Empty(await engine.OpenTasksAsync(instance.Id));
        var job = Assert.Single(await engine.RowsAsync<JobRecord>());
        Assert.Equal((JobKind.Continuation, "calc", 3), (job.Kind, job.ElementId, job.RetriesLeft));
        Assert.Equal(1, await engine.Jobs.ExecuteDueJobsAsync());
        await engine.SingleTaskAsync(instance.Id, "wait");
    }

    [SkippableFact]
    public async Task AMessageBoundary_BringsTheMessagesVariables_AndAnInterruptingOneEndsTheTask()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:userTask id="fix"/>
            <bpmn:boundaryEvent id="withdrawn" attachedToRef="fix"><bpmn:messageEventDefinition messageRef="m"/></bpmn:boundaryEvent>
            <bpmn:userTask id="close"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
            """ + Chain("f", "s", "fix", "e") + Chain("g", "withdrawn", "close", "e2"),
            """<bpmn:message id="m" name="Withdrawn"/>"""));
        var instance = await engine.StartAsync("p", "CASE-5");
        var other = await engine.StartAsync("p", "CASE-6");

        await engine.Runtime.CorrelateAsync(new CorrelationRequest("Withdrawn", "CASE-5", EngineHarness.Vars(new { reason = "duplicate" })));

        Assert.Equal("close", Assert.Single(await engine.OpenTasksAsync(instance.Id)).ElementId);
        Assert.Equal("duplicate", (await engine.VariableAsync(instance.Id, "reason"))!.GetValue<string>());
        Assert.Equal("fix", Assert.Single(await engine.OpenTasksAsync(other.Id)).ElementId);
        Assert.False((await engine.InstanceAsync(other.Id)).Variables.ContainsKey("reason"));
    }

    [SkippableFact]
    public async Task AnInstanceOfAMultiInstanceCallActivity_PassesItsOwnElementVariable()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("child", """<bpmn:startEvent id="cs"/><bpmn:userTask id="inspect" camunda:assignee="${area}"/><bpmn:endEvent id="ce"/>""" + Chain("c", "cs", "inspect", "ce")));
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:callActivity id="call" calledElement="child">
              <bpmn:extensionElements><camunda:in variables="all"/></bpmn:extensionElements>
              <bpmn:multiInstanceLoopCharacteristics camunda:collection="${areas}" camunda:elementVariable="area"/>
            </bpmn:callActivity>
            <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "call", "after", "e")));
        var instance = await engine.StartAsync("p", variables: new { areas = new[] { "east", "west" }, area = "process-level" });

        Assert.Equal(["east", "west"], (await engine.OpenTasksAsync()).Select(t => t.Assignee!).Order(StringComparer.Ordinal));
        foreach (var task in await engine.OpenTasksAsync())
        {
            await engine.Tasks.CompleteAsync(task.Id);
        }
        await engine.SingleTaskAsync(instance.Id, "after");
    }

    [SkippableFact]
    public async Task AnInclusiveJoin_WaitsForATokenWhoseBoundaryEventCanStillLeadToIt()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:inclusiveGateway id="fork"/>
            <bpmn:userTask id="a"/><bpmn:userTask id="b"/>
            <bpmn:boundaryEvent id="overdue" attachedToRef="a"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:inclusiveGateway id="join"/><bpmn:userTask id="after"/><bpmn:endEvent id="e"/><bpmn:endEvent id="aEnd"/>
            """ + Flow("f1", "s", "fork") + Flow("toA", "fork", "a", "${true}") + Flow("toB", "fork", "b", "${true}")
                + Flow("fa", "a", "aEnd") + Flow("fo", "overdue", "join") + Flow("fb", "b", "join") + Flow("f9", "join", "after") + Flow("f10", "after", "e")));
        var instance = await engine.StartAsync("p");
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "b")).Id);
        Assert.DoesNotContain(await engine.OpenTasksAsync(instance.Id), t => t.ElementId == "after");

        await engine.AdvanceAsync(TimeSpan.FromDays(1));

        Assert.Equal("after", Assert.Single(await engine.OpenTasksAsync(instance.Id)).ElementId);
    }
}

public sealed class TokenLifecycleTests_Sqlite() : TokenLifecycleTests(TestDatabaseProvider.Sqlite);
public sealed class TokenLifecycleTests_Postgres() : TokenLifecycleTests(TestDatabaseProvider.Postgres);
