using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Services;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Engine.Tests.Execution.EventSubProcessTests;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>
/// Event sub-processes started by thrown errors and escalations (Camunda 7): the innermost scope's event sub-process catches
/// before the boundary events of that scope's activity; error starts interrupt, escalation starts may not.
/// </summary>
public abstract class EventSubProcessErrorTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    protected override void Configure(IServiceCollection services) => services.AddSingleton<IServiceTaskHandler>(new RecordingHandler());

    private static async Task<string[]> OpenAsync(EngineHarness engine, string instanceId) =>
        (await engine.OpenTasksAsync(instanceId)).Select(t => t.ElementId).Order().ToArray();

    /// <summary>A sub-process that forks into user task "inner" and <paramref name="thrower"/> (id "raise"), with the given event sub-processes.</summary>
    private static string SubProcessThrowing(string thrower, string eventSubs, string boundary = "") => Process("p", """
        <bpmn:startEvent id="s"/>
        <bpmn:subProcess id="sub">
          <bpmn:startEvent id="ss"/><bpmn:parallelGateway id="fork"/><bpmn:userTask id="inner"/><bpmn:endEvent id="se"/>
        """ + thrower + Flow("sf1", "ss", "fork") + Flow("sf2", "fork", "inner") + Flow("sf3", "inner", "se") + Flow("sf4", "fork", "raise")
        + eventSubs + """
        </bpmn:subProcess>
        <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
        """ + Chain("f", "s", "sub", "after", "e") + boundary, Definitions);

    [SkippableFact]
    public async Task AnErrorEventSubProcessInTheSubProcess_CatchesBeforeTheSubProcessBoundary()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(SubProcessThrowing(
            """<bpmn:endEvent id="raise"><bpmn:errorEventDefinition errorRef="Err_Broken"/></bpmn:endEvent>""",
            EventSub("onError", """<bpmn:errorEventDefinition errorRef="Err_Broken" camunda:errorCodeVariable="code"/>""", interrupting: true, "repair"),
            boundary: """
                <bpmn:boundaryEvent id="caught" attachedToRef="sub"><bpmn:errorEventDefinition errorRef="Err_Broken"/></bpmn:boundaryEvent>
                <bpmn:userTask id="viaBoundary"/><bpmn:endEvent id="be"/>
                """ + Chain("b", "caught", "viaBoundary", "be")));
        var instance = await engine.StartAsync("p");
        Assert.Equal(["repair"], await OpenAsync(engine, instance.Id));
        Assert.Equal("BROKEN", (await engine.VariableAsync(instance.Id, "code"))!.GetValue<string>());

        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "repair")).Id);
        Assert.Equal(["after"], await OpenAsync(engine, instance.Id));
    }

    [SkippableFact]
    public async Task AHandlersBpmnError_IsCaughtByAProcessLevelErrorEventSubProcess_ThatCatchesAnyCode()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/><bpmn:userTask id="work"/>
            <bpmn:serviceTask id="svc" camunda:topic="record"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
            """ + Flow("f1", "s", "fork") + Flow("f2", "fork", "work") + Flow("f3", "work", "e") + Flow("f4", "fork", "svc") + Flow("f5", "svc", "e2")
            + EventSub("other", """<bpmn:errorEventDefinition errorRef="Err_Broken"/>""", interrupting: true, "wrong")
            + EventSub("any", """<bpmn:errorEventDefinition camunda:errorMessageVariable="why"/>""", interrupting: true, "investigate"), Definitions));
        var instance = await engine.StartAsync("p", variables: new { mode = "bpmnError" });
        Assert.Equal(["investigate"], await OpenAsync(engine, instance.Id));
        Assert.Equal("no such problem", (await engine.VariableAsync(instance.Id, "why"))!.GetValue<string>());
        Assert.Empty((await engine.Incidents.QueryAsync(instanceId: instance.Id)).Items);
    }

    [SkippableFact]
    public async Task ANonInterruptingEscalationEventSubProcess_RunsBesideTheThrower_WhichGoesOn()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(SubProcessThrowing(
            """
            <bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="Esc_Late"/></bpmn:intermediateThrowEvent>
            <bpmn:userTask id="goOn"/><bpmn:endEvent id="ge"/>
            """ + Chain("g", "raise", "goOn", "ge"),
            EventSub("onLate", """<bpmn:escalationEventDefinition escalationRef="Esc_Late"/>""", interrupting: false, "notify")));
        var instance = await engine.StartAsync("p");
        Assert.Equal(["goOn", "inner", "notify"], await OpenAsync(engine, instance.Id));

        foreach (var task in await engine.OpenTasksAsync(instance.Id))
        {
            await engine.Tasks.CompleteAsync(task.Id);
        }
        Assert.Equal(["after"], await OpenAsync(engine, instance.Id));
    }

    [SkippableFact]
    public async Task AnInterruptingEscalationEventSubProcessOfTheProcess_CatchesAnEscalationEndEventInASubProcess()
    {
        var engine = await StartEngineAsync();
        var xml = SubProcessThrowing(
            """<bpmn:endEvent id="raise"><bpmn:escalationEventDefinition escalationRef="Esc_Late"/></bpmn:endEvent>""", eventSubs: "")
            .Replace("</bpmn:process>", EventSub("onLate", """<bpmn:escalationEventDefinition escalationRef="Esc_Late"/>""", interrupting: true, "takeOver") + "</bpmn:process>");
        await engine.DeployAsync(xml);
        var instance = await engine.StartAsync("p");
        Assert.Equal(["takeOver"], await OpenAsync(engine, instance.Id));

        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "takeOver")).Id);
        Assert.Equal(InstanceStatus.Completed, (await engine.InstanceAsync(instance.Id)).Summary.Status);
    }
}

public sealed class EventSubProcessErrorTests_Sqlite() : EventSubProcessErrorTests(TestDatabaseProvider.Sqlite);
public sealed class EventSubProcessErrorTests_Postgres() : EventSubProcessErrorTests(TestDatabaseProvider.Postgres);
