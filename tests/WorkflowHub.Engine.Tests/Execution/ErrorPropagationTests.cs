using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Runtime;
using WorkflowHub.Engine.Services;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>Throws the BPMN error whose code is in the variable "code", with the message "why &lt;code&gt;".</summary>
public sealed class CodeThrowingHandler : IServiceTaskHandler
{
    public string Topic => "throw";

    public ValueTask ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        var code = context.GetVariable("code")!.GetValue<string>();
        throw new BpmnError(code, "why " + code);
    }
}

/// <summary>
/// Which error boundary catches a BPMN error (BPMN 2.0 §10.5.3, as Camunda 7 matches it): on each activity from the
/// thrower outwards, the boundary naming the thrown code wins over a catch-all; a boundary naming another code, or of
/// another kind, never catches; uncaught, the token ends as at a none end event.
/// </summary>
public abstract class ErrorPropagationTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    private const string Errors = """
        <bpmn:error id="errA" errorCode="A"/><bpmn:error id="errB" errorCode="B"/>
        """;

    protected override void Configure(IServiceCollection services) => services.AddSingleton<IServiceTaskHandler>(new CodeThrowingHandler());

    private static string Handled(string boundaryId, string taskId) =>
        $"""<bpmn:userTask id="{taskId}"/><bpmn:endEvent id="{taskId}End"/>""" + Flow(boundaryId + "ToTask", boundaryId, taskId) + Flow(taskId + "ToEnd", taskId, taskId + "End");

    /// <summary>svc carries a catch-all error boundary listed BEFORE the one for code A.</summary>
    private static string CatchAllFirst() => Process("p", """
        <bpmn:startEvent id="s"/><bpmn:serviceTask id="svc" camunda:topic="throw"/><bpmn:userTask id="normal"/><bpmn:endEvent id="e"/>
        <bpmn:boundaryEvent id="anyError" attachedToRef="svc"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>
        <bpmn:boundaryEvent id="onA" attachedToRef="svc"><bpmn:errorEventDefinition errorRef="errA"/></bpmn:boundaryEvent>
        """ + Chain("f", "s", "svc", "normal", "e") + Handled("anyError", "tAny") + Handled("onA", "tA"), Errors);

    [SkippableTheory]
    [InlineData("A", "tA")]
    [InlineData("Z", "tAny")]
    public async Task TheBoundaryNamingTheCode_WinsOverACatchAllListedBeforeIt(string code, string expectedTask)
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(CatchAllFirst());
        var instance = await engine.StartAsync("p", variables: new { code });
        Assert.Equal(expectedTask, Assert.Single(await engine.OpenTasksAsync(instance.Id)).ElementId);
    }

    /// <summary>
    /// svc has a timer boundary and the boundary for A; the sub-process around it has the boundary for B (which
    /// keeps code and message in variables). Neither the timer nor A's boundary may catch B.
    /// </summary>
    private static string Nested() => Process("p", """
        <bpmn:startEvent id="s"/>
        <bpmn:subProcess id="outer">
          <bpmn:startEvent id="os"/><bpmn:serviceTask id="svc" camunda:topic="throw"/><bpmn:endEvent id="oe"/>
          <bpmn:boundaryEvent id="onTimer" attachedToRef="svc"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
          <bpmn:boundaryEvent id="onA" attachedToRef="svc"><bpmn:errorEventDefinition errorRef="errA"/></bpmn:boundaryEvent>
          <bpmn:userTask id="tTimer"/><bpmn:userTask id="tA"/><bpmn:endEvent id="ie1"/><bpmn:endEvent id="ie2"/>
          <bpmn:sequenceFlow id="o1" sourceRef="os" targetRef="svc"/><bpmn:sequenceFlow id="o2" sourceRef="svc" targetRef="oe"/>
          <bpmn:sequenceFlow id="o3" sourceRef="onTimer" targetRef="tTimer"/><bpmn:sequenceFlow id="o4" sourceRef="tTimer" targetRef="ie1"/>
          <bpmn:sequenceFlow id="o5" sourceRef="onA" targetRef="tA"/><bpmn:sequenceFlow id="o6" sourceRef="tA" targetRef="ie2"/>
        </bpmn:subProcess>
        <bpmn:boundaryEvent id="onB" attachedToRef="outer"><bpmn:errorEventDefinition errorRef="errB" camunda:errorCodeVariable="caughtCode" camunda:errorMessageVariable="caughtMessage"/></bpmn:boundaryEvent>
        <bpmn:userTask id="afterOuter"/><bpmn:endEvent id="e"/>
        """ + Chain("f", "s", "outer", "afterOuter", "e") + Handled("onB", "tB"), Errors);

    [SkippableFact]
    public async Task AnErrorNoBoundaryOfTheThrowerNames_GoesToTheEnclosingSubProcess_WithCodeAndMessage()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Nested());
        var instance = await engine.StartAsync("p", variables: new { code = "B" });

        Assert.Equal("tB", Assert.Single(await engine.OpenTasksAsync(instance.Id)).ElementId);
        Assert.Equal("B", (await engine.VariableAsync(instance.Id, "caughtCode"))!.GetValue<string>());
        Assert.Equal("why B", (await engine.VariableAsync(instance.Id, "caughtMessage"))!.GetValue<string>());
        Assert.Empty(await engine.RowsAsync<JobRecord>());
        Assert.DoesNotContain((await engine.InstanceAsync(instance.Id)).Activities, a => a.ElementId is "outer" or "svc");
        var thrown = Assert.Single(await engine.History.GetInstanceHistoryAsync(instance.Id), h => h.Type == HistoryTypes.ErrorThrown);
        Assert.Equal(("svc", "B", "why B"), (thrown.ElementId, thrown.Data!["errorCode"]!.GetValue<string>(), thrown.Data["message"]!.GetValue<string>()));
    }

    [SkippableFact]
    public async Task AnErrorCaughtOnTheThrower_LeavesTheSubProcessRunning()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Nested());
        var instance = await engine.StartAsync("p", variables: new { code = "A" });

        Assert.Equal("tA", Assert.Single(await engine.OpenTasksAsync(instance.Id)).ElementId);
        Assert.Contains((await engine.InstanceAsync(instance.Id)).Activities, a => a.ElementId == "outer");
        Assert.False((await engine.InstanceAsync(instance.Id)).Variables.ContainsKey("caughtCode"));
        Assert.Empty(await engine.RowsAsync<JobRecord>());
    }

    [SkippableFact]
    public async Task AnErrorNobodyCatches_EndsTheTokenAsANoneEndEvent_Camunda7()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Nested());
        var instance = await engine.StartAsync("p", variables: new { code = "C" });

        // The throwing token ends; the sub-process, now empty, completes and the process goes on after it.
        Assert.Equal("afterOuter", Assert.Single(await engine.OpenTasksAsync(instance.Id)).ElementId);
        Assert.Empty(await engine.RowsAsync<JobRecord>());
    }

    [SkippableFact]
    public async Task AnErrorInAMultiInstanceActivity_IsCaughtOnceOnTheWholeActivity()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:serviceTask id="svc" camunda:topic="throw"><bpmn:multiInstanceLoopCharacteristics camunda:collection="${items}" camunda:elementVariable="item"/></bpmn:serviceTask>
            <bpmn:boundaryEvent id="onA" attachedToRef="svc"><bpmn:errorEventDefinition errorRef="errA"/></bpmn:boundaryEvent>
            <bpmn:userTask id="normal"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "svc", "normal", "e") + Handled("onA", "tA"), Errors));
        var instance = await engine.StartAsync("p", variables: new { code = "A", items = new[] { 1, 2, 3 } });

        Assert.Equal("tA", Assert.Single(await engine.OpenTasksAsync(instance.Id)).ElementId);
        var detail = await engine.InstanceAsync(instance.Id);
        Assert.Equal(["tA"], detail.Activities.Select(a => a.ElementId));
        Assert.Null(detail.Activities[0].ParentTokenId);
    }

    [SkippableFact]
    public async Task AnErrorThatEscapesTheCalledProcess_CancelsIt_AndIsCaughtByCodeOnTheCallActivity()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("child", """
            <bpmn:startEvent id="cs"/><bpmn:serviceTask id="svc" camunda:topic="throw"/><bpmn:endEvent id="ce"/>
            """ + Chain("c", "cs", "svc", "ce")));
        await engine.DeployAsync(Process("parent", """
            <bpmn:startEvent id="s"/>
            <bpmn:callActivity id="call" calledElement="child"><bpmn:extensionElements><camunda:in variables="all"/></bpmn:extensionElements></bpmn:callActivity>
            <bpmn:boundaryEvent id="onA" attachedToRef="call"><bpmn:errorEventDefinition errorRef="errA"/></bpmn:boundaryEvent>
            <bpmn:boundaryEvent id="onB" attachedToRef="call"><bpmn:errorEventDefinition errorRef="errB" camunda:errorMessageVariable="why"/></bpmn:boundaryEvent>
            <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "call", "after", "e") + Handled("onA", "tA") + Handled("onB", "tB"), Errors));

        var parent = await engine.StartAsync("parent", variables: new { code = "B" });

        Assert.Equal("tB", Assert.Single(await engine.OpenTasksAsync(parent.Id)).ElementId);
        Assert.Equal("why B", (await engine.VariableAsync(parent.Id, "why"))!.GetValue<string>());
        var child = Assert.Single((await engine.Runtime.QueryInstancesAsync(new InstanceQuery("child"))).Items);
        Assert.Equal(InstanceStatus.Cancelled, child.Status);
        var cancelled = Assert.Single(await engine.History.GetInstanceHistoryAsync(child.Id), h => h.Type == HistoryTypes.InstanceCancelled);
        Assert.Equal("error B passed to the calling instance", cancelled.Data!["reason"]!.GetValue<string>());
        Assert.Empty((await engine.InstanceAsync(child.Id)).Activities);
    }
}

public sealed class ErrorPropagationTests_Sqlite() : ErrorPropagationTests(TestDatabaseProvider.Sqlite);
public sealed class ErrorPropagationTests_Postgres() : ErrorPropagationTests(TestDatabaseProvider.Postgres);
