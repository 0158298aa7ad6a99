using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>
/// A node that did not deploy a definition (another node of the cluster, or this one after a restart) compiles it
/// from the database the first time a query or a step needs it.
/// </summary>
public abstract class DefinitionCacheTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    [SkippableFact]
    public async Task ANodeThatDidNotDeploy_CompilesTheStoredDefinition_ForQueriesFormsAndSteps()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("form", """
            <bpmn:startEvent id="s"/>
            <bpmn:userTask id="fill"><bpmn:extensionElements><camunda:formData>
              <camunda:formField id="amount" type="long"/>
            </camunda:formData></bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "fill", "e")));
        var instance = await engine.StartAsync("form");

        await using var other = new EngineHarness(engine.Database);

        var model = await other.Definitions.GetModelAsync("form", 1);
        Assert.NotNull(model);
        Assert.Equal("form", model.Key);
        var task = await other.SingleTaskAsync(instance.Id, "fill");
        Assert.Equal("amount", Assert.Single((await other.Tasks.GetFormAsync(task.Id))!.Fields).Id);
        Assert.Equal(["fill"], (await other.InstanceAsync(instance.Id)).Activities.Select(a => a.ElementId));
        await other.Tasks.CompleteAsync(task.Id, EngineHarness.Vars(new { amount = 3 }));
        Assert.Equal(InstanceStatus.Completed, (await other.InstanceAsync(instance.Id)).Summary.Status);
    }
}

public sealed class DefinitionCacheTests_Sqlite() : DefinitionCacheTests(TestDatabaseProvider.Sqlite);
public sealed class DefinitionCacheTests_Postgres() : DefinitionCacheTests(TestDatabaseProvider.Postgres);
