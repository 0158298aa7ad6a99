using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>
/// Multi-instance bodies and call activities where a wrong implementation still passes the happy paths (found by
/// mutation testing): the counters each inner instance sees, and the called version a binding picks.
/// </summary>
public abstract class ActivityBehaviourTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    /// <summary>Each inner instance's assignee spells loopCounter/nrOfInstances/nrOfActiveInstances/nrOfCompletedInstances.</summary>
    private static string Counters(string sequential) => Process("p", $"""
        <bpmn:startEvent id="s"/>
        <bpmn:userTask id="vote" camunda:assignee="${"{"}'' + loopCounter + '/' + nrOfInstances + '/' + nrOfActiveInstances + '/' + nrOfCompletedInstances{"}"}">
          <bpmn:multiInstanceLoopCharacteristics isSequential="{sequential}"><bpmn:loopCardinality>${"{"}n{"}"}</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
        </bpmn:userTask>
        <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
        """ + Chain("f", "s", "vote", "after", "e"));

    [SkippableFact]
    public async Task ParallelMultiInstance_EveryInnerInstanceSeesAllActive_NoneCompleted()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Counters("false"));
        var instance = await engine.StartAsync("p", variables: new { n = 3 });
        var tasks = await engine.OpenTasksAsync(instance.Id);
        Assert.Equal(["0/3/3/0", "1/3/3/0", "2/3/3/0"], tasks.Select(t => t.Assignee!).Order(StringComparer.Ordinal));
        foreach (var task in tasks)
        {
            await engine.Tasks.CompleteAsync(task.Id);
        }
        Assert.Equal("after", Assert.Single(await engine.OpenTasksAsync(instance.Id)).ElementId);
    }

    [SkippableFact]
    public async Task SequentialMultiInstance_OneActiveAtATime_CountingTheCompletedOnes()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Counters("true"));
        var instance = await engine.StartAsync("p", variables: new { n = 3 });
        foreach (var expected in new[] { "0/3/1/0", "1/3/1/1", "2/3/1/2" })
        {
            var task = Assert.Single(await engine.OpenTasksAsync(instance.Id));
            Assert.Equal(expected, task.Assignee);
            await engine.Tasks.CompleteAsync(task.Id);
        }
        Assert.Equal("after", Assert.Single(await engine.OpenTasksAsync(instance.Id)).ElementId);
    }

    [SkippableFact]
    public async Task ANegativeLoopCardinality_RunsNoInstance_AndPassesOn()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Counters("false"));
        var instance = await engine.StartAsync("p", variables: new { n = -2 });
        Assert.Equal("after", Assert.Single(await engine.OpenTasksAsync(instance.Id)).ElementId);
        Assert.Empty((await engine.Incidents.QueryAsync(instanceId: instance.Id)).Items);
    }

    [SkippableFact]
    public async Task ANullCollection_RunsNoInstance_AndPassesOn()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:userTask id="vote"><bpmn:multiInstanceLoopCharacteristics camunda:collection="${voters}" camunda:elementVariable="voter"/></bpmn:userTask>
            <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "vote", "after", "e")));
        var instance = await engine.StartAsync("p", variables: new { voters = (string[]?)null });
        Assert.Equal("after", Assert.Single(await engine.OpenTasksAsync(instance.Id)).ElementId);
    }

    private static string Child(int version) => Process("child", $"""
        <bpmn:startEvent id="cs"/>
        <bpmn:scriptTask id="which" scriptFormat="javascript" camunda:resultVariable="v"><bpmn:script>{version}</bpmn:script></bpmn:scriptTask>
        <bpmn:endEvent id="ce"/>
        """ + Chain("c", "cs", "which", "ce"));

    [SkippableFact]
    public async Task BindingVersion_CallsThatVersion_NotTheLatest()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Child(1));
        await engine.DeployAsync(Child(2));
        await engine.DeployAsync(Child(3));
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:callActivity id="call" calledElement="child" camunda:calledElementBinding="version" camunda:calledElementVersion="${which}">
              <bpmn:extensionElements><camunda:out source="v" target="v"/></bpmn:extensionElements>
            </bpmn:callActivity>
            <bpmn:userTask id="done"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "call", "done", "e")));
        var instance = await engine.StartAsync("p", variables: new { which = "2" });
        await engine.SingleTaskAsync(instance.Id, "done");
        Assert.Equal(2, (await engine.VariableAsync(instance.Id, "v"))!.GetValue<int>());
    }

    [SkippableTheory]
    [InlineData("""calledElement="child" camunda:calledElementBinding="version" camunda:calledElementVersion="two" """, "calledElementVersion 'two' is not a version number.")]
    [InlineData("""calledElement="byMessage" """, "process 'byMessage' has no none start event.")]
    public async Task ACallThatCannotStart_StopsTheCallerWithAnIncidentSayingWhy(string callAttributes, string message)
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Child(1));
        await engine.DeployAsync(Process("byMessage", """
            <bpmn:startEvent id="ms"><bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent><bpmn:endEvent id="me"/>
            """ + Chain("m", "ms", "me"), """<bpmn:message id="m" name="Go"/>"""));
        await engine.DeployAsync(Process("p", $"""
            <bpmn:startEvent id="s"/><bpmn:callActivity id="call" {callAttributes}/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "call", "e")));
        var instance = await engine.StartAsync("p");
        var incident = Assert.Single((await engine.Incidents.QueryAsync(instanceId: instance.Id)).Items);
        Assert.Equal("call", incident.ElementId);
        Assert.Contains(message, incident.Message, StringComparison.Ordinal);
        Assert.Single((await engine.Runtime.QueryInstancesAsync(new Services.InstanceQuery())).Items);
    }
}

public sealed class ActivityBehaviourTests_Sqlite() : ActivityBehaviourTests(TestDatabaseProvider.Sqlite);
public sealed class ActivityBehaviourTests_Postgres() : ActivityBehaviourTests(TestDatabaseProvider.Postgres);
