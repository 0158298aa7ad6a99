using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>Escalation throw and end events caught by boundary events on sub-processes and call activities (Camunda 7).</summary>
public abstract class EscalationTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    private const string Escalations = """<bpmn:escalation id="Esc_Late" escalationCode="LATE"/><bpmn:escalation id="Esc_Other" escalationCode="OTHER"/>""";

    private static string SubProcess(string inner, bool interrupting) => Process("p", $"""
        <bpmn:startEvent id="s"/>
        <bpmn:subProcess id="sub"><bpmn:startEvent id="ss"/>{inner}</bpmn:subProcess>
        <bpmn:boundaryEvent id="other" attachedToRef="sub"><bpmn:escalationEventDefinition escalationRef="Esc_Other"/></bpmn:boundaryEvent>
        <bpmn:boundaryEvent id="late" attachedToRef="sub" cancelActivity="{(interrupting ? "true" : "false")}"><bpmn:escalationEventDefinition escalationRef="Esc_Late"/></bpmn:boundaryEvent>
        <bpmn:userTask id="chase"/><bpmn:userTask id="wrong"/><bpmn:userTask id="after"/>
        <bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/><bpmn:endEvent id="e3"/>
        """ + Chain("f", "s", "sub", "after", "e") + Chain("l", "late", "chase", "e2") + Chain("o", "other", "wrong", "e3"), Escalations);

    [SkippableFact]
    public async Task AnEscalationEndEvent_IsCaughtByTheInterruptingBoundaryWithItsCode()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(SubProcess("""
            <bpmn:parallelGateway id="fork"/><bpmn:userTask id="work"/>
            <bpmn:endEvent id="raise"><bpmn:escalationEventDefinition escalationRef="Esc_Late"/></bpmn:endEvent>
            """ + Flow("sf1", "ss", "fork") + Flow("sf2", "fork", "work") + Flow("sf3", "fork", "raise"), interrupting: true));
        var instance = await engine.StartAsync("p");
        Assert.Equal(["chase"], (await engine.OpenTasksAsync(instance.Id)).Select(t => t.ElementId));
    }

    [SkippableFact]
    public async Task ANonInterruptingCatch_LetsTheThrowingTokenGoOn()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(SubProcess("""
            <bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="Esc_Late"/></bpmn:intermediateThrowEvent>
            <bpmn:userTask id="work"/><bpmn:endEvent id="se"/>
            """ + Chain("sf", "ss", "raise", "work", "se"), interrupting: false));
        var instance = await engine.StartAsync("p");
        Assert.Equal(["chase", "work"], (await engine.OpenTasksAsync(instance.Id)).Select(t => t.ElementId).Order());
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "work")).Id);
        await engine.SingleTaskAsync(instance.Id, "after");
    }

    [SkippableTheory]
    [InlineData("Esc_Late", "chase")]
    [InlineData("Esc_Other", "anyTask")]
    public async Task TheBoundaryNamingTheCode_WinsOverACatchAllListedBeforeIt(string thrown, string expectedTask)
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", $"""
            <bpmn:startEvent id="s"/>
            <bpmn:subProcess id="sub"><bpmn:startEvent id="ss"/>
              <bpmn:endEvent id="raise"><bpmn:escalationEventDefinition escalationRef="{thrown}"/></bpmn:endEvent>
              <bpmn:sequenceFlow id="sf" sourceRef="ss" targetRef="raise"/>
            </bpmn:subProcess>
            <bpmn:boundaryEvent id="any" attachedToRef="sub"><bpmn:escalationEventDefinition/></bpmn:boundaryEvent>
            <bpmn:boundaryEvent id="late" attachedToRef="sub"><bpmn:escalationEventDefinition escalationRef="Esc_Late"/></bpmn:boundaryEvent>
            <bpmn:userTask id="anyTask"/><bpmn:userTask id="chase"/><bpmn:userTask id="after"/>
            <bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/><bpmn:endEvent id="e3"/>
            """ + Chain("f", "s", "sub", "after", "e") + Chain("a", "any", "anyTask", "e2") + Chain("l", "late", "chase", "e3"), Escalations));
        var instance = await engine.StartAsync("p");
        Assert.Equal([expectedTask], (await engine.OpenTasksAsync(instance.Id)).Select(t => t.ElementId));
    }

    [SkippableFact]
    public async Task AnUncaughtEscalation_IsNotAnError()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="Esc_Late"/></bpmn:intermediateThrowEvent>
            <bpmn:endEvent id="e"><bpmn:escalationEventDefinition escalationRef="Esc_Other"/></bpmn:endEvent>
            """ + Chain("f", "s", "raise", "e"), Escalations));
        var instance = await engine.StartAsync("p");
        Assert.Equal(InstanceStatus.Completed, (await engine.InstanceAsync(instance.Id)).Summary.Status);
        Assert.Empty((await engine.Incidents.QueryAsync(instanceId: instance.Id)).Items);
    }

    [SkippableFact]
    public async Task AnEscalationInACalledProcess_IsCaughtOnTheCallActivity()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("child", """
            <bpmn:startEvent id="cs"/><bpmn:endEvent id="ce"><bpmn:escalationEventDefinition escalationRef="Esc_Late"/></bpmn:endEvent>
            """ + Chain("c", "cs", "ce"), Escalations));
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:callActivity id="call" calledElement="child"/>
            <bpmn:boundaryEvent id="late" attachedToRef="call"><bpmn:escalationEventDefinition/></bpmn:boundaryEvent>
            <bpmn:userTask id="chase"/><bpmn:userTask id="after"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
            """ + Chain("f", "s", "call", "after", "e") + Chain("l", "late", "chase", "e2"), Escalations));
        var instance = await engine.StartAsync("p");
        Assert.Equal(["chase"], (await engine.OpenTasksAsync(instance.Id)).Select(t => t.ElementId));
    }
}

public sealed class EscalationTests_Sqlite() : EscalationTests(TestDatabaseProvider.Sqlite);
public sealed class EscalationTests_Postgres() : EscalationTests(TestDatabaseProvider.Postgres);
