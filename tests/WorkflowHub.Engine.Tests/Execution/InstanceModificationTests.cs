using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Runtime;
using WorkflowHub.Engine.Services;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>Instance modification (Camunda 7's cancel / startBeforeActivity / startAfterActivity) as one step.</summary>
public abstract class InstanceModificationTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    private static readonly string Parallel = Process("par", """
        <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/><bpmn:userTask id="a" name="Area"/><bpmn:userTask id="b" name="Sector"/>
        <bpmn:parallelGateway id="join"/><bpmn:endEvent id="e"/>
        """ + Chain("f", "s", "fork", "a", "join", "e") + Chain("g", "fork", "b", "join"));

    private static IInstanceModificationService Modifier(EngineHarness engine) => engine.Services.GetRequiredService<IInstanceModificationService>();

    private static ModificationInstruction Cancel(string? activityId = null, string? tokenId = null) => new(ModificationKind.Cancel, activityId, tokenId);

    private static ModificationInstruction Before(string activityId) => new(ModificationKind.StartBeforeActivity, activityId);

    private static ModificationInstruction After(string activityId) => new(ModificationKind.StartAfterActivity, activityId);

    [SkippableFact]
    public async Task CancellingOneParallelBranch_EndsItsTaskOnly_AndHistoryRecordsWhoAndWhy()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Parallel);
        var instance = await engine.StartAsync("par");
        var sector = (await engine.InstanceAsync(instance.Id)).Activities.Single(a => a.ElementId == "b");

        var result = await Modifier(engine).ModifyAsync(instance.Id, new([Cancel(tokenId: sector.TokenId)], Reason: "误派 mis-dispatched"), "admin");

        Assert.Equal([sector.TokenId], result.CancelledTokenIds);
        Assert.Equal(InstanceStatus.Running, result.Status);
        Assert.Equal("a", Assert.Single(await engine.OpenTasksAsync(instance.Id)).ElementId);
        Assert.Equal("a", Assert.Single((await engine.InstanceAsync(instance.Id)).Activities).ElementId);
        var history = await engine.History.GetInstanceHistoryAsync(instance.Id);
        var modified = Assert.Single(history, h => h.Type == "instance.modified");
        Assert.Equal("admin", modified.Actor);
        Assert.Equal("误派 mis-dispatched", modified.Data!["reason"]!.GetValue<string>());
        Assert.Equal("cancel", modified.Data["instructions"]![0]!["type"]!.GetValue<string>());
        Assert.Contains(history, h => h.Type == HistoryTypes.ActivityCancelled && h.ElementId == "b" && h.Actor == "admin");

        // Cancelling the last branch leaves nothing to do and no end reached: the instance ends as cancelled.
        var last = await Modifier(engine).ModifyAsync(instance.Id, new([Cancel("a")]), "admin");
        Assert.Equal(InstanceStatus.Cancelled, last.Status);
        Assert.Empty(await engine.OpenTasksAsync(instance.Id));
        Assert.Equal(InstanceStatus.Cancelled, (await engine.InstanceAsync(instance.Id)).Summary.Status);
    }

    [SkippableFact]
    public async Task StartingBeforeATaskInsideASubProcess_CreatesTheSubProcessScopeWithItsBoundaryTimer()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("sub", """
            <bpmn:startEvent id="s"/><bpmn:userTask id="register"/>
            <bpmn:subProcess id="handle">
              <bpmn:startEvent id="hs"/><bpmn:userTask id="fix"/><bpmn:userTask id="check"/><bpmn:endEvent id="he"/>
            """ + Chain("h", "hs", "fix", "check", "he") + """
            </bpmn:subProcess>
            <bpmn:boundaryEvent id="overdue" attachedToRef="handle"><bpmn:timerEventDefinition><bpmn:timeDuration>P2D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:userTask id="supervise"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
            """ + Chain("f", "s", "register", "handle", "e") + Chain("g", "overdue", "supervise", "e2")));
        var instance = await engine.StartAsync("sub");

        await Modifier(engine).ModifyAsync(instance.Id, new([Cancel("register"), Before("check")]), "admin");

        var activities = (await engine.InstanceAsync(instance.Id)).Activities;
        var scope = Assert.Single(activities, a => a.ElementId == "handle");
        Assert.Equal(scope.TokenId, Assert.Single(activities, a => a.ElementId == "check").ParentTokenId);
        Assert.DoesNotContain(activities, a => a.ElementId is "fix" or "register");
        var timer = Assert.Single(await engine.RowsAsync<JobRecord>());
        Assert.Equal("overdue", timer.ElementId);

        // The sub-process runs now: a second start inside it joins that instance instead of creating another.
        await Modifier(engine).ModifyAsync(instance.Id, new([Before("fix")]), "admin");
        activities = (await engine.InstanceAsync(instance.Id)).Activities;
        Assert.Equal(scope.TokenId, Assert.Single(activities, a => a.ElementId == "handle").TokenId);
        Assert.Equal(scope.TokenId, Assert.Single(activities, a => a.ElementId == "fix").ParentTokenId);
        Assert.Single(await engine.RowsAsync<JobRecord>());

        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "check")).Id);
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "fix")).Id);
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "check")).Id);
        Assert.Equal(InstanceStatus.Completed, (await engine.InstanceAsync(instance.Id)).Summary.Status);
        Assert.Empty(await engine.RowsAsync<JobRecord>());
    }

    [SkippableFact]
    public async Task StartingBeforeATask_StartsItsBoundaryTimer()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("timed", """
            <bpmn:startEvent id="s"/><bpmn:userTask id="register"/><bpmn:userTask id="fix"/>
            <bpmn:boundaryEvent id="late" attachedToRef="fix"><bpmn:timerEventDefinition><bpmn:timeDuration>PT4H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:userTask id="supervise"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
            """ + Chain("f", "s", "register", "fix", "e") + Chain("g", "late", "supervise", "e2")));
        var instance = await engine.StartAsync("timed");
        Assert.Empty(await engine.RowsAsync<JobRecord>());

        await Modifier(engine).ModifyAsync(instance.Id, new([Cancel("register"), Before("fix")]), "admin");

        var timer = Assert.Single(await engine.RowsAsync<JobRecord>());
        Assert.Equal(EngineHarness.Epoch.AddHours(4), timer.DueAt);
        await engine.AdvanceAsync(TimeSpan.FromHours(4));
        Assert.Equal("supervise", Assert.Single(await engine.OpenTasksAsync(instance.Id)).ElementId);
    }

    [SkippableFact]
    public async Task StartingAfterAGateway_TakesTheFlowItsConditionChooses_WithTheModificationsVariables()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("xor", """
            <bpmn:startEvent id="s"/><bpmn:userTask id="register"/><bpmn:exclusiveGateway id="route" default="toA"/>
            <bpmn:userTask id="a"/><bpmn:userTask id="b"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
            """ + Chain("f", "s", "register", "route") + Flow("toA", "route", "a") + Flow("toB", "route", "b", "${target == 'b'}")
            + Flow("fa", "a", "e") + Flow("fb", "b", "e2")));
        await engine.DeployAsync(Parallel);
        var instance = await engine.StartAsync("xor");

        await Modifier(engine).ModifyAsync(instance.Id, new([Cancel("register"), After("route")], EngineHarness.Vars(new { target = "b" })), "admin");

        Assert.Equal("b", Assert.Single(await engine.OpenTasksAsync(instance.Id)).ElementId);
        Assert.Equal("b", (await engine.VariableAsync(instance.Id, "target"))!.GetValue<string>());

        // After a parallel fork every branch starts; the fork itself does not run again.
        var par = await engine.StartAsync("par");
        await Modifier(engine).ModifyAsync(par.Id, new([Cancel("a"), Cancel("b"), After("fork")]), "admin");
        Assert.Equal(["a", "b"], (await engine.OpenTasksAsync(par.Id)).Select(t => t.ElementId).Order());
    }

    [SkippableFact]
    public async Task AnUnknownActivity_IsRefusedByName_AndNothingOfTheModificationIsWritten()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Parallel);
        var instance = await engine.StartAsync("par");

        var error = await Assert.ThrowsAsync<WorkflowArgumentException>(() =>
            Modifier(engine).ModifyAsync(instance.Id, new([Cancel("a"), Before("nowhere")]), "admin"));

        Assert.Equal("instructions[1].activityId", error.Field);
        Assert.Contains("'nowhere'", error.Message, StringComparison.Ordinal);
        Assert.Equal(["a", "b"], (await engine.OpenTasksAsync(instance.Id)).Select(t => t.ElementId).Order());
        Assert.DoesNotContain(await engine.History.GetInstanceHistoryAsync(instance.Id), h => h.Type == "instance.modified");

        var noToken = await Assert.ThrowsAsync<WorkflowArgumentException>(() =>
            Modifier(engine).ModifyAsync(instance.Id, new([Cancel("s")]), "admin"));
        Assert.Equal("instructions[0].activityId", noToken.Field);
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => Modifier(engine).ModifyAsync("missing", new([Cancel("a")]), "admin"));
    }
}

public sealed class InstanceModificationTests_Sqlite() : InstanceModificationTests(TestDatabaseProvider.Sqlite);
public sealed class InstanceModificationTests_Postgres() : InstanceModificationTests(TestDatabaseProvider.Postgres);
