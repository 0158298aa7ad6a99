using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Runtime;
using WorkflowHub.Engine.Services;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>
/// Rows a step both creates and removes are never written, and only those: a task's candidates, a boundary
/// subscription; and a signal reaches exactly the waits for it, with the history saying which signal came.
/// </summary>
public abstract class SameStepEffectTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    private const string Signals = """
        <bpmn:signal id="Sig_Closed" name="roadClosed"/><bpmn:signal id="Sig_Other" name="other"/><bpmn:message id="Msg_Closed" name="roadClosed"/>
        """;

    [SkippableFact]
    public async Task ATaskCancelledInTheStepThatCreatedIt_LeavesNoCandidatesOrSubscription_AndTheOtherTaskKeepsItsOwn()
    {
        var engine = await StartEngineAsync();
        // keep and review are created, then the signal thrown in the third branch interrupts review at its boundary.
        await engine.DeployAsync(Process("same", """
            <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/>
            <bpmn:userTask id="keep" camunda:candidateUsers="zhao"/>
            <bpmn:boundaryEvent id="recall" attachedToRef="keep"><bpmn:messageEventDefinition messageRef="Msg_Recall"/></bpmn:boundaryEvent>
            <bpmn:userTask id="review" camunda:candidateUsers="li"/>
            <bpmn:boundaryEvent id="closed" attachedToRef="review"><bpmn:signalEventDefinition signalRef="Sig_Closed"/></bpmn:boundaryEvent>
            <bpmn:intermediateThrowEvent id="announce"><bpmn:signalEventDefinition signalRef="Sig_Closed"/></bpmn:intermediateThrowEvent>
            <bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/><bpmn:endEvent id="e3"/><bpmn:endEvent id="e4"/><bpmn:endEvent id="e5"/>
            """ + Chain("f", "s", "fork", "keep", "e1") + Chain("g", "fork", "review", "e2") + Chain("h", "fork", "announce", "e3")
            + Flow("r1", "recall", "e4") + Flow("c1", "closed", "e5"),
            Signals + """<bpmn:message id="Msg_Recall" name="recall"/>"""));

        var instance = await engine.StartAsync("same");

        var keep = Assert.Single(await engine.OpenTasksAsync(instance.Id));
        Assert.Equal("keep", keep.ElementId);
        var candidate = Assert.Single(await engine.RowsAsync<TaskCandidateRecord>());
        Assert.Equal((keep.Id, "zhao"), (candidate.TaskId, candidate.Value));
        var subscription = Assert.Single(await engine.RowsAsync<MessageSubscriptionRecord>());
        Assert.Equal(("recall", "recall"), (subscription.ElementId, subscription.MessageName));
        Assert.Contains(await engine.History.GetInstanceHistoryAsync(instance.Id), h => h.Type == HistoryTypes.ActivityCancelled && h.ElementId == "review");
    }

    [SkippableFact]
    public async Task ASignalThrownInAStep_WakesOnlyThatSignalsNewWaits_AndHistoryNamesTheSignal()
    {
        var engine = await StartEngineAsync();
        // Three waits begin in the step that throws: one for this signal, one for another signal, one for a
        // message of the same name.
        await engine.DeployAsync(Process("own", """
            <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/>
            <bpmn:intermediateCatchEvent id="mine"><bpmn:signalEventDefinition signalRef="Sig_Closed"/></bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="another"><bpmn:signalEventDefinition signalRef="Sig_Other"/></bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="message"><bpmn:messageEventDefinition messageRef="Msg_Closed"/></bpmn:intermediateCatchEvent>
            <bpmn:intermediateThrowEvent id="announce"><bpmn:signalEventDefinition signalRef="Sig_Closed"/></bpmn:intermediateThrowEvent>
            <bpmn:userTask id="afterMine"/><bpmn:userTask id="afterAnother"/><bpmn:userTask id="afterMessage"/>
            <bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/><bpmn:endEvent id="e3"/><bpmn:endEvent id="e4"/>
            """ + Chain("f", "s", "fork", "mine", "afterMine", "e1") + Chain("g", "fork", "another", "afterAnother", "e2")
            + Chain("m", "fork", "message", "afterMessage", "e3") + Chain("h", "fork", "announce", "e4"), Signals));

        var instance = await engine.StartAsync("own");

        Assert.Equal("afterMine", Assert.Single(await engine.OpenTasksAsync(instance.Id)).ElementId);
        Assert.Equal(["another", "message"], (await engine.RowsAsync<MessageSubscriptionRecord>()).Select(s => s.ElementId).Order());
        var received = Assert.Single(await engine.History.GetInstanceHistoryAsync(instance.Id), h => h.Type == HistoryTypes.SignalReceived);
        Assert.Equal("mine", received.ElementId);
        Assert.Equal("roadClosed", received.Data!["signalName"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task ASignalCaughtByTwoInterruptingBoundaries_FiresTheFirst_AndTheSecondFindsItsActivityGone()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("twin", """
            <bpmn:startEvent id="s"/><bpmn:userTask id="repair"/>
            <bpmn:boundaryEvent id="b1" attachedToRef="repair"><bpmn:signalEventDefinition signalRef="Sig_Closed"/></bpmn:boundaryEvent>
            <bpmn:boundaryEvent id="b2" attachedToRef="repair"><bpmn:signalEventDefinition signalRef="Sig_Closed"/></bpmn:boundaryEvent>
            <bpmn:userTask id="after1"/><bpmn:userTask id="after2"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>
            """ + Chain("f", "s", "repair", "e") + Chain("g", "b1", "after1", "e1") + Chain("h", "b2", "after2", "e2"), Signals));
        var instance = await engine.StartAsync("twin");
        Assert.Equal(2, (await engine.RowsAsync<MessageSubscriptionRecord>()).Count);

        var result = await engine.Runtime.SignalAsync("roadClosed");

        Assert.Equal([instance.Id], result.MovedInstanceIds);
        var after = Assert.Single(await engine.OpenTasksAsync(instance.Id)).ElementId;
        Assert.Contains(after, new[] { "after1", "after2" });
        Assert.Empty(await engine.RowsAsync<MessageSubscriptionRecord>());
        Assert.Single(await engine.History.GetInstanceHistoryAsync(instance.Id), h => h.Type == HistoryTypes.SignalReceived);
    }
}

public sealed class SameStepEffectTests_Sqlite() : SameStepEffectTests(TestDatabaseProvider.Sqlite);
public sealed class SameStepEffectTests_Postgres() : SameStepEffectTests(TestDatabaseProvider.Postgres);
