using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Engine.ExternalTasks;
using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Services;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>
/// Business rule tasks (issue 13) run as Camunda 7 runs them: camunda:class, delegateExpression, expression and
/// type="external" exactly like a service task; camunda:decisionRef (DMN) is refused at deploy, naming the element.
/// </summary>
public abstract class BusinessRuleTaskTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    protected override void Configure(IServiceCollection services)
    {
        services.AddSingleton<IServiceTaskHandler>(new TrailHandler("com.acme.rules.FeeRule"));
        services.AddSingleton<IServiceTaskHandler>(new TrailHandler("riskRule"));
    }

    [SkippableFact]
    public async Task ClassDelegateAndExpressionRuleTasks_RunLikeServiceTasks()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("rules", """
            <bpmn:startEvent id="s"/>
            <bpmn:businessRuleTask id="fee" camunda:class="com.acme.rules.FeeRule"/>
            <bpmn:businessRuleTask id="risk" camunda:delegateExpression="${riskRule}"/>
            <bpmn:businessRuleTask id="level" camunda:expression="${amount gt 1000 ? 'high' : 'low'}" camunda:resultVariable="level"/>
            <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "fee", "risk", "level", "after", "e")));
        var instance = await engine.StartAsync("rules", variables: new { trail = "", amount = 1500 });

        await engine.SingleTaskAsync(instance.Id, "after");
        Assert.Equal("[com.acme.rules.FeeRule:][riskRule:]", (await engine.VariableAsync(instance.Id, "trail"))!.GetValue<string>());
        Assert.Equal("high", (await engine.VariableAsync(instance.Id, "level"))!.GetValue<string>());
    }

    [SkippableFact]
    public async Task AnExternalRuleTask_WaitsForAWorker()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("ext", """
            <bpmn:startEvent id="s"/><bpmn:businessRuleTask id="score" camunda:type="external" camunda:topic="credit.score"/>
            <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "score", "after", "e")));
        var instance = await engine.StartAsync("ext");
        var workers = engine.Services.GetRequiredService<IExternalTaskService>();

        var locked = Assert.Single(await workers.FetchAndLockAsync(new FetchAndLockRequest("w", 1, [new ExternalTaskTopic("credit.score", TimeSpan.FromMinutes(1))])));
        Assert.Equal("score", locked.ActivityId);
        await workers.CompleteAsync(locked.Id, "w", EngineHarness.Vars(new { score = 720 }));

        await engine.SingleTaskAsync(instance.Id, "after");
        Assert.Equal(720, (await engine.VariableAsync(instance.Id, "score"))!.GetValue<int>());
    }

    [SkippableFact]
    public async Task ADmnRuleTask_IsRefusedAtDeploy_WithItsPositionAndWhy()
    {
        var engine = await StartEngineAsync();
        var xml = Process("dmn", """
            <bpmn:startEvent id="s"/>
            <bpmn:businessRuleTask id="approve" camunda:decisionRef="approval" camunda:resultVariable="ok"/>
            <bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "approve", "e"));
        var error = await Assert.ThrowsAsync<BpmnValidationException>(() => engine.DeployAsync(xml));

        var problem = Assert.Single(error.Problems);
        Assert.Equal((ProblemSeverity.Error, "approve", "businessRuleTask"), (problem.Severity, problem.ElementId, problem.ElementType));
        Assert.Equal("cannot execute businessRuleTask: camunda:decisionRef needs a DMN engine, which WorkflowHub does not have: " +
            "implement the rule with camunda:class, delegateExpression, expression or an external topic", problem.Message);
        var line = xml.Split('\n').Select((text, i) => (text, i)).First(l => l.text.Contains("<bpmn:businessRuleTask", StringComparison.Ordinal));
        Assert.Equal(line.i + 1, problem.Line);
        Assert.True(problem.Column > 0);
    }
}

public sealed class BusinessRuleTaskTests_Sqlite() : BusinessRuleTaskTests(TestDatabaseProvider.Sqlite);
public sealed class BusinessRuleTaskTests_Postgres() : BusinessRuleTaskTests(TestDatabaseProvider.Postgres);
