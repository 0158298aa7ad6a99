using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>Inclusive gateway with Camunda 7's semantics (BPMN 2.0 §13.3.5).</summary>
public abstract class InclusiveGatewayTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    /// <summary>fork → a (road) / b (light) / c (default) → join → after; a and b conditional.</summary>
    private static string ForkJoin(string? bExit = null) => Process("p", """
        <bpmn:startEvent id="s"/><bpmn:inclusiveGateway id="fork" default="toC"/>
        <bpmn:userTask id="a"/><bpmn:userTask id="b"/><bpmn:userTask id="c"/>
        <bpmn:inclusiveGateway id="join"/><bpmn:userTask id="after"/><bpmn:endEvent id="e"/><bpmn:endEvent id="bEnd"/>
        <bpmn:exclusiveGateway id="bWay"/>
        """ + Flow("f1", "s", "fork") + Flow("toA", "fork", "a", "${road}") + Flow("toB", "fork", "b", "${light}") + Flow("toC", "fork", "c")
        + Flow("fa", "a", "join") + Flow("fb", "b", "bWay") + Flow("bj", "bWay", "join", bExit ?? "${true}") + Flow("bx", "bWay", "bEnd", "${!(" + (bExit ?? "${true}")[2..^1] + ")}")
        + Flow("fc", "c", "join") + Flow("f9", "join", "after") + Flow("f10", "after", "e"));

    [SkippableFact]
    public async Task Fork_TakesEveryTrueCondition_AndTheJoinWaitsForBoth_ThenFiresOnce()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(ForkJoin());
        var instance = await engine.StartAsync("p", variables: new { road = true, light = true });
        var tasks = await engine.OpenTasksAsync(instance.Id);
        Assert.Equal(["a", "b"], tasks.Select(t => t.ElementId).Order());
        await engine.Tasks.CompleteAsync(tasks.Single(t => t.ElementId == "a").Id);
        Assert.DoesNotContain(await engine.OpenTasksAsync(instance.Id), t => t.ElementId == "after");
        await engine.Tasks.CompleteAsync(tasks.Single(t => t.ElementId == "b").Id);
        await engine.SingleTaskAsync(instance.Id, "after");
        Assert.Single(await engine.OpenTasksAsync(instance.Id));
    }

    [SkippableFact]
    public async Task Fork_TakesTheDefaultOnlyWhenNoConditionHolds()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(ForkJoin());
        var none = await engine.StartAsync("p", variables: new { road = false, light = false });
        Assert.Equal("c", Assert.Single(await engine.OpenTasksAsync(none.Id)).ElementId);
        var one = await engine.StartAsync("p", variables: new { road = false, light = true });
        Assert.Equal("b", Assert.Single(await engine.OpenTasksAsync(one.Id)).ElementId);
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(one.Id, "b")).Id);
        await engine.SingleTaskAsync(one.Id, "after");
    }

    [SkippableFact]
    public async Task Join_FiresWhenTheOtherTokenTakesAPathThatNoLongerLeadsToIt()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(ForkJoin(bExit: "${toJoin}"));
        var instance = await engine.StartAsync("p", variables: new { road = true, light = true, toJoin = false });
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "a")).Id);
        Assert.DoesNotContain(await engine.OpenTasksAsync(instance.Id), t => t.ElementId == "after");
        // b leaves towards its own end event: nothing else can reach the join, so it fires.
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "b")).Id);
        await engine.SingleTaskAsync(instance.Id, "after");
    }

    [SkippableFact]
    public async Task Fork_WithNoTrueConditionAndNoDefault_StopsWithAnIncident()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(ForkJoin().Replace(" default=\"toC\"", "", StringComparison.Ordinal)
            .Replace("""<bpmn:sequenceFlow id="toC" sourceRef="fork" targetRef="c" />""",
                """<bpmn:sequenceFlow id="toC" sourceRef="fork" targetRef="c"><bpmn:conditionExpression>${false}</bpmn:conditionExpression></bpmn:sequenceFlow>""", StringComparison.Ordinal));
        var instance = await engine.StartAsync("p", variables: new { road = false, light = false });
        Assert.Equal("fork", Assert.Single((await engine.Incidents.QueryAsync(instanceId: instance.Id)).Items).ElementId);
        Assert.Equal(InstanceStatus.Running, (await engine.InstanceAsync(instance.Id)).Summary.Status);
    }
}

public sealed class InclusiveGatewayTests_Sqlite() : InclusiveGatewayTests(TestDatabaseProvider.Sqlite);
public sealed class InclusiveGatewayTests_Postgres() : InclusiveGatewayTests(TestDatabaseProvider.Postgres);
