using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Runtime;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>
/// Gateway behaviours where a wrong implementation still passes the happy paths (found by mutation testing):
/// which tokens an inclusive join waits for, and what a parallel join does not do.
/// </summary>
public abstract class GatewayBehaviourTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    private async Task<string[]> OpenTaskIdsAsync(string instanceId) =>
        (await Engine.OpenTasksAsync(instanceId)).Select(t => t.ElementId).Order(StringComparer.Ordinal).ToArray();

    [SkippableFact]
    public async Task InclusiveJoin_WaitsForATokenWhoseOnlyWayToItIsABoundaryEvent()
    {
        var engine = await StartEngineAsync();
        // b's normal way leads away from the join; only its timer boundary event leads to it.
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/><bpmn:userTask id="a"/><bpmn:userTask id="b"/>
            <bpmn:boundaryEvent id="late" attachedToRef="b"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:inclusiveGateway id="join"/><bpmn:userTask id="after"/><bpmn:endEvent id="e"/><bpmn:endEvent id="bEnd"/>
            """ + Flow("f1", "s", "fork") + Flow("f2", "fork", "a") + Flow("f3", "fork", "b") + Flow("f4", "a", "join")
                + Flow("f5", "b", "bEnd") + Flow("f6", "late", "join") + Flow("f7", "join", "after") + Flow("f8", "after", "e")));
        var instance = await engine.StartAsync("p");

        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "a")).Id);
        Assert.Equal(["b"], await OpenTaskIdsAsync(instance.Id));

        Assert.Equal(1, await engine.AdvanceAsync(TimeSpan.FromHours(1)));
        Assert.Equal(["after"], await OpenTaskIdsAsync(instance.Id));
        var history = await engine.History.GetInstanceHistoryAsync(instance.Id);
        // a's token waited at the join since the step before; the boundary's token merged into it in this one.
        Assert.Single(history, h => h.ElementId == "join" && h.Type == HistoryTypes.Activity);
        Assert.Single(history, h => h.ElementId == "join" && h.Type == HistoryTypes.ActivityCompleted);
    }

    [SkippableFact]
    public async Task InclusiveJoin_ThreeTokens_MergeIntoOne_WhenTheLastArrives()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:inclusiveGateway id="fork"/><bpmn:userTask id="a"/><bpmn:userTask id="b"/><bpmn:userTask id="c"/>
            <bpmn:inclusiveGateway id="join"/><bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
            """ + Flow("f1", "s", "fork") + Flow("f2", "fork", "a", "${true}") + Flow("f3", "fork", "b", "${true}") + Flow("f4", "fork", "c")
                + Flow("f5", "a", "join") + Flow("f6", "b", "join") + Flow("f7", "c", "join") + Flow("f8", "join", "after") + Flow("f9", "after", "e")));
        var instance = await engine.StartAsync("p");
        Assert.Equal(["a", "b", "c"], await OpenTaskIdsAsync(instance.Id));
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "c")).Id);
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "a")).Id);
        Assert.Equal(["b"], await OpenTaskIdsAsync(instance.Id));
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "b")).Id);
        Assert.Equal(["after"], await OpenTaskIdsAsync(instance.Id));
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "after")).Id);
        Assert.Equal(InstanceStatus.Completed, (await engine.InstanceAsync(instance.Id)).Summary.Status);
    }

    [SkippableFact]
    public async Task InclusiveJoin_Fires_WhileATokenWaitsWhereNoPathLeadsToIt()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/><bpmn:userTask id="a"/><bpmn:userTask id="b"/>
            <bpmn:exclusiveGateway id="bWay"/><bpmn:userTask id="elsewhere"/><bpmn:inclusiveGateway id="join"/><bpmn:userTask id="after"/>
            <bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
            """ + Flow("f1", "s", "fork") + Flow("f2", "fork", "a") + Flow("f3", "fork", "b") + Flow("f4", "a", "join")
                + Flow("f5", "b", "bWay") + Flow("f6", "bWay", "join", "${toJoin}") + Flow("f7", "bWay", "elsewhere", "${!toJoin}")
                + Flow("f8", "elsewhere", "e2") + Flow("f9", "join", "after") + Flow("f10", "after", "e")));
        var instance = await engine.StartAsync("p", variables: new { toJoin = false });
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "b")).Id);
        Assert.Equal(["a", "elsewhere"], await OpenTaskIdsAsync(instance.Id));

        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "a")).Id);
        Assert.Equal(["after", "elsewhere"], await OpenTaskIdsAsync(instance.Id));
    }

    [SkippableFact]
    public async Task InclusiveJoin_TakesOnlyItsOwnTokens_NotThoseWaitingAtAnotherJoinOfTheScope()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/>
            <bpmn:userTask id="i1"/><bpmn:userTask id="i2"/><bpmn:userTask id="p1"/><bpmn:userTask id="p2"/>
            <bpmn:inclusiveGateway id="orJoin"/><bpmn:parallelGateway id="andJoin"/><bpmn:userTask id="afterOr"/><bpmn:userTask id="afterAnd"/>
            <bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>
            """ + Flow("f1", "s", "fork") + Flow("f2", "fork", "i1") + Flow("f3", "fork", "i2") + Flow("f4", "fork", "p1") + Flow("f5", "fork", "p2")
                + Flow("f6", "i1", "orJoin") + Flow("f7", "i2", "orJoin") + Flow("f8", "p1", "andJoin") + Flow("f9", "p2", "andJoin")
                + Chain("o", "orJoin", "afterOr", "e1") + Chain("n", "andJoin", "afterAnd", "e2")));
        var instance = await engine.StartAsync("p");
        foreach (var id in new[] { "p1", "i1", "i2" })
        {
            await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, id)).Id);
        }
        Assert.Equal(["afterOr", "p2"], await OpenTaskIdsAsync(instance.Id));
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "p2")).Id);
        Assert.Equal(["afterAnd", "afterOr"], await OpenTaskIdsAsync(instance.Id));
    }

    [SkippableFact]
    public async Task InclusiveFork_WithNothingToTake_SaysWhyInTheIncident()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:inclusiveGateway id="fork"/><bpmn:userTask id="a"/><bpmn:endEvent id="e"/>
            """ + Flow("f1", "s", "fork") + Flow("f2", "fork", "a", "${false}") + Flow("f3", "a", "e")));
        var instance = await engine.StartAsync("p");
        var incident = Assert.Single((await engine.Incidents.QueryAsync(instanceId: instance.Id)).Items);
        Assert.Equal("fork", incident.ElementId);
        Assert.Contains("no outgoing sequence flow's condition holds and there is no default flow.", incident.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("exclusiveGateway")]
    [InlineData("inclusiveGateway")]
    [InlineData("parallelGateway")]
    public async Task AGatewayWithoutOutgoingFlows_EndsItsToken_LikeAnImplicitEnd(string type)
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", $"""<bpmn:startEvent id="s"/><bpmn:{type} id="gw"/>""" + Flow("f1", "s", "gw")));
        var instance = await engine.StartAsync("p");
        Assert.Equal(InstanceStatus.Completed, (await engine.InstanceAsync(instance.Id)).Summary.Status);
        Assert.Empty((await engine.Incidents.QueryAsync(instanceId: instance.Id)).Items);
    }

    [SkippableFact]
    public async Task AParallelJoin_IsNotAnInclusiveJoin_ABranchEndingElsewhereLeavesItWaiting()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/><bpmn:userTask id="a"/><bpmn:userTask id="b"/>
            <bpmn:exclusiveGateway id="bWay"/><bpmn:parallelGateway id="join"/><bpmn:userTask id="after"/>
            <bpmn:endEvent id="e"/><bpmn:endEvent id="bEnd"/>
            """ + Flow("f1", "s", "fork") + Flow("f2", "fork", "a") + Flow("f3", "fork", "b") + Flow("f4", "a", "join")
                + Flow("f5", "b", "bWay") + Flow("f6", "bWay", "join", "${toJoin}") + Flow("f7", "bWay", "bEnd", "${!toJoin}")
                + Flow("f8", "join", "after") + Flow("f9", "after", "e")));
        var instance = await engine.StartAsync("p", variables: new { toJoin = false });
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "a")).Id);
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "b")).Id);

        Assert.Empty(await OpenTaskIdsAsync(instance.Id));
        var detail = await engine.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStatus.Running, detail.Summary.Status);
        Assert.Equal("join", Assert.Single(detail.Activities).ElementId);
    }
}

public sealed class GatewayBehaviourTests_Sqlite() : GatewayBehaviourTests(TestDatabaseProvider.Sqlite);
public sealed class GatewayBehaviourTests_Postgres() : GatewayBehaviourTests(TestDatabaseProvider.Postgres);
