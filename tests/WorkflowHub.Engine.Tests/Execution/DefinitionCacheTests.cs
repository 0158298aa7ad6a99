using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Runtime;
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
    private static readonly string OneStart = Process("form", """<bpmn:startEvent id="s"/>""");

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

    [SkippableFact]
    public async Task A_definition_the_database_does_not_hold_is_named_by_both_readers()
    {
        var engine = await StartEngineAsync();
        var cache = new DefinitionCache(Options.Create(new EngineOptions()));
        await using var db = engine.NewContext();

        var fromContext = await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync(db, "no-such-definition", default));
        await db.Database.OpenConnectionAsync();
        var fromSession = await Assert.ThrowsAsync<InvalidOperationException>(
            () => cache.GetAsync(new SqlSession(db.Database.GetDbConnection(), null), "no-such-definition", default));

        Assert.Equal("Definition 'no-such-definition' is missing.", fromContext.Message);
        Assert.Equal(fromContext.Message, fromSession.Message);
    }

    [Fact]
    public void A_stored_definition_without_the_recorded_key_is_refused_with_both_names()
    {
        var cache = new DefinitionCache(Options.Create(new EngineOptions()));

        var wrongKey = Assert.Throws<InvalidOperationException>(
            () => cache.Compile("d-1", "other", OneStart));

        Assert.Equal("Definition 'd-1' does not hold process 'other'.", wrongKey.Message);
        Assert.Equal("form", cache.Compile("d-2", "form", OneStart).Key);
    }

    [Fact]
    public void A_stored_definition_is_read_within_the_configured_size()
    {
        var cache = new DefinitionCache(Options.Create(new EngineOptions { MaxBpmnBytes = 64 }));

        // Past the limit the parser reads nothing, so the process is not found.
        var tooLarge = Assert.Throws<InvalidOperationException>(() => cache.Compile("d-1", "form", OneStart));
        Assert.Equal("Definition 'd-1' does not hold process 'form'.", tooLarge.Message);
    }
}

public sealed class DefinitionCacheTests_Sqlite() : DefinitionCacheTests(TestDatabaseProvider.Sqlite);
public sealed class DefinitionCacheTests_Postgres() : DefinitionCacheTests(TestDatabaseProvider.Postgres);
