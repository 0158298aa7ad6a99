using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Runtime;
using WorkflowHub.Engine.Services;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>
/// What the end of a called instance (调用活动的子流程) does to its caller: only a completed child moves the call activity on;
/// a cancelled one leaves the caller waiting; an error neither of them catches ends the call activity's token like a none
/// end event (Camunda 7), so the caller can still complete.
/// </summary>
public abstract class CalledInstanceOutcomeTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    protected override void Configure(IServiceCollection services) => services.AddSingleton<IServiceTaskHandler>(new CodeThrowingHandler());

    private const string Parent = """
        <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/>
        <bpmn:callActivity id="call" calledElement="child"><bpmn:extensionElements><camunda:in variables="all"/></bpmn:extensionElements></bpmn:callActivity>
        <bpmn:userTask id="after"/><bpmn:userTask id="review"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
        """;

    private static string ParentProcess() => Process("parent", Parent
        + Flow("f1", "s", "fork") + Flow("f2", "fork", "call") + Chain("f3", "call", "after", "e") + Flow("f4", "fork", "review") + Flow("f5", "review", "e2"));

    [SkippableFact]
    public async Task CancellingTheCalledInstance_DoesNotMoveTheCallerOn()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("child", """<bpmn:startEvent id="cs"/><bpmn:userTask id="inspect"/><bpmn:endEvent id="ce"/>""" + Chain("c", "cs", "inspect", "ce")));
        await engine.DeployAsync(ParentProcess());
        var parent = await engine.StartAsync("parent");
        var child = Assert.Single((await engine.Runtime.QueryInstancesAsync(new InstanceQuery("child"))).Items);

        await engine.Runtime.CancelAsync(child.Id, "tester", "opened by mistake");

        Assert.Equal(["review"], (await engine.OpenTasksAsync(parent.Id)).Select(t => t.ElementId));
        var detail = await engine.InstanceAsync(parent.Id);
        Assert.Equal(InstanceStatus.Running, detail.Summary.Status);
        Assert.Contains(detail.Activities, a => a.ElementId == "call");
    }

    [SkippableFact]
    public async Task InAll_FromInsideASubProcess_PassesEveryVisibleVariable_TheNearestScopeWinning()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("child", """<bpmn:startEvent id="cs"/><bpmn:userTask id="inspect"/><bpmn:endEvent id="ce"/>""" + Chain("c", "cs", "inspect", "ce")));
        await engine.DeployAsync(Process("parent", """
            <bpmn:startEvent id="s"/>
            <bpmn:subProcess id="area">
              <bpmn:extensionElements><camunda:inputOutput>
                <camunda:inputParameter name="level">street</camunda:inputParameter><camunda:inputParameter name="grid">G-7</camunda:inputParameter>
              </camunda:inputOutput></bpmn:extensionElements>
              <bpmn:startEvent id="as"/>
              <bpmn:callActivity id="call" calledElement="child"><bpmn:extensionElements><camunda:in variables="all"/>
                <camunda:inputOutput><camunda:inputParameter name="level">desk</camunda:inputParameter></camunda:inputOutput>
              </bpmn:extensionElements></bpmn:callActivity>
              <bpmn:endEvent id="ae"/>
              <bpmn:sequenceFlow id="a1" sourceRef="as" targetRef="call"/><bpmn:sequenceFlow id="a2" sourceRef="call" targetRef="ae"/>
            </bpmn:subProcess>
            <bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "area", "e")));
        await engine.StartAsync("parent", variables: new { level = "city", caseNo = "2026-001" });

        var child = Assert.Single((await engine.Runtime.QueryInstancesAsync(new InstanceQuery("child"))).Items);
        var variables = (await engine.InstanceAsync(child.Id)).Variables;
        Assert.Equal(["caseNo", "grid", "level"], variables.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("desk", variables["level"]!.GetValue<string>());
        Assert.Equal("G-7", variables["grid"]!.GetValue<string>());
        Assert.Equal("2026-001", variables["caseNo"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task AnErrorNeitherInstanceCatches_CancelsTheChild_AndEndsOnlyTheCallersCallToken()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("child", """
            <bpmn:startEvent id="cs"/><bpmn:serviceTask id="svc" camunda:topic="throw"/><bpmn:endEvent id="ce"/>
            """ + Chain("c", "cs", "svc", "ce")));
        await engine.DeployAsync(ParentProcess());
        var parent = await engine.StartAsync("parent", variables: new { code = "NOBODY" });

        var child = Assert.Single((await engine.Runtime.QueryInstancesAsync(new InstanceQuery("child"))).Items);
        Assert.Equal(InstanceStatus.Cancelled, child.Status);
        var detail = await engine.InstanceAsync(parent.Id);
        Assert.Equal(["review"], detail.Activities.Select(a => a.ElementId));
        Assert.Contains(await engine.History.GetInstanceHistoryAsync(parent.Id),
            h => h.Type == HistoryTypes.ErrorThrown && h.ElementId == "call" && h.Data!["errorCode"]!.GetValue<string>() == "NOBODY");

        // The call activity's token ended there and then: the caller completes once its other branch does.
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(parent.Id, "review")).Id);
        Assert.Equal(InstanceStatus.Completed, (await engine.InstanceAsync(parent.Id)).Summary.Status);
    }
}

public sealed class CalledInstanceOutcomeTests_Sqlite() : CalledInstanceOutcomeTests(TestDatabaseProvider.Sqlite);
public sealed class CalledInstanceOutcomeTests_Postgres() : CalledInstanceOutcomeTests(TestDatabaseProvider.Postgres);
