using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Runtime;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>
/// End, throw and catch events where a wrong implementation still passes the happy paths (found by mutation
/// testing): what happens to the throwing token, and what history shows.
/// </summary>
public abstract class EventBehaviourTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    private const string Escalations = """<bpmn:escalation id="Esc_Late" escalationCode="LATE"/>""";

    private async Task<string[]> OpenTaskIdsAsync(string instanceId) =>
        (await Engine.OpenTasksAsync(instanceId)).Select(t => t.ElementId).Order(StringComparer.Ordinal).ToArray();

    [SkippableFact]
    public async Task AnEscalationEndEvent_CaughtWithoutInterrupting_EndsItsTokenSoTheSubProcessCanComplete()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:subProcess id="sub"><bpmn:startEvent id="ss"/><bpmn:parallelGateway id="fork"/><bpmn:userTask id="work"/>
              <bpmn:endEvent id="raise"><bpmn:escalationEventDefinition escalationRef="Esc_Late"/></bpmn:endEvent><bpmn:endEvent id="se"/>
            """ + Flow("sf1", "ss", "fork") + Flow("sf2", "fork", "work") + Flow("sf3", "fork", "raise") + Flow("sf4", "work", "se") + """
            </bpmn:subProcess>
            <bpmn:boundaryEvent id="late" attachedToRef="sub" cancelActivity="false"><bpmn:escalationEventDefinition escalationRef="Esc_Late"/></bpmn:boundaryEvent>
            <bpmn:userTask id="chase"/><bpmn:userTask id="after"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
            """ + Chain("f", "s", "sub", "after", "e") + Chain("l", "late", "chase", "e2"), Escalations));
        var instance = await engine.StartAsync("p");
        Assert.Equal(["chase", "work"], await OpenTaskIdsAsync(instance.Id));
        Assert.DoesNotContain((await engine.InstanceAsync(instance.Id)).Activities, a => a.ElementId == "raise");

        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "work")).Id);
        Assert.Equal(["after", "chase"], await OpenTaskIdsAsync(instance.Id));
        var history = await engine.History.GetInstanceHistoryAsync(instance.Id);
        Assert.Equal([HistoryTypes.Activity, HistoryTypes.EscalationThrown], history.Where(h => h.ElementId == "raise").Select(h => h.Type));
    }

    [SkippableFact]
    public async Task AnInterruptingEscalationThrow_StopsTheThrowingToken()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:subProcess id="sub"><bpmn:startEvent id="ss"/>
              <bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="Esc_Late"/></bpmn:intermediateThrowEvent>
              <bpmn:userTask id="work"/><bpmn:endEvent id="se"/>
            """ + Chain("sf", "ss", "raise", "work", "se") + """
            </bpmn:subProcess>
            <bpmn:boundaryEvent id="late" attachedToRef="sub"><bpmn:escalationEventDefinition escalationRef="Esc_Late"/></bpmn:boundaryEvent>
            <bpmn:userTask id="chase"/><bpmn:userTask id="after"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
            """ + Chain("f", "s", "sub", "after", "e") + Chain("l", "late", "chase", "e2"), Escalations));
        var instance = await engine.StartAsync("p");
        Assert.Equal(["chase"], await OpenTaskIdsAsync(instance.Id));
        Assert.Equal(["chase"], (await engine.InstanceAsync(instance.Id)).Activities.Select(a => a.ElementId));
    }

    [SkippableFact]
    public async Task ALinkThrow_ClosesTheThrowInHistory_AndPassesTheCatch()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:intermediateThrowEvent id="goTo"><bpmn:linkEventDefinition name="page2"/></bpmn:intermediateThrowEvent>
            <bpmn:intermediateCatchEvent id="arrive"><bpmn:linkEventDefinition name="page2"/></bpmn:intermediateCatchEvent>
            <bpmn:userTask id="next"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "goTo") + Chain("g", "arrive", "next", "e")));
        var instance = await engine.StartAsync("p");
        await engine.SingleTaskAsync(instance.Id, "next");
        var history = await engine.History.GetInstanceHistoryAsync(instance.Id);
        // Each passed within the step: one closed "activity" row apiece, none left open.
        Assert.Equal([HistoryTypes.Activity], history.Where(h => h.ElementId == "goTo").Select(h => h.Type));
        Assert.Equal([HistoryTypes.Activity], history.Where(h => h.ElementId == "arrive").Select(h => h.Type));
    }

    [SkippableFact]
    public async Task ACompensationEndEvent_EndsItsTokenOnlyOnceItsHandlerIsDone()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:task id="book"/>
            <bpmn:boundaryEvent id="cb" attachedToRef="book"><bpmn:compensateEventDefinition/></bpmn:boundaryEvent>
            <bpmn:userTask id="unbook" isForCompensation="true"/>
            <bpmn:association id="a" associationDirection="One" sourceRef="cb" targetRef="unbook"/>
            <bpmn:endEvent id="undo"><bpmn:compensateEventDefinition/></bpmn:endEvent>
            """ + Chain("f", "s", "book", "undo")));
        var instance = await engine.StartAsync("p");
        var handler = await engine.SingleTaskAsync(instance.Id, "unbook");
        var detail = await engine.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStatus.Running, detail.Summary.Status);
        Assert.Contains(detail.Activities, a => a.ElementId == "undo");

        await engine.Tasks.CompleteAsync(handler.Id);
        Assert.Equal(InstanceStatus.Completed, (await engine.InstanceAsync(instance.Id)).Summary.Status);
    }

    [SkippableFact]
    public async Task ATerminateEndEvent_EndsTheWholeInstance_NotJustItsToken()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/><bpmn:userTask id="a"/>
            <bpmn:endEvent id="stop"><bpmn:terminateEventDefinition/></bpmn:endEvent><bpmn:endEvent id="e"/>
            """ + Flow("f1", "s", "fork") + Flow("f2", "fork", "a") + Flow("f3", "fork", "stop") + Flow("f4", "a", "e")));
        var instance = await engine.StartAsync("p");
        Assert.Equal(InstanceStatus.Completed, (await engine.InstanceAsync(instance.Id)).Summary.Status);
        Assert.Empty(await engine.OpenTasksAsync(instance.Id));
        var history = await engine.History.GetInstanceHistoryAsync(instance.Id);
        Assert.Equal([HistoryTypes.Activity], history.Where(h => h.ElementId == "stop").Select(h => h.Type));
    }
}

public sealed class EventBehaviourTests_Sqlite() : EventBehaviourTests(TestDatabaseProvider.Sqlite);
public sealed class EventBehaviourTests_Postgres() : EventBehaviourTests(TestDatabaseProvider.Postgres);
