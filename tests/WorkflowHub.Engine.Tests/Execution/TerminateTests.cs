using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Runtime;
using WorkflowHub.Engine.Services;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>
/// Terminate end event (BPMN 2.0 §10.5.3): every other token of its scope ends, with everything it waits on (task,
/// timers, subscriptions, called instance); the scope then completes normally. Outside that scope nothing changes.
/// </summary>
public abstract class TerminateTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    /// <summary>Four waiting branches (task with a timer, message catch, timer catch, call activity) and one that terminates.</summary>
    private static string FourWaitingBranches(string terminateScopeContent = "") => Process("p", """
        <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/>
        <bpmn:userTask id="a"><bpmn:extensionElements>
          <camunda:taskListener event="delete" expression="${execution.setVariable('deleted', 'a')}"/>
        </bpmn:extensionElements></bpmn:userTask>
        <bpmn:boundaryEvent id="late" attachedToRef="a" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
        <bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>
        <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT2H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
        <bpmn:callActivity id="call" calledElement="child"/>
        <bpmn:userTask id="go"/><bpmn:endEvent id="stop"><bpmn:terminateEventDefinition/></bpmn:endEvent>
        <bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/><bpmn:endEvent id="e3"/><bpmn:endEvent id="e4"/><bpmn:endEvent id="e5"/>
        """ + terminateScopeContent + Flow("f1", "s", "fork") + Flow("f2", "fork", "a") + Flow("f3", "fork", "paid") + Flow("f4", "fork", "wait")
        + Flow("f5", "fork", "call") + Flow("f6", "fork", "go") + Flow("f7", "a", "e1") + Flow("f8", "paid", "e2") + Flow("f9", "wait", "e3")
        + Flow("f10", "call", "e4") + Flow("f11", "go", "stop") + Flow("f12", "late", "e5"),
        """<bpmn:message id="m" name="Paid"/>""");

    private static string Child() => Process("child", """<bpmn:startEvent id="cs"/><bpmn:userTask id="inspect"/><bpmn:endEvent id="ce"/>""" + Chain("c", "cs", "inspect", "ce"));

    [SkippableFact]
    public async Task Terminate_EndsEveryWaitingSibling_TaskTimersSubscriptionAndCalledInstance()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Child());
        await engine.DeployAsync(FourWaitingBranches());
        var instance = await engine.StartAsync("p", "ORDER-7");
        var child = Assert.Single((await engine.Runtime.QueryInstancesAsync(new InstanceQuery("child"))).Items);
        Assert.Equal(3, (await engine.OpenTasksAsync()).Count);
        Assert.Equal(2, (await engine.RowsAsync<JobRecord>()).Count);
        Assert.Single(await engine.RowsAsync<MessageSubscriptionRecord>(), r => r.Kind == SubscriptionKind.Message);
        var taskA = await engine.SingleTaskAsync(instance.Id, "a");

        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "go")).Id);

        var detail = await engine.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStatus.Completed, detail.Summary.Status);
        Assert.Empty(detail.Activities);
        Assert.Empty(await engine.OpenTasksAsync());
        Assert.Empty(await engine.RowsAsync<JobRecord>());
        Assert.DoesNotContain(await engine.RowsAsync<MessageSubscriptionRecord>(), r => r.InstanceId == instance.Id);
        Assert.Equal(InstanceStatus.Cancelled, (await engine.InstanceAsync(child.Id)).Summary.Status);
        Assert.Equal("a", (await engine.VariableAsync(instance.Id, "deleted"))!.GetValue<string>());

        var history = await engine.History.GetInstanceHistoryAsync(instance.Id);
        Assert.Equal(["a", "call", "paid", "wait"], history.Where(h => h.Type == HistoryTypes.ActivityCancelled).Select(h => h.ElementId!).Order(StringComparer.Ordinal));
        Assert.Equal(taskA.Id, Assert.Single(history, h => h.Type == HistoryTypes.TaskCancelled).TaskId);
        Assert.Equal(HistoryTypes.InstanceCompleted, history[^1].Type);
        var childCancelled = Assert.Single(await engine.History.GetInstanceHistoryAsync(child.Id), h => h.Type == HistoryTypes.InstanceCancelled);
        Assert.Equal("the calling activity ended", childCancelled.Data!["reason"]!.GetValue<string>());

        // Nothing that waited fires later.
        Assert.Equal(0, await engine.AdvanceAsync(TimeSpan.FromDays(2)));
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => engine.Runtime.CorrelateAsync(new CorrelationRequest("Paid", "ORDER-7")));
    }

    [SkippableFact]
    public async Task TerminateInsideASubProcess_EndsOnlyThatScope_WhichThenCompletesNormally()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/>
            <bpmn:userTask id="outside"/><bpmn:endEvent id="e1"/>
            <bpmn:subProcess id="sub">
              <bpmn:startEvent id="ss"/><bpmn:parallelGateway id="innerFork"/>
              <bpmn:userTask id="inside"/>
              <bpmn:boundaryEvent id="remind" attachedToRef="inside" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
              <bpmn:userTask id="finish"/><bpmn:endEvent id="stop"><bpmn:terminateEventDefinition/></bpmn:endEvent>
              <bpmn:endEvent id="ie"/><bpmn:endEvent id="ie2"/>
              <bpmn:sequenceFlow id="i1" sourceRef="ss" targetRef="innerFork"/><bpmn:sequenceFlow id="i2" sourceRef="innerFork" targetRef="inside"/>
              <bpmn:sequenceFlow id="i3" sourceRef="innerFork" targetRef="finish"/><bpmn:sequenceFlow id="i4" sourceRef="inside" targetRef="ie"/>
              <bpmn:sequenceFlow id="i5" sourceRef="finish" targetRef="stop"/><bpmn:sequenceFlow id="i6" sourceRef="remind" targetRef="ie2"/>
            </bpmn:subProcess>
            <bpmn:userTask id="afterSub"/><bpmn:endEvent id="e2"/>
            """ + Flow("f1", "s", "fork") + Flow("f2", "fork", "outside") + Flow("f3", "outside", "e1") + Flow("f4", "fork", "sub")
                + Flow("f5", "sub", "afterSub") + Flow("f6", "afterSub", "e2")));
        var instance = await engine.StartAsync("p");
        Assert.Equal(["finish", "inside", "outside"], (await engine.OpenTasksAsync(instance.Id)).Select(t => t.ElementId).Order(StringComparer.Ordinal));

        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "finish")).Id);

        Assert.Equal(["afterSub", "outside"], (await engine.OpenTasksAsync(instance.Id)).Select(t => t.ElementId).Order(StringComparer.Ordinal));
        Assert.Empty(await engine.RowsAsync<JobRecord>());
        var detail = await engine.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStatus.Running, detail.Summary.Status);
        Assert.DoesNotContain(detail.Activities, a => a.ElementId is "sub" or "inside");
        var history = await engine.History.GetInstanceHistoryAsync(instance.Id);
        Assert.Equal("inside", Assert.Single(history, h => h.Type == HistoryTypes.ActivityCancelled).ElementId);
        Assert.DoesNotContain(history, h => h.Type is HistoryTypes.InstanceCompleted or HistoryTypes.InstanceCancelled);
        Assert.Contains(history, h => h.Type == HistoryTypes.ActivityCompleted && h.ElementId == "sub");
    }
}

public sealed class TerminateTests_Sqlite() : TerminateTests(TestDatabaseProvider.Sqlite);
public sealed class TerminateTests_Postgres() : TerminateTests(TestDatabaseProvider.Postgres);
