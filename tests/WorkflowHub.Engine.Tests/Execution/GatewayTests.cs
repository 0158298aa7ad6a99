using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

public abstract class GatewayTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    private const string Exclusive = """
        <bpmn:startEvent id="s"/><bpmn:exclusiveGateway id="xor" default="toSmall"/>
        <bpmn:userTask id="big"/><bpmn:userTask id="small"/><bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>
        <bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="xor"/>
        <bpmn:sequenceFlow id="toBig" sourceRef="xor" targetRef="big"><bpmn:conditionExpression>${amount &gt; 100}</bpmn:conditionExpression></bpmn:sequenceFlow>
        <bpmn:sequenceFlow id="toSmall" sourceRef="xor" targetRef="small"/>
        <bpmn:sequenceFlow id="f3" sourceRef="big" targetRef="e1"/><bpmn:sequenceFlow id="f4" sourceRef="small" targetRef="e2"/>
        """;

    [SkippableFact]
    public async Task ExclusiveGateway_TakesTheFirstTrueCondition_ElseTheDefault_Bpmn13_3_2()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", Exclusive));
        var big = await engine.StartAsync("p", variables: new { amount = 500 });
        var small = await engine.StartAsync("p", variables: new { amount = 5 });
        await engine.SingleTaskAsync(big.Id, "big");
        await engine.SingleTaskAsync(small.Id, "small");
    }

    [SkippableFact]
    public async Task ExclusiveGateway_WithNoTrueConditionAndNoDefault_RaisesAnIncident_Camunda7()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", Exclusive.Replace(" default=\"toSmall\"", "", StringComparison.Ordinal)
            .Replace("""<bpmn:sequenceFlow id="toSmall" sourceRef="xor" targetRef="small"/>""",
                """<bpmn:sequenceFlow id="toSmall" sourceRef="xor" targetRef="small"><bpmn:conditionExpression>${amount &lt; 0}</bpmn:conditionExpression></bpmn:sequenceFlow>""", StringComparison.Ordinal)));
        var instance = await engine.StartAsync("p", variables: new { amount = 5 });
        var incident = Assert.Single((await engine.Incidents.QueryAsync(instanceId: instance.Id)).Items);
        Assert.Equal("xor", incident.ElementId);
        Assert.Contains("no outgoing sequence flow", incident.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ParallelGateway_ForksAndJoinsOnce_Bpmn13_3_4()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/><bpmn:userTask id="a"/><bpmn:userTask id="b"/>
            <bpmn:parallelGateway id="join"/><bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
            """ + Flow("f1", "s", "fork") + Flow("f2", "fork", "a") + Flow("f3", "fork", "b")
                + Flow("f4", "a", "join") + Flow("f5", "b", "join") + Flow("f6", "join", "after") + Flow("f7", "after", "e")));
        var instance = await engine.StartAsync("p");
        Assert.Equal(2, (await engine.OpenTasksAsync(instance.Id)).Count);
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "a")).Id);
        Assert.DoesNotContain(await engine.OpenTasksAsync(instance.Id), t => t.ElementId == "after");
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "b")).Id);
        var after = await engine.SingleTaskAsync(instance.Id, "after");
        await engine.Tasks.CompleteAsync(after.Id);
        Assert.Equal(InstanceStatus.Completed, (await engine.InstanceAsync(instance.Id)).Summary.Status);
    }

    [SkippableFact]
    public async Task ParallelJoin_CountsTokensPerIncomingFlow_SoALoopingBranchDoesNotFireItEarly_Bpmn13_3_4()
    {
        var engine = await StartEngineAsync();
        // Branch a loops back through "redo" to the join's first flow twice before b arrives.
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/><bpmn:userTask id="a"/><bpmn:userTask id="b"/>
            <bpmn:exclusiveGateway id="again"/><bpmn:parallelGateway id="join"/><bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
            """ + Flow("f1", "s", "fork") + Flow("f2", "fork", "a") + Flow("f3", "fork", "b") + Flow("f4", "a", "again")
                + Flow("loop", "again", "a", "${redo == true}") + Flow("fa", "again", "join", "${redo == false}")
                + Flow("fb", "b", "join") + Flow("f6", "join", "after") + Flow("f7", "after", "e")));
        var instance = await engine.StartAsync("p");
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "a")).Id, EngineHarness.Vars(new { redo = true }));
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "a")).Id, EngineHarness.Vars(new { redo = false }));
        Assert.DoesNotContain(await engine.OpenTasksAsync(instance.Id), t => t.ElementId == "after");
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "b")).Id);
        await engine.SingleTaskAsync(instance.Id, "after");
    }

    private const string Race = """
        <bpmn:startEvent id="s"/><bpmn:eventBasedGateway id="race"/>
        <bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>
        <bpmn:intermediateCatchEvent id="late"><bpmn:timerEventDefinition><bpmn:timeDuration>PT24H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
        <bpmn:userTask id="thank"/><bpmn:userTask id="remind"/><bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>
        """;

    private static string RaceProcess() => Process("p", Race + Flow("f1", "s", "race") + Flow("f2", "race", "paid") + Flow("f3", "race", "late")
        + Flow("f4", "paid", "thank") + Flow("f5", "late", "remind") + Flow("f6", "thank", "e1") + Flow("f7", "remind", "e2"),
        """<bpmn:message id="m" name="PaymentReceived"/>""");

    [SkippableFact]
    public async Task EventBasedGateway_MessageBeforeTimer_WithdrawsTheTimer_Bpmn13_3_3()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(RaceProcess());
        var instance = await engine.StartAsync("p", "ORDER-1");
        await engine.Runtime.CorrelateAsync(new Services.CorrelationRequest("PaymentReceived", "ORDER-1"));
        await engine.SingleTaskAsync(instance.Id, "thank");
        Assert.Empty(await engine.RowsAsync<JobRecord>());
        Assert.Equal(0, await engine.AdvanceAsync(TimeSpan.FromHours(25)));
    }

    [SkippableFact]
    public async Task EventBasedGateway_TimerBeforeMessage_WithdrawsTheSubscription_Bpmn13_3_3()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(RaceProcess());
        var instance = await engine.StartAsync("p", "ORDER-2");
        Assert.Equal(1, await engine.AdvanceAsync(TimeSpan.FromHours(24)));
        await engine.SingleTaskAsync(instance.Id, "remind");
        Assert.Empty(await engine.RowsAsync<MessageSubscriptionRecord>());
        await Assert.ThrowsAsync<Services.WorkflowNotFoundException>(() =>
            engine.Runtime.CorrelateAsync(new Services.CorrelationRequest("PaymentReceived", "ORDER-2")));
    }
}

public sealed class GatewayTests_Sqlite() : GatewayTests(TestDatabaseProvider.Sqlite);
public sealed class GatewayTests_Postgres() : GatewayTests(TestDatabaseProvider.Postgres);
