using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>
/// Compensation as Camunda 7 runs it: boundary events with isForCompensation handlers, throw and end events for one
/// activity or all (latest completed first), sub-processes compensated through their content or their compensation
/// event sub-process, and the throwing token waiting for the handlers.
/// </summary>
public abstract class CompensationTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    /// <summary>Plain task <paramref name="id"/> with a compensation boundary whose script handler appends <paramref name="mark"/> to "undone".</summary>
    private static string Compensable(string id, string mark) => $"""
        <bpmn:task id="{id}"/>
        <bpmn:boundaryEvent id="{id}_comp" attachedToRef="{id}"><bpmn:compensateEventDefinition/></bpmn:boundaryEvent>
        <bpmn:scriptTask id="{id}_undo" isForCompensation="true" scriptFormat="javascript">
          <bpmn:script>execution.setVariable('undone', (typeof undone === 'undefined' ? '' : undone) + '{mark},')</bpmn:script>
        </bpmn:scriptTask>
        <bpmn:association id="{id}_assoc" associationDirection="One" sourceRef="{id}_comp" targetRef="{id}_undo"/>
        """;

    private static string Throw(string id, string? activityRef = null, bool end = false) =>
        $"""<bpmn:{(end ? "endEvent" : "intermediateThrowEvent")} id="{id}"><bpmn:compensateEventDefinition{(activityRef is null ? "" : $" activityRef=\"{activityRef}\"")}/></bpmn:{(end ? "endEvent" : "intermediateThrowEvent")}>""";

    private static async Task<string?> UndoneAsync(EngineHarness engine, string instanceId) =>
        (await engine.VariableAsync(instanceId, "undone"))?.GetValue<string>();

    [SkippableFact]
    public async Task AThrowWithoutActivityRef_CompensatesEveryCompletedActivity_LatestFirst()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", "<bpmn:startEvent id=\"s\"/>" + Compensable("hotel", "hotel") + Compensable("flight", "flight")
            + Throw("undo") + "<bpmn:userTask id=\"after\"/><bpmn:endEvent id=\"e\"/>" + Chain("f", "s", "hotel", "flight", "undo", "after", "e")));
        var instance = await engine.StartAsync("p");

        Assert.Equal("flight,hotel,", await UndoneAsync(engine, instance.Id));
        await engine.SingleTaskAsync(instance.Id, "after");
    }

    [SkippableFact]
    public async Task AThrowWithActivityRef_CompensatesOnlyThatActivity_AndOnlyOnce()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", "<bpmn:startEvent id=\"s\"/>" + Compensable("hotel", "hotel") + Compensable("flight", "flight")
            + Throw("undoHotel", "hotel") + Throw("undoAll") + "<bpmn:userTask id=\"after\"/><bpmn:endEvent id=\"e\"/>"
            + Chain("f", "s", "hotel", "flight", "undoHotel", "undoAll", "after", "e")));
        var instance = await engine.StartAsync("p");

        Assert.Equal("hotel,flight,", await UndoneAsync(engine, instance.Id));
    }

    [SkippableFact]
    public async Task TheThrowingTokenWaits_UntilUserTaskHandlersAreDone()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:task id="book"/>
            <bpmn:boundaryEvent id="book_comp" attachedToRef="book"><bpmn:compensateEventDefinition/></bpmn:boundaryEvent>
            <bpmn:userTask id="cancelBooking" isForCompensation="true"/>
            <bpmn:association id="a1" sourceRef="book_comp" targetRef="cancelBooking"/>
            """ + Throw("undo") + "<bpmn:userTask id=\"after\"/><bpmn:endEvent id=\"e\"/>" + Chain("f", "s", "book", "undo", "after", "e")));
        var instance = await engine.StartAsync("p");
        Assert.Equal(["cancelBooking"], (await engine.OpenTasksAsync(instance.Id)).Select(t => t.ElementId));

        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "cancelBooking")).Id);
        Assert.Equal(["after"], (await engine.OpenTasksAsync(instance.Id)).Select(t => t.ElementId));
    }

    [SkippableFact]
    public async Task AnActivityThatHasNotCompleted_IsNotCompensated()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/><bpmn:userTask id="book"/>
            <bpmn:boundaryEvent id="book_comp" attachedToRef="book"><bpmn:compensateEventDefinition/></bpmn:boundaryEvent>
            <bpmn:userTask id="cancelBooking" isForCompensation="true"/>
            <bpmn:association id="a1" sourceRef="book_comp" targetRef="cancelBooking"/>
            <bpmn:userTask id="after"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
            """ + Throw("undo") + Flow("f1", "s", "fork") + Flow("f2", "fork", "book") + Flow("f3", "book", "e2")
            + Chain("g", "fork", "undo", "after", "e")));
        var instance = await engine.StartAsync("p");

        Assert.Equal(["after", "book"], (await engine.OpenTasksAsync(instance.Id)).Select(t => t.ElementId).Order());
    }

    [SkippableFact]
    public async Task AnErrorEventSubProcess_CanCompensateTheProcess_WithACompensationEndEvent()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", "<bpmn:startEvent id=\"s\"/>" + Compensable("hotel", "hotel") + Compensable("flight", "flight") + """
            <bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="Err"/></bpmn:endEvent>
            <bpmn:subProcess id="onError" triggeredByEvent="true">
              <bpmn:startEvent id="es"><bpmn:errorEventDefinition errorRef="Err"/></bpmn:startEvent>
            """ + Throw("undoAll", end: true) + Flow("ef", "es", "undoAll") + """
            </bpmn:subProcess>
            """ + Chain("f", "s", "hotel", "flight", "fail"), """<bpmn:error id="Err" errorCode="PAYMENT_FAILED"/>"""));
        var instance = await engine.StartAsync("p");

        Assert.Equal("flight,hotel,", await UndoneAsync(engine, instance.Id));
        Assert.Equal(InstanceStatus.Completed, (await engine.InstanceAsync(instance.Id)).Summary.Status);
    }

    [SkippableFact]
    public async Task ASubProcessWithoutAHandler_IsCompensatedThroughWhatCompletedInsideIt()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:subProcess id="trip"><bpmn:startEvent id="ts"/>
            """ + Compensable("hotel", "hotel") + Compensable("flight", "flight") + "<bpmn:endEvent id=\"te\"/>" + Chain("t", "ts", "hotel", "flight", "te") + """
            </bpmn:subProcess>
            """ + Throw("undo") + "<bpmn:userTask id=\"after\"/><bpmn:endEvent id=\"e\"/>" + Chain("f", "s", "trip", "undo", "after", "e")));
        var instance = await engine.StartAsync("p");

        Assert.Equal("flight,hotel,", await UndoneAsync(engine, instance.Id));
        await engine.SingleTaskAsync(instance.Id, "after");
    }

    [SkippableFact]
    public async Task ACompensationEventSubProcess_RunsWhenItsSubProcessIsCompensated_AndCanCompensateItsContent()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:subProcess id="trip"><bpmn:startEvent id="ts"/>
            """ + Compensable("hotel", "hotel") + "<bpmn:endEvent id=\"te\"/>" + Chain("t", "ts", "hotel", "te") + """
              <bpmn:subProcess id="onCompensate" triggeredByEvent="true">
                <bpmn:startEvent id="cs"><bpmn:compensateEventDefinition/></bpmn:startEvent>
                <bpmn:scriptTask id="note" scriptFormat="javascript">
                  <bpmn:script>execution.setVariable('undone', (typeof undone === 'undefined' ? '' : undone) + 'trip,')</bpmn:script>
                </bpmn:scriptTask>
            """ + Throw("undoInner") + "<bpmn:endEvent id=\"ce\"/>" + Chain("c", "cs", "note", "undoInner", "ce") + """
              </bpmn:subProcess>
            </bpmn:subProcess>
            """ + Throw("undo") + "<bpmn:userTask id=\"after\"/><bpmn:endEvent id=\"e\"/>" + Chain("f", "s", "trip", "undo", "after", "e")));
        var instance = await engine.StartAsync("p");

        Assert.Equal("trip,hotel,", await UndoneAsync(engine, instance.Id));
        await engine.SingleTaskAsync(instance.Id, "after");
    }
}

public sealed class CompensationTests_Sqlite() : CompensationTests(TestDatabaseProvider.Sqlite);
public sealed class CompensationTests_Postgres() : CompensationTests(TestDatabaseProvider.Postgres);
