using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>Conditional catch and boundary events, evaluated when variables change (Camunda 7), with camunda:variableName.</summary>
public abstract class ConditionalEventTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    [SkippableFact]
    public async Task ACatchEvent_WaitsUntilAVariableChangeMakesItsConditionHold()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/><bpmn:userTask id="measure"/>
            <bpmn:intermediateCatchEvent id="flooded"><bpmn:conditionalEventDefinition><bpmn:condition>${level gt 3}</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:userTask id="evacuate"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
            """ + Flow("f1", "s", "fork") + Flow("f2", "fork", "measure") + Flow("f3", "fork", "flooded") + Flow("f4", "measure", "e")
                + Chain("w", "flooded", "evacuate", "e2")));
        var instance = await engine.StartAsync("p", variables: new { level = 1 });
        Assert.DoesNotContain(await engine.OpenTasksAsync(instance.Id), t => t.ElementId == "evacuate");
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "measure")).Id, EngineHarness.Vars(new { level = 5 }));
        await engine.SingleTaskAsync(instance.Id, "evacuate");
    }

    [SkippableFact]
    public async Task ACatchEventWhoseConditionAlreadyHolds_PassesAtOnce()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:intermediateCatchEvent id="ready"><bpmn:conditionalEventDefinition><bpmn:condition>${ok}</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:userTask id="next"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "ready", "next", "e")));
        var instance = await engine.StartAsync("p", variables: new { ok = true });
        await engine.SingleTaskAsync(instance.Id, "next");
    }

    [SkippableFact]
    public async Task ANonInterruptingBoundary_FiresOnChangesOfItsNamedVariableOnly()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/><bpmn:userTask id="fix"/><bpmn:userTask id="report"/>
            <bpmn:boundaryEvent id="urgent" attachedToRef="fix" cancelActivity="false">
              <bpmn:conditionalEventDefinition camunda:variableName="priority"><bpmn:condition>${priority ge 80}</bpmn:condition></bpmn:conditionalEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:userTask id="notifyLeader"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/><bpmn:endEvent id="e3"/>
            """ + Flow("f1", "s", "fork") + Flow("f2", "fork", "fix") + Flow("f3", "fork", "report") + Flow("f4", "fix", "e") + Flow("f5", "report", "e3")
                + Chain("u", "urgent", "notifyLeader", "e2")));
        var instance = await engine.StartAsync("p", variables: new { priority = 90, other = 0 });
        // Already true when the task started: fires once.
        Assert.Single(await engine.OpenTasksAsync(instance.Id), t => t.ElementId == "notifyLeader");
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "report")).Id, EngineHarness.Vars(new { other = 1 }));
        Assert.Single(await engine.OpenTasksAsync(instance.Id), t => t.ElementId == "notifyLeader");
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "notifyLeader")).Id, EngineHarness.Vars(new { priority = 95 }));
        Assert.Single(await engine.OpenTasksAsync(instance.Id), t => t.ElementId == "notifyLeader");
        await engine.SingleTaskAsync(instance.Id, "fix");
    }

    [SkippableFact]
    public async Task AnInterruptingBoundary_CancelsItsActivityWhenTheConditionComesTrue()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/><bpmn:userTask id="fix"/><bpmn:userTask id="withdraw"/>
            <bpmn:boundaryEvent id="cancelled" attachedToRef="fix"><bpmn:conditionalEventDefinition><bpmn:condition>${withdrawn}</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:boundaryEvent>
            <bpmn:userTask id="close"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/><bpmn:endEvent id="e3"/>
            """ + Flow("f1", "s", "fork") + Flow("f2", "fork", "fix") + Flow("f3", "fork", "withdraw") + Flow("f4", "fix", "e") + Flow("f5", "withdraw", "e3")
                + Chain("c", "cancelled", "close", "e2")));
        var instance = await engine.StartAsync("p", variables: new { withdrawn = false });
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "withdraw")).Id, EngineHarness.Vars(new { withdrawn = true }));
        Assert.Equal(["close"], (await engine.OpenTasksAsync(instance.Id)).Select(t => t.ElementId));
    }
}

public sealed class ConditionalEventTests_Sqlite() : ConditionalEventTests(TestDatabaseProvider.Sqlite);
public sealed class ConditionalEventTests_Postgres() : ConditionalEventTests(TestDatabaseProvider.Postgres);
