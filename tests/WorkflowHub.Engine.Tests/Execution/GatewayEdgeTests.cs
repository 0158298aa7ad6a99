using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Runtime;
using WorkflowHub.Engine.Services;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>
/// The edges of gateway and sequence-flow semantics that a plausible wrong implementation gets wrong: document order,
/// defaults listed first, joins in separate scopes, forks that must ignore conditions, conditional flows out of tasks.
/// </summary>
public abstract class GatewayEdgeTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    private async Task<string[]> OpenTaskIdsAsync(string instanceId) =>
        (await Engine.OpenTasksAsync(instanceId)).Select(t => t.ElementId).Order(StringComparer.Ordinal).ToArray();

    private static string Targets(params string[] ids) =>
        string.Concat(ids.Select(id => $"""<bpmn:userTask id="{id}"/><bpmn:endEvent id="{id}End"/>""" + Flow(id + "Out", id, id + "End")));

    [SkippableTheory]
    [InlineData(500, "first")]   // both conditions hold: the first in document order wins
    [InlineData(50, "second")]   // only the second holds, though the default is listed before it
    [InlineData(5, "third")]     // neither: the flow without a condition (not the default) is taken
    public async Task ExclusiveGateway_TakesTheFirstFlowInDocumentOrderThatHolds_TheDefaultIsOnlyAFallback(int amount, string expected)
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:exclusiveGateway id="xor" default="toFallback"/>
            """ + Targets("first", "second", "third", "fallback") + Flow("f0", "s", "xor")
                + Flow("toFallback", "xor", "fallback")
                + Flow("toFirst", "xor", "first", "${amount > 100}")
                + Flow("toSecond", "xor", "second", "${amount > 10}")
                + Flow("toThird", "xor", "third")));
        var instance = await engine.StartAsync("p", variables: new { amount });
        Assert.Equal([expected], await OpenTaskIdsAsync(instance.Id));
    }

    [SkippableFact]
    public async Task ExclusiveGateway_WhenOnlyTheDefaultIsLeft_TakesItWithoutAnIncident()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:exclusiveGateway id="xor" default="toA"/>
            """ + Targets("a", "b") + Flow("f0", "s", "xor") + Flow("toA", "xor", "a") + Flow("toB", "xor", "b", "${false}")));
        var instance = await engine.StartAsync("p");
        Assert.Equal(["a"], await OpenTaskIdsAsync(instance.Id));
        Assert.Empty((await engine.Incidents.QueryAsync(instanceId: instance.Id)).Items);
    }

    [SkippableFact]
    public async Task ParallelFork_TakesEveryFlow_IgnoringConditions_Bpmn13_3_4()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/>
            """ + Targets("a", "b") + Flow("f0", "s", "fork") + Flow("toA", "fork", "a", "${false}") + Flow("toB", "fork", "b")));
        var instance = await engine.StartAsync("p");
        Assert.Equal(["a", "b"], await OpenTaskIdsAsync(instance.Id));
    }

    [SkippableFact]
    public async Task ParallelJoins_InTwoInstancesOfAScope_DoNotCountEachOthersTokens()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:subProcess id="perArea">
              <bpmn:multiInstanceLoopCharacteristics camunda:collection="${areas}" camunda:elementVariable="area"/>
              <bpmn:startEvent id="ss"/><bpmn:parallelGateway id="fork"/>
              <bpmn:userTask id="a" camunda:assignee="${area}"/><bpmn:userTask id="b" camunda:assignee="${area}"/>
              <bpmn:parallelGateway id="join"/><bpmn:userTask id="check" camunda:assignee="${area}"/><bpmn:endEvent id="se"/>
              <bpmn:sequenceFlow id="i1" sourceRef="ss" targetRef="fork"/><bpmn:sequenceFlow id="i2" sourceRef="fork" targetRef="a"/>
              <bpmn:sequenceFlow id="i3" sourceRef="fork" targetRef="b"/><bpmn:sequenceFlow id="i4" sourceRef="a" targetRef="join"/>
              <bpmn:sequenceFlow id="i5" sourceRef="b" targetRef="join"/><bpmn:sequenceFlow id="i6" sourceRef="join" targetRef="check"/>
              <bpmn:sequenceFlow id="i7" sourceRef="check" targetRef="se"/>
            </bpmn:subProcess>
            <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "perArea", "after", "e")));
        var instance = await engine.StartAsync("p", variables: new { areas = new[] { "east", "west" } });
        var tasks = await engine.OpenTasksAsync(instance.Id);
        Assert.Equal(4, tasks.Count);

        await engine.Tasks.CompleteAsync(tasks.Single(t => t is { ElementId: "a", Assignee: "east" }).Id);
        await engine.Tasks.CompleteAsync(tasks.Single(t => t is { ElementId: "b", Assignee: "west" }).Id);
        Assert.DoesNotContain(await engine.OpenTasksAsync(instance.Id), t => t.ElementId == "check");

        await engine.Tasks.CompleteAsync(tasks.Single(t => t is { ElementId: "b", Assignee: "east" }).Id);
        var check = await engine.SingleTaskAsync(instance.Id, "check");
        Assert.Equal("east", check.Assignee);
        await engine.Tasks.CompleteAsync(check.Id);
        Assert.DoesNotContain(await engine.OpenTasksAsync(instance.Id), t => t.ElementId == "after");

        await engine.Tasks.CompleteAsync(tasks.Single(t => t is { ElementId: "a", Assignee: "west" }).Id);
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "check")).Id);
        Assert.Equal(["after"], await OpenTaskIdsAsync(instance.Id));
        // In each area the token that waited at the join ends there (merged); the one that arrived last goes on.
        var joins = (await engine.History.GetInstanceHistoryAsync(instance.Id)).Where(h => h.ElementId == "join").ToList();
        Assert.Equal(2, joins.Count(h => h.Type == HistoryTypes.ActivityCompleted));
        Assert.Equal(2, joins.Count(h => h.Type == HistoryTypes.Activity));
    }

    [SkippableTheory]
    [InlineData(true, true, new[] { "a", "b" })]
    [InlineData(true, false, new[] { "a" })]
    [InlineData(false, false, new[] { "c" })]
    public async Task ConditionalFlowsOutOfATask_SplitWhereTheyHold_ElseTheDefault_Bpmn13_2_1(bool road, bool light, string[] expected)
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:task id="triage" default="toC"/>
            """ + Targets("a", "b", "c") + Flow("f0", "s", "triage") + Flow("toA", "triage", "a", "${road}")
                + Flow("toB", "triage", "b", "${light}") + Flow("toC", "triage", "c")));
        var instance = await engine.StartAsync("p", variables: new { road, light });
        Assert.Equal(expected, await OpenTaskIdsAsync(instance.Id));
    }

    [SkippableFact]
    public async Task ATaskWithOneUnconditionalAndOneConditionalFlow_TakesBothWhenTheConditionHolds()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:task id="triage"/>
            """ + Targets("a", "b") + Flow("f0", "s", "triage") + Flow("toA", "triage", "a") + Flow("toB", "triage", "b", "${light}")));
        var both = await engine.StartAsync("p", variables: new { light = true });
        var one = await engine.StartAsync("p", variables: new { light = false });
        Assert.Equal(["a", "b"], await OpenTaskIdsAsync(both.Id));
        Assert.Equal(["a"], await OpenTaskIdsAsync(one.Id));
    }

    [SkippableFact]
    public async Task EventBasedGateway_TheMessagesVariablesArriveAndTheReceiveTaskBranchWins()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:eventBasedGateway id="race"/>
            <bpmn:receiveTask id="reply" messageRef="m"/>
            <bpmn:intermediateCatchEvent id="late"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            """ + Targets("thank", "remind") + Flow("f1", "s", "race") + Flow("f2", "race", "reply") + Flow("f3", "race", "late")
                + Flow("f4", "reply", "thank") + Flow("f5", "late", "remind"),
            """<bpmn:message id="m" name="Reply"/>"""));
        var instance = await engine.StartAsync("p", "CASE-3");

        await engine.Runtime.CorrelateAsync(new CorrelationRequest("Reply", "CASE-3", EngineHarness.Vars(new { answer = "yes" })));

        Assert.Equal(["thank"], await OpenTaskIdsAsync(instance.Id));
        Assert.Equal("yes", (await engine.VariableAsync(instance.Id, "answer"))!.GetValue<string>());
        Assert.Empty(await engine.RowsAsync<JobRecord>());
        var history = await engine.History.GetInstanceHistoryAsync(instance.Id);
        Assert.Contains(history, h => h.ElementId == "race" && h.Type == HistoryTypes.ActivityCompleted);
        Assert.Contains(history, h => h.ElementId == "reply" && h.Type == HistoryTypes.Activity);
        Assert.DoesNotContain(history, h => h.ElementId == "late");
    }
}

public sealed class GatewayEdgeTests_Sqlite() : GatewayEdgeTests(TestDatabaseProvider.Sqlite);
public sealed class GatewayEdgeTests_Postgres() : GatewayEdgeTests(TestDatabaseProvider.Postgres);
