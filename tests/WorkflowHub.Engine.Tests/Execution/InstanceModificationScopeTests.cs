using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Runtime;
using WorkflowHub.Engine.Services;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>
/// Instance modification's refusals (each names its instruction's field and says what to do instead) and the
/// sub-process instance a new token goes into: the running one, the named ancestor's, or a new one.
/// </summary>
public abstract class InstanceModificationScopeTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    private static IInstanceModificationService Modifier(EngineHarness engine) => engine.Services.GetRequiredService<IInstanceModificationService>();

    private static ModificationInstruction Before(string activityId, string? ancestor = null) =>
        new(ModificationKind.StartBeforeActivity, activityId, AncestorActivityInstanceId: ancestor);

    private static ModificationInstruction After(string activityId) => new(ModificationKind.StartAfterActivity, activityId);

    private async Task<WorkflowArgumentException> RefusedAsync(EngineHarness engine, string instanceId, params ModificationInstruction[] instructions)
    {
        var before = await engine.History.GetInstanceHistoryAsync(instanceId);
        var error = await Assert.ThrowsAsync<WorkflowArgumentException>(() => Modifier(engine).ModifyAsync(instanceId, new(instructions), "admin"));
        Assert.Equal(before.Count, (await engine.History.GetInstanceHistoryAsync(instanceId)).Count);
        return error;
    }

    [SkippableFact]
    public async Task BoundaryEvents_EndEvents_AndEventBasedGateways_AreRefused_WithWhatToDoInstead()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("refusals", """
            <bpmn:startEvent id="s"/><bpmn:userTask id="fix"/>
            <bpmn:boundaryEvent id="late" attachedToRef="fix"><bpmn:timerEventDefinition><bpmn:timeDuration>PT4H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:eventBasedGateway id="choose"/>
            <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/><bpmn:endEvent id="e3"/>
            """ + Chain("f", "s", "fix", "choose", "wait", "e") + Flow("g1", "late", "e2") + Flow("g2", "wait", "e3")));
        var instance = await engine.StartAsync("refusals");

        var boundary = await RefusedAsync(engine, instance.Id, Before("fix"), Before("late"));
        Assert.Equal("instructions[1].activityId", boundary.Field);
        Assert.Equal("'late' is a boundary event: start before its activity 'fix' instead.", boundary.Message);

        var end = await RefusedAsync(engine, instance.Id, After("e"));
        Assert.Equal("instructions[0].activityId", end.Field);
        Assert.Equal("'e' has no outgoing sequence flow to start after.", end.Message);

        var gateway = await RefusedAsync(engine, instance.Id, After("choose"));
        Assert.Equal("instructions[0].activityId", gateway.Field);
        Assert.Equal("'choose' is an event-based gateway: start before it (or before one of its events) instead.", gateway.Message);

        Assert.Equal("fix", Assert.Single(await engine.OpenTasksAsync(instance.Id)).ElementId);
    }

    [SkippableFact]
    public async Task AMultiInstanceSubProcessThatDoesNotRun_IsNotEnteredFromInside()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("mi", """
            <bpmn:startEvent id="s"/><bpmn:userTask id="register"/>
            <bpmn:subProcess id="each">
              <bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>2</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
              <bpmn:startEvent id="es"/><bpmn:userTask id="inspect"/><bpmn:endEvent id="ee"/>
            """ + Chain("i", "es", "inspect", "ee") + """
            </bpmn:subProcess><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "register", "each", "e")));
        var instance = await engine.StartAsync("mi");

        var error = await RefusedAsync(engine, instance.Id, Before("inspect"));

        Assert.Equal("instructions[0].activityId", error.Field);
        Assert.Equal("The multi-instance sub-process 'each' is not running: start before it instead.", error.Message);
    }

    [SkippableFact]
    public async Task ASubProcessRunningTwice_NeedsTheAncestorNamed_AndThenTheNewTokenJoinsThatInstance()
    {
        var engine = await StartEngineAsync();
        // Two flows into the sub-process without a join: it runs twice.
        await engine.DeployAsync(Process("twice", """
            <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/>
            <bpmn:subProcess id="handle"><bpmn:startEvent id="hs"/><bpmn:userTask id="fix"/><bpmn:endEvent id="he"/>
            """ + Chain("h", "hs", "fix", "he") + """
            </bpmn:subProcess><bpmn:endEvent id="e"/>
            """ + Flow("f1", "s", "fork") + Flow("f2", "fork", "handle") + Flow("f3", "fork", "handle") + Flow("f4", "handle", "e")));
        var instance = await engine.StartAsync("twice");
        var scopes = (await engine.InstanceAsync(instance.Id)).Activities.Where(a => a.ElementId == "handle").Select(a => a.TokenId).ToList();
        Assert.Equal(2, scopes.Count);

        var error = await RefusedAsync(engine, instance.Id, Before("fix"));
        Assert.Equal("instructions[0].ancestorActivityInstanceId", error.Field);
        Assert.Equal("The sub-process 'handle' runs 2 times: name the one to start in (ancestorActivityInstanceId).", error.Message);

        await Modifier(engine).ModifyAsync(instance.Id, new([Before("fix", ancestor: scopes[1])]), "admin");

        var activities = (await engine.InstanceAsync(instance.Id)).Activities;
        Assert.Equal(2, activities.Count(a => a.ElementId == "handle"));
        Assert.Equal(2, activities.Count(a => a.ElementId == "fix" && a.ParentTokenId == scopes[1]));
        Assert.Single(activities, a => a.ElementId == "fix" && a.ParentTokenId == scopes[0]);
    }

    [SkippableFact]
    public async Task ANamedAncestorAboveTheSubProcess_PicksTheInstanceBelowIt()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("nested", """
            <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/>
            <bpmn:subProcess id="outer"><bpmn:startEvent id="os"/>
              <bpmn:subProcess id="inner"><bpmn:startEvent id="is"/><bpmn:userTask id="fix"/><bpmn:endEvent id="ie"/>
            """ + Chain("i", "is", "fix", "ie") + """
              </bpmn:subProcess><bpmn:endEvent id="oe"/>
            """ + Chain("o", "os", "inner", "oe") + """
            </bpmn:subProcess><bpmn:endEvent id="e"/>
            """ + Flow("f1", "s", "fork") + Flow("f2", "fork", "outer") + Flow("f3", "fork", "outer") + Flow("f4", "outer", "e")));
        var instance = await engine.StartAsync("nested");
        var before = (await engine.InstanceAsync(instance.Id)).Activities;
        var outers = before.Where(a => a.ElementId == "outer").Select(a => a.TokenId).ToList();
        var inners = before.Where(a => a.ElementId == "inner").ToList();
        Assert.Equal(2, outers.Count);
        var target = Assert.Single(inners, a => a.ParentTokenId == outers[1]).TokenId;

        await Modifier(engine).ModifyAsync(instance.Id, new([Before("fix", ancestor: outers[1])]), "admin");

        var activities = (await engine.InstanceAsync(instance.Id)).Activities;
        Assert.Equal(2, activities.Count(a => a.ElementId == "inner"));
        Assert.Equal(2, activities.Count(a => a.ElementId == "fix" && a.ParentTokenId == target));
    }

    [SkippableFact]
    public async Task StartingInsideASubProcessThatDoesNotRun_CreatesItAndRecordsItsStart_EvenWhileAnotherSubProcessRuns()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("two", """
            <bpmn:startEvent id="s"/>
            <bpmn:subProcess id="first"><bpmn:startEvent id="as"/><bpmn:userTask id="a1"/><bpmn:endEvent id="ae"/>
            """ + Chain("fa", "as", "a1", "ae") + """
            </bpmn:subProcess>
            <bpmn:subProcess id="second"><bpmn:startEvent id="bs"/><bpmn:userTask id="b1"/><bpmn:endEvent id="be"/>
            """ + Chain("fb", "bs", "b1", "be") + """
            </bpmn:subProcess><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "first", "second", "e")));
        var instance = await engine.StartAsync("two");

        await Modifier(engine).ModifyAsync(instance.Id, new([Before("b1")]), "admin");

        var activities = (await engine.InstanceAsync(instance.Id)).Activities;
        var second = Assert.Single(activities, a => a.ElementId == "second");
        Assert.Equal(second.TokenId, Assert.Single(activities, a => a.ElementId == "b1").ParentTokenId);
        Assert.Single(activities, a => a.ElementId == "first");
        var history = await engine.History.GetInstanceHistoryAsync(instance.Id);
        Assert.Contains(history, h => h.Type == HistoryTypes.ActivityStarted && h.ElementId == "second" && h.TokenId == second.TokenId);
    }

    [SkippableFact]
    public async Task CancellingTheLastTokenInsideASubProcess_CancelsTheSubProcess_WhileOtherBranchesGoOn()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("emptied", """
            <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/><bpmn:userTask id="watch"/>
            <bpmn:subProcess id="handle"><bpmn:startEvent id="hs"/><bpmn:userTask id="fix"/><bpmn:endEvent id="he"/>
            """ + Chain("h", "hs", "fix", "he") + """
            </bpmn:subProcess><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
            """ + Chain("f", "s", "fork", "watch", "e") + Chain("g", "fork", "handle", "e2")));
        var instance = await engine.StartAsync("emptied");

        var result = await Modifier(engine).ModifyAsync(instance.Id, new([new(ModificationKind.Cancel, "fix")]), "admin");

        Assert.Equal(InstanceStatus.Running, result.Status);
        Assert.Equal("watch", Assert.Single((await engine.InstanceAsync(instance.Id)).Activities).ElementId);
        var history = await engine.History.GetInstanceHistoryAsync(instance.Id);
        Assert.Contains(history, h => h.Type == HistoryTypes.ActivityCancelled && h.ElementId == "handle");
    }
}

public sealed class InstanceModificationScopeTests_Sqlite() : InstanceModificationScopeTests(TestDatabaseProvider.Sqlite);
public sealed class InstanceModificationScopeTests_Postgres() : InstanceModificationScopeTests(TestDatabaseProvider.Postgres);
