using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>
/// An activity's only outgoing flow that carries a condition is taken only when the condition holds (BPMN 2.0 §13.2.1);
/// otherwise the token ends there, as Camunda 7 ends an execution that has no flow to take.
/// </summary>
public abstract class TaskOutgoingFlowTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    [SkippableTheory]
    [InlineData(true, new[] { "recheck" })]
    [InlineData(false, new string[0])]
    public async Task ATasksOnlyFlow_WithACondition_IsTakenOnlyWhenItHolds(bool reopened, string[] expected)
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:task id="close"/><bpmn:userTask id="recheck"/><bpmn:endEvent id="e"/>
            """ + Flow("f0", "s", "close") + Flow("f1", "close", "recheck", "${reopened}") + Flow("f2", "recheck", "e")));
        var instance = await engine.StartAsync("p", variables: new { reopened });

        Assert.Equal(expected, (await engine.OpenTasksAsync(instance.Id)).Select(t => t.ElementId));
        Assert.Equal(reopened ? InstanceStatus.Running : InstanceStatus.Completed, (await engine.InstanceAsync(instance.Id)).Summary.Status);
    }
}

public sealed class TaskOutgoingFlowTests_Sqlite() : TaskOutgoingFlowTests(TestDatabaseProvider.Sqlite);
public sealed class TaskOutgoingFlowTests_Postgres() : TaskOutgoingFlowTests(TestDatabaseProvider.Postgres);
