using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Runtime;
using WorkflowHub.Engine.Services;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>
/// Details that no routing test sees but readers of the data do (the inbox's candidate query, the timeline's payloads,
/// Cockpit-style modification and compensation of multi-instance activities): written because mutants of them survived.
/// </summary>
public abstract class RecordedDetailTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    private const string CountUndo = """
        <bpmn:scriptTask id="undo" isForCompensation="true" scriptFormat="javascript">
          <bpmn:script>execution.setVariable('undone', (typeof undone === 'undefined' ? 0 : undone) + 1)</bpmn:script>
        </bpmn:scriptTask>
        """;

    [SkippableFact]
    public async Task ATaskWithoutCandidatesOrComment_RecordsNullsNotEmptyTexts()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """<bpmn:startEvent id="s"/><bpmn:userTask id="fix" camunda:dueDate="P2D"/><bpmn:endEvent id="e"/>""" + Chain("f", "s", "fix", "e")));
        var instance = await engine.StartAsync("p");
        var task = await engine.SingleTaskAsync(instance.Id, "fix");

        await engine.Tasks.CompleteAsync(task.Id);

        var history = await engine.History.GetInstanceHistoryAsync(instance.Id);
        var created = Assert.Single(history, h => h.Type == HistoryTypes.TaskCreated).Data!;
        foreach (var key in new[] { "candidateUsers", "candidateGroups", "assignee" })
        {
            Assert.True(created.AsObject().TryGetPropertyValue(key, out var value) && value is null, key);
        }
        // The timeline shows the round-trip ISO form, not the culture's default text.
        Assert.Equal(EngineHarness.Epoch.AddDays(2).ToString("o"), created["dueDate"]!.GetValue<string>());
        Assert.Null(Assert.Single(history, h => h.Type == HistoryTypes.TaskCompleted).Data);
    }

    [SkippableFact]
    public async Task AManualTask_PassesThrough_AndALoopThroughACallActivity_IsNoWaitlessCycle()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("child", """<bpmn:startEvent id="cs"/><bpmn:userTask id="work"/><bpmn:endEvent id="ce"/>""" + Chain("c", "cs", "work", "ce")));
        var deployed = await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:manualTask id="sign"/><bpmn:exclusiveGateway id="again" default="done"/>
            <bpmn:callActivity id="call" calledElement="child"/><bpmn:endEvent id="e"/>
            <bpmn:sequenceFlow id="s1" sourceRef="s" targetRef="sign"/><bpmn:sequenceFlow id="s2" sourceRef="sign" targetRef="again"/>
            <bpmn:sequenceFlow id="loop" sourceRef="again" targetRef="call"><bpmn:conditionExpression>${n &lt; 1}</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="back" sourceRef="call" targetRef="sign"/><bpmn:sequenceFlow id="done" sourceRef="again" targetRef="e"/>
            """));
        Assert.DoesNotContain(deployed.Warnings, w => w.Message.Contains("wait state", StringComparison.Ordinal));

        var instance = await engine.StartAsync("p", variables: new { n = 0 });

        Assert.Contains(await engine.History.GetInstanceHistoryAsync(instance.Id), h => h.ElementId == "sign" && h.ElementType == "manualTask");
        Assert.Single(await engine.OpenTasksAsync(), t => t.ElementId == "work");
    }

    [SkippableFact]
    public async Task AnErrorStartEventMarkedNonInterrupting_IsWarnedAbout()
    {
        var engine = await StartEngineAsync();
        var deployed = await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:userTask id="fix"/><bpmn:endEvent id="e"/>
            <bpmn:subProcess id="onError" triggeredByEvent="true">
              <bpmn:startEvent id="es" isInterrupting="false"><bpmn:errorEventDefinition/></bpmn:startEvent><bpmn:endEvent id="ee"/>
              <bpmn:sequenceFlow id="x" sourceRef="es" targetRef="ee"/>
            </bpmn:subProcess>
            """ + Chain("f", "s", "fix", "e")));
        Assert.Contains(deployed.Warnings, w => w.Message.Contains("always interrupts", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task CandidateUsers_FindTheTaskInTheirInbox_OthersDoNot()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """<bpmn:startEvent id="s"/><bpmn:userTask id="fix" camunda:candidateUsers="li, wang, li"/><bpmn:endEvent id="e"/>""" + Chain("f", "s", "fix", "e")));
        var instance = await engine.StartAsync("p");

        var forWang = await engine.Tasks.QueryAsync(new TaskQuery { CandidateUser = "wang" });
        Assert.Equal(instance.Id, Assert.Single(forWang.Items).InstanceId);
        Assert.Empty((await engine.Tasks.QueryAsync(new TaskQuery { CandidateUser = "zhao" })).Items);
        Assert.Equal(["li", "wang"], Assert.Single(forWang.Items).CandidateUsers);
    }

    [SkippableFact]
    public async Task ACompletedParallelInstance_LeavesTheActivityTree()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:userTask id="vote"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>${3}</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>
            <bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "vote", "e")));
        var instance = await engine.StartAsync("p");
        var before = (await engine.InstanceAsync(instance.Id)).Activities.Count(a => a.ElementId == "vote");

        await engine.Tasks.CompleteAsync((await engine.OpenTasksAsync(instance.Id))[0].Id);

        Assert.Equal(before - 1, (await engine.InstanceAsync(instance.Id)).Activities.Count(a => a.ElementId == "vote"));
        Assert.DoesNotContain(await engine.History.GetInstanceHistoryAsync(instance.Id), h => h.Type == HistoryTypes.ActivityCancelled);
    }

    [SkippableFact]
    public async Task AMultiInstanceActivity_IsCompensatedOncePerInstance_NotAgainForItsBody()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:task id="book"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>${2}</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:task>
            <bpmn:boundaryEvent id="book_comp" attachedToRef="book"><bpmn:compensateEventDefinition/></bpmn:boundaryEvent>
            <bpmn:association id="assoc" associationDirection="One" sourceRef="book_comp" targetRef="undo"/>
            <bpmn:intermediateThrowEvent id="compensate"><bpmn:compensateEventDefinition/></bpmn:intermediateThrowEvent>
            <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
            """ + CountUndo + Chain("f", "s", "book", "compensate", "after", "e")));
        var instance = await engine.StartAsync("p");

        await engine.SingleTaskAsync(instance.Id, "after");
        Assert.Equal(2, (await engine.VariableAsync(instance.Id, "undone"))!.GetValue<int>());
    }

    [SkippableFact]
    public async Task StartingInsideAMultiInstanceSubProcessThatRunsOnce_NeedsNoAncestor()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:subProcess id="handle">
              <bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>${1}</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
              <bpmn:startEvent id="hs"/><bpmn:userTask id="fix"/><bpmn:userTask id="check"/><bpmn:endEvent id="he"/>
            """ + Chain("h", "hs", "fix", "check", "he") + """
            </bpmn:subProcess>
            <bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "handle", "e")));
        var instance = await engine.StartAsync("p");
        var fix = await engine.SingleTaskAsync(instance.Id, "fix");

        await engine.Services.GetRequiredService<IInstanceModificationService>()
            .ModifyAsync(instance.Id, new([new(ModificationKind.StartBeforeActivity, "check")]), "admin");

        var activities = (await engine.InstanceAsync(instance.Id)).Activities;
        var fixToken = Assert.Single(activities, a => a.ElementId == "fix");
        Assert.Equal(fixToken.ParentTokenId, Assert.Single(activities, a => a.ElementId == "check").ParentTokenId);
        Assert.Equal(fix.Id, Assert.Single(await engine.OpenTasksAsync(instance.Id), t => t.ElementId == "fix").Id);
    }
}

public sealed class RecordedDetailTests_Sqlite() : RecordedDetailTests(TestDatabaseProvider.Sqlite);

public sealed class RecordedDetailTests_Postgres() : RecordedDetailTests(TestDatabaseProvider.Postgres);
