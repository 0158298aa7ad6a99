using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Services;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>Signal events (start, catch, throw, end, boundary) and link events with Camunda 7's semantics.</summary>
public abstract class SignalAndLinkTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    private const string Signals = """<bpmn:signal id="Sig_Closed" name="roadClosed"/><bpmn:signal id="Sig_Other" name="other"/>""";

    private static string Waiter(string key) => Process(key, """
        <bpmn:startEvent id="s"/>
        <bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="Sig_Closed"/></bpmn:intermediateCatchEvent>
        <bpmn:userTask id="reroute"/><bpmn:endEvent id="e"/>
        """ + Chain("f", "s", "wait", "reroute", "e"), Signals);

    [SkippableFact]
    public async Task ASignal_ReachesEveryInstanceWaitingNow_AndStartsProcessesThatStartWithIt_ButNotLaterWaiters()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Waiter("waiter"));
        await engine.DeployAsync(Process("starter", """
            <bpmn:startEvent id="s"><bpmn:signalEventDefinition signalRef="Sig_Closed"/></bpmn:startEvent><bpmn:userTask id="inspect"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "inspect", "e"), Signals));
        var first = await engine.StartAsync("waiter");
        var second = await engine.StartAsync("waiter");

        var result = await engine.Runtime.SignalAsync("roadClosed", EngineHarness.Vars(new { road = "G15" }));

        // Both ids sorted: two version-7 ids made in the same millisecond need not sort in the order they were made.
        Assert.Equal(new[] { first.Id, second.Id }.Order(), result.MovedInstanceIds.Order());
        var started = Assert.Single(result.StartedInstanceIds);
        await engine.SingleTaskAsync(first.Id, "reroute");
        await engine.SingleTaskAsync(second.Id, "reroute");
        await engine.SingleTaskAsync(started, "inspect");
        Assert.Equal("G15", (await engine.VariableAsync(first.Id, "road"))!.GetValue<string>());

        var late = await engine.StartAsync("waiter");
        Assert.Empty(await engine.OpenTasksAsync(late.Id));
        var other = await engine.Runtime.SignalAsync("other");
        Assert.Empty(other.MovedInstanceIds);
        Assert.Empty(await engine.OpenTasksAsync(late.Id));
    }

    [SkippableFact]
    public async Task ThrowAndEndEvents_BroadcastTheirSignal_ToOtherInstancesAndTheirOwnBoundaries()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Waiter("waiter"));
        await engine.DeployAsync(Process("guarded", """
            <bpmn:startEvent id="s"/><bpmn:userTask id="repair"/>
            <bpmn:boundaryEvent id="closed" attachedToRef="repair"><bpmn:signalEventDefinition signalRef="Sig_Closed"/></bpmn:boundaryEvent>
            <bpmn:userTask id="stopped"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
            """ + Chain("f", "s", "repair", "e") + Chain("c", "closed", "stopped", "e2"), Signals));
        await engine.DeployAsync(Process("thrower", """
            <bpmn:startEvent id="s"/>
            <bpmn:intermediateThrowEvent id="announce"><bpmn:signalEventDefinition signalRef="Sig_Other"/></bpmn:intermediateThrowEvent>
            <bpmn:endEvent id="close"><bpmn:signalEventDefinition signalRef="Sig_Closed"/></bpmn:endEvent>
            """ + Chain("f", "s", "announce", "close"), Signals));
        var waiter = await engine.StartAsync("waiter");
        var guarded = await engine.StartAsync("guarded");
        var thrower = await engine.StartAsync("thrower");

        Assert.Equal(InstanceStatus.Completed, (await engine.InstanceAsync(thrower.Id)).Summary.Status);
        await engine.SingleTaskAsync(waiter.Id, "reroute");
        await engine.SingleTaskAsync(guarded.Id, "stopped");
        Assert.DoesNotContain(await engine.OpenTasksAsync(guarded.Id), t => t.ElementId == "repair");
        Assert.Empty(await engine.RowsAsync<MessageSubscriptionRecord>());
    }

    [SkippableFact]
    public async Task ASignalThrownInTheSameStep_ReachesABranchThatWaitsAlready()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/>
            <bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="Sig_Closed"/></bpmn:intermediateCatchEvent>
            <bpmn:intermediateThrowEvent id="throw"><bpmn:signalEventDefinition signalRef="Sig_Closed"/></bpmn:intermediateThrowEvent>
            <bpmn:userTask id="heard"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
            """ + Flow("f1", "s", "fork") + Flow("f2", "fork", "wait") + Flow("f3", "fork", "throw") + Chain("w", "wait", "heard", "e") + Flow("t", "throw", "e2"), Signals));
        var instance = await engine.StartAsync("p");
        await engine.SingleTaskAsync(instance.Id, "heard");
    }

    [SkippableFact]
    public async Task ALinkThrow_JumpsToItsCatchInTheSameScope()
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
    }

    [SkippableFact]
    public async Task ALinkThrow_JumpsToTheCatchOfItsOwnName_AmongSeveral()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:intermediateThrowEvent id="goTo"><bpmn:linkEventDefinition name="page3"/></bpmn:intermediateThrowEvent>
            <bpmn:intermediateCatchEvent id="at2"><bpmn:linkEventDefinition name="page2"/></bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="at3"><bpmn:linkEventDefinition name="page3"/></bpmn:intermediateCatchEvent>
            <bpmn:userTask id="two"/><bpmn:userTask id="three"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
            """ + Chain("f", "s", "goTo") + Chain("g", "at2", "two", "e") + Chain("h", "at3", "three", "e2")));
        var instance = await engine.StartAsync("p");
        Assert.Equal("three", Assert.Single(await engine.OpenTasksAsync(instance.Id)).ElementId);
        var history = await engine.History.GetInstanceHistoryAsync(instance.Id);
        Assert.Contains(history, h => h.ElementId == "goTo" && h.Type == Runtime.HistoryTypes.Activity);
    }

    [SkippableFact]
    public async Task ALinkThrowWithoutItsCatch_IsADeployProblem()
    {
        var engine = await StartEngineAsync();
        var error = await Assert.ThrowsAsync<BpmnValidationException>(() => engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:intermediateThrowEvent id="goTo"><bpmn:linkEventDefinition name="nowhere"/></bpmn:intermediateThrowEvent>
            """ + Chain("f", "s", "goTo"))));
        Assert.Equal("goTo", Assert.Single(error.Problems).ElementId);
    }
}

public sealed class SignalAndLinkTests_Sqlite() : SignalAndLinkTests(TestDatabaseProvider.Sqlite);
public sealed class SignalAndLinkTests_Postgres() : SignalAndLinkTests(TestDatabaseProvider.Postgres);
