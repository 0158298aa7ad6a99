using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>
/// camunda:asyncAfter on an end event (issue 13), as Camunda runs it: the end event completes and commits, and a
/// continuation job ends the token in a later step, and with it the scope or the instance when it was the last.
/// </summary>
public abstract class AsyncAfterEndEventTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    [SkippableFact]
    public async Task TheInstanceEndsInTheJobAfterTheEndEvent_NotInTheStepThatReachedIt()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:userTask id="t"/><bpmn:endEvent id="done" camunda:asyncAfter="true"/>
            """ + Chain("f", "s", "t", "done")));
        var instance = await engine.StartAsync("p");
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "t")).Id);

        Assert.Equal(InstanceStatus.Running, (await engine.InstanceAsync(instance.Id)).Summary.Status);
        var job = Assert.Single(await engine.RowsAsync<JobRecord>());
        Assert.Equal((JobKind.Continuation, "done"), (job.Kind, job.ElementId));
        var history = await engine.History.GetInstanceHistoryAsync(instance.Id);
        Assert.Contains(history, h => h.ElementId == "done");
        Assert.DoesNotContain(history, h => h.Type == "instance.completed");

        Assert.Equal(1, await engine.Jobs.ExecuteDueJobsAsync());
        Assert.Equal(InstanceStatus.Completed, (await engine.InstanceAsync(instance.Id)).Summary.Status);
        Assert.Empty(await engine.RowsAsync<JobRecord>());
    }

    [SkippableFact]
    public async Task InASubProcess_TheSubProcessCompletesOnlyWhenTheJobHasEndedTheToken()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:subProcess id="sub">
              <bpmn:startEvent id="ss"/><bpmn:endEvent id="se" camunda:asyncAfter="true"/>
              <bpmn:sequenceFlow id="sf" sourceRef="ss" targetRef="se"/>
            </bpmn:subProcess>
            <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "sub", "after", "e")));
        var instance = await engine.StartAsync("p");
        Assert.Empty(await engine.OpenTasksAsync(instance.Id));
        Assert.Contains((await engine.InstanceAsync(instance.Id)).Activities, a => a.ElementId == "sub");

        await engine.Jobs.ExecuteDueJobsAsync();
        await engine.SingleTaskAsync(instance.Id, "after");
    }

    [SkippableFact]
    public async Task OnATerminateEndEvent_ItIsWarnedAboutAtDeploy()
    {
        var engine = await StartEngineAsync();
        var result = await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:endEvent id="stop" camunda:asyncAfter="true"><bpmn:terminateEventDefinition/></bpmn:endEvent>
            """ + Chain("f", "s", "stop")));
        var warning = Assert.Single(result.Warnings, w => w.Message.Contains("asyncAfter", StringComparison.Ordinal));
        Assert.Equal((ProblemSeverity.Warning, "stop"), (warning.Severity, warning.ElementId));
        Assert.Contains("asyncAfter is ignored", warning.Message, StringComparison.Ordinal);
    }
}

public sealed class AsyncAfterEndEventTests_Sqlite() : AsyncAfterEndEventTests(TestDatabaseProvider.Sqlite);
public sealed class AsyncAfterEndEventTests_Postgres() : AsyncAfterEndEventTests(TestDatabaseProvider.Postgres);
