using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Runtime;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>
/// Multi-instance activities (BPMN 2.0 §10.3.6) with Camunda 7's variables: loopCardinality, the counters the
/// completionCondition reads, empty collections, and what stays behind when the body ends.
/// </summary>
public abstract class MultiInstanceTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    private static string Body(string loop, string task = """camunda:assignee="${'u' + loopCounter}" """) => Process("p", $"""
        <bpmn:startEvent id="s"/>
        <bpmn:userTask id="vote" {task}>{loop}</bpmn:userTask>
        <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
        """ + Chain("f", "s", "vote", "after", "e"));

    [SkippableFact]
    public async Task ParallelCardinality_CompletionConditionOnTheCounters_CancelsTheRest()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Body("""
            <bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>${3}</bpmn:loopCardinality>
              <bpmn:completionCondition>${nrOfCompletedInstances / nrOfInstances &gt;= 0.6 &amp;&amp; nrOfActiveInstances == 1}</bpmn:completionCondition>
            </bpmn:multiInstanceLoopCharacteristics>
            """));
        var instance = await engine.StartAsync("p");
        var tasks = await engine.OpenTasksAsync(instance.Id);
        Assert.Equal(["u0", "u1", "u2"], tasks.Select(t => t.Assignee!).Order(StringComparer.Ordinal));

        await engine.Tasks.CompleteAsync(tasks.Single(t => t.Assignee == "u1").Id);
        Assert.Equal(2, (await engine.OpenTasksAsync(instance.Id)).Count(t => t.ElementId == "vote"));
        await engine.Tasks.CompleteAsync(tasks.Single(t => t.Assignee == "u0").Id);

        Assert.Equal("after", Assert.Single(await engine.OpenTasksAsync(instance.Id)).ElementId);
        var variables = (await engine.InstanceAsync(instance.Id)).Variables;
        Assert.DoesNotContain(variables.Keys, k => k.StartsWith("nrOf", StringComparison.Ordinal) || k == "loopCounter");
        var history = await engine.History.GetInstanceHistoryAsync(instance.Id);
        Assert.Single(history, h => h.Type == HistoryTypes.TaskCancelled);
    }

    [SkippableFact]
    public async Task SequentialCardinality_RunsOneAtATime_InLoopCounterOrder()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Body("""<bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:loopCardinality>${n}</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>"""));
        var instance = await engine.StartAsync("p", variables: new { n = 3 });
        foreach (var expected in new[] { "u0", "u1", "u2" })
        {
            var task = Assert.Single(await engine.OpenTasksAsync(instance.Id));
            Assert.Equal(("vote", expected), (task.ElementId, task.Assignee));
            await engine.Tasks.CompleteAsync(task.Id);
        }
        Assert.Equal("after", Assert.Single(await engine.OpenTasksAsync(instance.Id)).ElementId);
    }

    [SkippableTheory]
    [InlineData("true")]
    [InlineData("false")]
    public async Task AnEmptyCollection_PassesStraightOn(string sequential)
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Body($$"""<bpmn:multiInstanceLoopCharacteristics isSequential="{{sequential}}" camunda:collection="${voters}" camunda:elementVariable="voter"/>"""));
        var instance = await engine.StartAsync("p", variables: new { voters = Array.Empty<string>() });
        Assert.Equal("after", Assert.Single(await engine.OpenTasksAsync(instance.Id)).ElementId);
    }

    [SkippableFact]
    public async Task ACollectionThatIsNotAList_StopsWithAnIncidentNamingIt()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Body("""<bpmn:multiInstanceLoopCharacteristics camunda:collection="${voters}" camunda:elementVariable="voter"/>"""));
        var instance = await engine.StartAsync("p", variables: new { voters = "li,wang" });
        var incident = Assert.Single((await engine.Incidents.QueryAsync(instanceId: instance.Id)).Items);
        Assert.Equal("vote", incident.ElementId);
        Assert.Contains("must be an array", incident.Message, StringComparison.Ordinal);
        Assert.Empty(await engine.OpenTasksAsync(instance.Id));
    }

    [SkippableFact]
    public async Task SequentialCollection_GivesEachInstanceItsItem_AndTheCompletionConditionSeesIt()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Body("""
            <bpmn:multiInstanceLoopCharacteristics isSequential="true" camunda:collection="${voters}" camunda:elementVariable="voter">
              <bpmn:completionCondition>${approved == false}</bpmn:completionCondition>
            </bpmn:multiInstanceLoopCharacteristics>
            """, """camunda:assignee="${voter}" """));
        var instance = await engine.StartAsync("p", variables: new { voters = new[] { "li", "wang", "zhao" } });
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "vote")).Id, EngineHarness.Vars(new { approved = true }));
        var second = await engine.SingleTaskAsync(instance.Id, "vote");
        Assert.Equal("wang", second.Assignee);
        await engine.Tasks.CompleteAsync(second.Id, EngineHarness.Vars(new { approved = false }));
        Assert.Equal("after", Assert.Single(await engine.OpenTasksAsync(instance.Id)).ElementId);
        Assert.False((await engine.InstanceAsync(instance.Id)).Variables.ContainsKey("voter"));
    }

    [SkippableFact]
    public async Task AnInterruptingTimerOnTheWholeActivity_EndsEveryInstance()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:userTask id="vote"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>${2}</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>
            <bpmn:boundaryEvent id="deadline" attachedToRef="vote"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:userTask id="after"/><bpmn:userTask id="late"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
            """ + Chain("f", "s", "vote", "after", "e") + Chain("g", "deadline", "late", "e2")));
        var instance = await engine.StartAsync("p");
        Assert.Equal(2, (await engine.OpenTasksAsync(instance.Id)).Count);
        // One timer for the whole activity, not one per instance.
        Assert.Single(await engine.RowsAsync<JobRecord>());

        await engine.AdvanceAsync(TimeSpan.FromDays(1));

        Assert.Equal("late", Assert.Single(await engine.OpenTasksAsync(instance.Id)).ElementId);
        Assert.Equal(["late"], (await engine.InstanceAsync(instance.Id)).Activities.Select(a => a.ElementId));
    }
}

public sealed class MultiInstanceTests_Sqlite() : MultiInstanceTests(TestDatabaseProvider.Sqlite);
public sealed class MultiInstanceTests_Postgres() : MultiInstanceTests(TestDatabaseProvider.Postgres);
