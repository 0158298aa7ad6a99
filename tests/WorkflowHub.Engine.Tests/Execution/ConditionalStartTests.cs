using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Services;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>
/// Conditional start events of a process (issue 13), as Camunda 7's evaluateStartConditions runs them: every latest
/// definition whose conditional start holds for the given variables starts an instance there, with those variables;
/// a condition naming a variable that was not given is false; nothing starts by itself.
/// </summary>
public abstract class ConditionalStartTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    private static string Starting(string key, string condition, string startId = "big") => Process(key, $"""
        <bpmn:startEvent id="{startId}"><bpmn:conditionalEventDefinition><bpmn:condition>{System.Security.SecurityElement.Escape(condition)}</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:startEvent>
        <bpmn:userTask id="review"/><bpmn:endEvent id="e"/>
        """ + Chain("f", startId, "review", "e"));

    [SkippableFact]
    public async Task EveryLatestDefinitionWhoseConditionHolds_StartsWithTheVariables_AndNothingElseStarts()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Starting("large", "${amount > 1000}"));
        await engine.DeployAsync(Starting("eastern", "${area eq '东阁'}"));
        await engine.DeployAsync(Starting("needsOther", "${priority > 1}"));
        Assert.Empty(await engine.OpenTasksAsync());

        var started = await engine.Runtime.EvaluateStartConditionsAsync(
            new ConditionEvaluationRequest(EngineHarness.Vars(new { amount = 5000, area = "西城" })) { BusinessKey = "WH-7" }, "dispatcher");

        var one = Assert.Single(started);
        Assert.Equal(("large", "big", "WH-7", 1), (one.ProcessKey, one.StartEventId, one.BusinessKey, one.ProcessVersion));
        await engine.SingleTaskAsync(one.Id, "review");
        Assert.Equal(5000, (await engine.VariableAsync(one.Id, "amount"))!.GetValue<int>());
        Assert.Equal("西城", (await engine.VariableAsync(one.Id, "area"))!.GetValue<string>());
        Assert.Equal("WH-7", (await engine.InstanceAsync(one.Id)).Summary.BusinessKey);
        Assert.Single(await engine.OpenTasksAsync());

        var both = await engine.Runtime.EvaluateStartConditionsAsync(new ConditionEvaluationRequest(EngineHarness.Vars(new { amount = 2000, area = "东阁" })));
        Assert.Equal(["eastern", "large"], both.Select(s => s.ProcessKey).Order(StringComparer.Ordinal));
        Assert.Empty(await engine.Runtime.EvaluateStartConditionsAsync(new ConditionEvaluationRequest(EngineHarness.Vars(new { amount = 10 }))));
    }

    [SkippableFact]
    public async Task AKeyNarrowsTheEvaluation_AndANewVersionWithoutTheStartWithdrawsIt()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Starting("large", "${amount > 1000}"));
        await engine.DeployAsync(Starting("alsoLarge", "${amount > 100}"));
        var vars = EngineHarness.Vars(new { amount = 5000 });

        var narrowed = await engine.Runtime.EvaluateStartConditionsAsync(new ConditionEvaluationRequest(vars) { ProcessDefinitionKey = "alsoLarge" });
        Assert.Equal("alsoLarge", Assert.Single(narrowed).ProcessKey);

        // Version 2 of "large" starts with a none start event only: its conditional start is gone; version 2 of
        // "alsoLarge" changes the condition, and the latest one counts.
        await engine.DeployAsync(Process("large", "<bpmn:startEvent id=\"s\"/><bpmn:endEvent id=\"e\"/>" + Chain("f", "s", "e")));
        await engine.DeployAsync(Starting("alsoLarge", "${amount > 9000}", startId: "huge"));
        Assert.Empty(await engine.Runtime.EvaluateStartConditionsAsync(new ConditionEvaluationRequest(vars)));
        var latest = Assert.Single(await engine.Runtime.EvaluateStartConditionsAsync(new ConditionEvaluationRequest(EngineHarness.Vars(new { amount = 9001 }))));
        Assert.Equal(("alsoLarge", 2, "huge"), (latest.ProcessKey, latest.ProcessVersion, latest.StartEventId));
        Assert.Single(await engine.RowsAsync<MessageSubscriptionRecord>(), s => s.Kind == SubscriptionKind.ConditionalStart);
    }

    [SkippableFact]
    public async Task AConditionThatFailsForAnotherReason_IsRefusedNamingTheStartEvent_AndStartsNothing()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Starting("large", "${amount > 1000}"));
        await engine.DeployAsync(Starting("broken", "${amount.toFixed(-5) == 'x'}", startId: "odd"));

        var error = await Assert.ThrowsAsync<WorkflowArgumentException>(() =>
            engine.Runtime.EvaluateStartConditionsAsync(new ConditionEvaluationRequest(EngineHarness.Vars(new { amount = 5000 }))));
        Assert.Equal("variables", error.Field);
        Assert.Contains("'odd'", error.Message, StringComparison.Ordinal);
        Assert.Empty((await engine.Runtime.QueryInstancesAsync(new InstanceQuery())).Items);
    }
}

public sealed class ConditionalStartTests_Sqlite() : ConditionalStartTests(TestDatabaseProvider.Sqlite);
public sealed class ConditionalStartTests_Postgres() : ConditionalStartTests(TestDatabaseProvider.Postgres);
