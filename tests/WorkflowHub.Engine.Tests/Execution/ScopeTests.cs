using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

public abstract class ScopeTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    private const string Sub = """
        <bpmn:startEvent id="s"/>
        <bpmn:subProcess id="handle">
          <bpmn:startEvent id="hs"/><bpmn:userTask id="fix"/><bpmn:endEvent id="he"/>
          <bpmn:sequenceFlow id="h1" sourceRef="hs" targetRef="fix"/><bpmn:sequenceFlow id="h2" sourceRef="fix" targetRef="he"/>
        </bpmn:subProcess>
        <bpmn:userTask id="verify"/><bpmn:endEvent id="e"/>
        """;

    [SkippableFact]
    public async Task EmbeddedSubProcess_CompletesWhenItsLastTokenEnds_Bpmn10_3_5()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", Sub + Chain("f", "s", "handle", "verify", "e")));
        var instance = await engine.StartAsync("p");
        var fix = await engine.SingleTaskAsync(instance.Id, "fix");
        var detail = await engine.InstanceAsync(instance.Id);
        Assert.Contains(detail.Activities, a => a.ElementId == "handle" && a.State == "Scope");
        await engine.Tasks.CompleteAsync(fix.Id);
        await engine.SingleTaskAsync(instance.Id, "verify");
    }

    [SkippableFact]
    public async Task InterruptingBoundaryOnSubProcess_CancelsEverythingInside_Bpmn10_5_7()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", Sub + """
            <bpmn:boundaryEvent id="overdue" attachedToRef="handle"><bpmn:timerEventDefinition><bpmn:timeDuration>P2D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:userTask id="supervise"/><bpmn:endEvent id="e2"/>
            """ + Chain("f", "s", "handle", "verify", "e") + Chain("g", "overdue", "supervise", "e2")));
        var instance = await engine.StartAsync("p");
        await engine.AdvanceAsync(TimeSpan.FromDays(2));
        var task = Assert.Single(await engine.OpenTasksAsync(instance.Id));
        Assert.Equal("supervise", task.ElementId);
        Assert.DoesNotContain((await engine.InstanceAsync(instance.Id)).Activities, a => a.ElementId is "handle" or "fix");
    }

    [SkippableFact]
    public async Task NonInterruptingBoundaryOnSubProcess_SparesWhatIsInside_Bpmn10_5_7()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", Sub + """
            <bpmn:boundaryEvent id="remind" attachedToRef="handle" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:userTask id="reminder"/><bpmn:endEvent id="e2"/>
            """ + Chain("f", "s", "handle", "verify", "e") + Chain("g", "remind", "reminder", "e2")));
        var instance = await engine.StartAsync("p");
        await engine.AdvanceAsync(TimeSpan.FromDays(1));
        Assert.Equal(new[] { "fix", "reminder" }, (await engine.OpenTasksAsync(instance.Id)).Select(t => t.ElementId).Order().ToArray());
    }

    [SkippableFact]
    public async Task ErrorEndEventInSubProcess_IsCaughtByTheBoundaryOfTheSubProcess_Bpmn10_5_3()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:subProcess id="handle">
              <bpmn:startEvent id="hs"/><bpmn:endEvent id="cannot"><bpmn:errorEventDefinition errorRef="err"/></bpmn:endEvent>
              <bpmn:sequenceFlow id="h1" sourceRef="hs" targetRef="cannot"/>
            </bpmn:subProcess>
            <bpmn:boundaryEvent id="escalate" attachedToRef="handle"><bpmn:errorEventDefinition errorRef="err"/></bpmn:boundaryEvent>
            <bpmn:userTask id="leader"/><bpmn:userTask id="verify"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
            """ + Chain("f", "s", "handle", "verify", "e") + Chain("g", "escalate", "leader", "e2"),
            """<bpmn:error id="err" errorCode="OUT_OF_REMIT"/>"""));
        var instance = await engine.StartAsync("p");
        await engine.SingleTaskAsync(instance.Id, "leader");
    }

    [SkippableFact]
    public async Task CallActivity_PassesVariablesInAndOut_AndWaitsForTheCalledInstance_Bpmn10_3_7()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("child", """
            <bpmn:startEvent id="cs"/><bpmn:userTask id="inspect"/>
            <bpmn:scriptTask id="score" scriptFormat="javascript" camunda:resultVariable="score"><bpmn:script>level * 10</bpmn:script></bpmn:scriptTask><bpmn:endEvent id="ce"/>
            """ + Chain("c", "cs", "inspect", "score", "ce")));
        await engine.DeployAsync(Process("parent", """
            <bpmn:startEvent id="s"/>
            <bpmn:callActivity id="call" calledElement="child">
              <bpmn:extensionElements><camunda:in source="severity" target="level"/><camunda:in businessKey="#{execution.processBusinessKey}"/><camunda:out source="score" target="childScore"/></bpmn:extensionElements>
            </bpmn:callActivity>
            <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "call", "after", "e")));
        var parent = await engine.StartAsync("parent", "CASE-9", new { severity = 4 });
        var child = Assert.Single((await engine.Runtime.QueryInstancesAsync(new Services.InstanceQuery("child"))).Items);
        Assert.Equal("CASE-9", child.BusinessKey);
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(child.Id, "inspect")).Id);
        Assert.Equal(InstanceStatus.Completed, (await engine.InstanceAsync(child.Id)).Summary.Status);
        await engine.SingleTaskAsync(parent.Id, "after");
        Assert.Equal(40, (await engine.VariableAsync(parent.Id, "childScore"))!.GetValue<int>());
    }

    [SkippableFact]
    public async Task ErrorInTheCalledInstance_IsCaughtByTheCallActivitysBoundary_Bpmn10_3_7()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("child", """
            <bpmn:startEvent id="cs"/><bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="err"/></bpmn:endEvent>
            """ + Chain("c", "cs", "fail"), """<bpmn:error id="err" errorCode="OUT_OF_REMIT"/>"""));
        await engine.DeployAsync(Process("parent", """
            <bpmn:startEvent id="s"/><bpmn:callActivity id="call" calledElement="child"/>
            <bpmn:boundaryEvent id="forward" attachedToRef="call"><bpmn:errorEventDefinition errorRef="err"/></bpmn:boundaryEvent>
            <bpmn:userTask id="toStreet"/><bpmn:userTask id="after"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
            """ + Chain("f", "s", "call", "after", "e") + Chain("g", "forward", "toStreet", "e2"),
            """<bpmn:error id="err" errorCode="OUT_OF_REMIT"/>"""));
        var parent = await engine.StartAsync("parent");
        Assert.Equal("toStreet", Assert.Single(await engine.OpenTasksAsync(parent.Id)).ElementId);
        var child = Assert.Single((await engine.Runtime.QueryInstancesAsync(new Services.InstanceQuery("child"))).Items);
        Assert.NotEqual(InstanceStatus.Running, child.Status);
    }

    [SkippableFact]
    public async Task CancellingTheCallingInstance_CancelsTheCalledOne()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("child", """<bpmn:startEvent id="cs"/><bpmn:userTask id="inspect"/><bpmn:endEvent id="ce"/>""" + Chain("c", "cs", "inspect", "ce")));
        await engine.DeployAsync(Process("parent", """<bpmn:startEvent id="s"/><bpmn:callActivity id="call" calledElement="child"/><bpmn:endEvent id="e"/>""" + Chain("f", "s", "call", "e")));
        var parent = await engine.StartAsync("parent");
        var child = Assert.Single((await engine.Runtime.QueryInstancesAsync(new Services.InstanceQuery("child"))).Items);
        await engine.Runtime.CancelAsync(parent.Id, "tester", "withdrawn");
        Assert.Equal(InstanceStatus.Cancelled, (await engine.InstanceAsync(child.Id)).Summary.Status);
        Assert.Empty(await engine.OpenTasksAsync());
    }

    [SkippableFact]
    public async Task ParallelMultiInstance_CreatesOneTaskPerItem_WithElementVariableAndLoopCounter_Bpmn10_3_6()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:userTask id="check" camunda:assignee="${inspector}">
              <bpmn:multiInstanceLoopCharacteristics camunda:collection="${inspectors}" camunda:elementVariable="inspector"/>
            </bpmn:userTask>
            <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "check", "after", "e")));
        var instance = await engine.StartAsync("p", variables: new { inspectors = new[] { "a", "b", "c" } });
        var tasks = await engine.OpenTasksAsync(instance.Id);
        Assert.Equal(new[] { "a", "b", "c" }, tasks.Select(t => t.Assignee).Order().ToArray());
        foreach (var task in tasks)
        {
            await engine.Tasks.CompleteAsync(task.Id);
        }
        await engine.SingleTaskAsync(instance.Id, "after");
    }

    [SkippableFact]
    public async Task SequentialMultiInstance_RunsOneAfterAnother_AndCompletionConditionEndsEarly_Bpmn10_3_6()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:userTask id="vote" camunda:assignee="${voter}">
              <bpmn:multiInstanceLoopCharacteristics isSequential="true" camunda:collection="${voters}" camunda:elementVariable="voter">
                <bpmn:completionCondition>${nrOfCompletedInstances &gt;= 2}</bpmn:completionCondition>
              </bpmn:multiInstanceLoopCharacteristics>
            </bpmn:userTask>
            <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "vote", "after", "e")));
        var instance = await engine.StartAsync("p", variables: new { voters = new[] { "x", "y", "z" } });
        var first = await engine.SingleTaskAsync(instance.Id, "vote");
        Assert.Equal("x", first.Assignee);
        await engine.Tasks.CompleteAsync(first.Id);
        var second = await engine.SingleTaskAsync(instance.Id, "vote");
        Assert.Equal("y", second.Assignee);
        await engine.Tasks.CompleteAsync(second.Id);
        Assert.Equal("after", Assert.Single(await engine.OpenTasksAsync(instance.Id)).ElementId);
    }

    [SkippableFact]
    public async Task MultiInstanceSubProcess_RunsItsBodyOncePerItem_WithLocalElementVariables_Bpmn10_3_6()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:subProcess id="perSector">
              <bpmn:multiInstanceLoopCharacteristics camunda:collection="${sectors}" camunda:elementVariable="sector"/>
              <bpmn:startEvent id="ss"/><bpmn:userTask id="assist" camunda:candidateGroups="${sector}"/><bpmn:endEvent id="se"/>
              <bpmn:sequenceFlow id="s1" sourceRef="ss" targetRef="assist"/><bpmn:sequenceFlow id="s2" sourceRef="assist" targetRef="se"/>
            </bpmn:subProcess>
            <bpmn:userTask id="verify"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "perSector", "verify", "e")));
        var instance = await engine.StartAsync("p", variables: new { sectors = new[] { "sanitation", "municipal" } });
        var tasks = await engine.OpenTasksAsync(instance.Id);
        Assert.Equal(new[] { "municipal", "sanitation" }, tasks.Select(t => t.CandidateGroups.Single()).Order().ToArray());
        Assert.False((await engine.InstanceAsync(instance.Id)).Variables.ContainsKey("sector"));
        await engine.Tasks.CompleteAsync(tasks[0].Id);
        Assert.DoesNotContain(await engine.OpenTasksAsync(instance.Id), t => t.ElementId == "verify");
        await engine.Tasks.CompleteAsync(tasks[1].Id);
        await engine.SingleTaskAsync(instance.Id, "verify");
    }

    [SkippableFact]
    public async Task InputOutputMapping_WritesLocalInputs_AndMapsOutputsToTheProcess_Camunda7()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:userTask id="fix" camunda:assignee="${who}">
              <bpmn:extensionElements><camunda:inputOutput>
                <camunda:inputParameter name="who">${head}</camunda:inputParameter>
                <camunda:outputParameter name="result">${'done by ' + who}</camunda:outputParameter>
              </camunda:inputOutput></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "fix", "after", "e")));
        var instance = await engine.StartAsync("p", variables: new { head = "zhou" });
        var task = await engine.SingleTaskAsync(instance.Id, "fix");
        Assert.Equal("zhou", task.Assignee);
        Assert.False((await engine.InstanceAsync(instance.Id)).Variables.ContainsKey("who"));
        await engine.Tasks.CompleteAsync(task.Id);
        Assert.Equal("done by zhou", (await engine.VariableAsync(instance.Id, "result"))!.GetValue<string>());
    }
}

public sealed class ScopeTests_Sqlite() : ScopeTests(TestDatabaseProvider.Sqlite);
public sealed class ScopeTests_Postgres() : ScopeTests(TestDatabaseProvider.Postgres);
