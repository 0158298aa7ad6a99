using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Services;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Engine.Tests.Execution.EventSubProcessTests;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>
/// Conditional start events of event sub-processes (Camunda 7): evaluated when their scope starts and when variables
/// change (only the ones camunda:variableName names, when it is set).
/// </summary>
public abstract class ConditionalEventSubProcessTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    private static string Conditional(string condition, string? variableName = null) =>
        $"""<bpmn:conditionalEventDefinition{(variableName is null ? "" : $" camunda:variableName=\"{variableName}\"")}><bpmn:condition>{condition}</bpmn:condition></bpmn:conditionalEventDefinition>""";

    private static async Task<string[]> OpenAsync(EngineHarness engine, string instanceId) =>
        (await engine.OpenTasksAsync(instanceId)).Select(t => t.ElementId).Order().ToArray();

    private Task SetAsync(EngineHarness engine, string instanceId, object variables) =>
        engine.Services.GetRequiredService<IInstanceVariableService>().SetAsync(instanceId, EngineHarness.Vars(variables)!, "admin");

    [SkippableFact]
    public async Task AnInterruptingConditionalEventSubProcess_StartsWhenAChangeMakesItsConditionTrue()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(WorkWith(EventSub("stop", Conditional("${halt == true}"), interrupting: true, "review")));
        var instance = await engine.StartAsync("p", variables: new { halt = false });
        Assert.Equal(["work"], await OpenAsync(engine, instance.Id));

        await SetAsync(engine, instance.Id, new { halt = true });
        Assert.Equal(["review"], await OpenAsync(engine, instance.Id));
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "review")).Id);
        Assert.Equal(InstanceStatus.Completed, (await engine.InstanceAsync(instance.Id)).Summary.Status);
    }

    [SkippableFact]
    public async Task AConditionThatHoldsWhenTheScopeStarts_StartsTheEventSubProcessAtOnce()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(WorkWith(EventSub("urgent", Conditional("${priority > 5}"), interrupting: false, "expedite")));
        var instance = await engine.StartAsync("p", variables: new { priority = 9 });
        Assert.Equal(["expedite", "work"], await OpenAsync(engine, instance.Id));
    }

    [SkippableFact]
    public async Task ANonInterruptingOne_OnlyReactsToTheVariablesItNames_AndRunsBesideTheWork()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(WorkWith(EventSub("urgent", Conditional("${priority > 5}", variableName: "priority"), interrupting: false, "expedite")));
        var instance = await engine.StartAsync("p", variables: new { priority = 1 });

        await SetAsync(engine, instance.Id, new { priority = 7 });
        Assert.Equal(["expedite", "work"], await OpenAsync(engine, instance.Id));
        await SetAsync(engine, instance.Id, new { note = "unrelated" });
        Assert.Equal(["expedite", "work"], await OpenAsync(engine, instance.Id));
        await SetAsync(engine, instance.Id, new { priority = 8 });
        Assert.Equal(["expedite", "expedite", "work"], await OpenAsync(engine, instance.Id));
    }

    [SkippableFact]
    public async Task AConditionalEventSubProcessInASubProcess_ListensOnlyWhileItsSubProcessRuns()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:subProcess id="sub">
              <bpmn:startEvent id="ss"/><bpmn:userTask id="inner"/><bpmn:endEvent id="se"/>
            """ + Chain("sf", "ss", "inner", "se")
            + EventSub("stop", Conditional("${halt == true}", variableName: "halt"), interrupting: true, "review") + """
            </bpmn:subProcess>
            <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "sub", "after", "e"), Definitions));
        var first = await engine.StartAsync("p", variables: new { halt = false });
        await SetAsync(engine, first.Id, new { halt = true });
        Assert.Equal(["review"], await OpenAsync(engine, first.Id));

        var second = await engine.StartAsync("p", variables: new { halt = false });
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(second.Id, "inner")).Id);
        await SetAsync(engine, second.Id, new { halt = true });
        Assert.Equal(["after"], await OpenAsync(engine, second.Id));
    }
}

public sealed class ConditionalEventSubProcessTests_Sqlite() : ConditionalEventSubProcessTests(TestDatabaseProvider.Sqlite);
public sealed class ConditionalEventSubProcessTests_Postgres() : ConditionalEventSubProcessTests(TestDatabaseProvider.Postgres);
