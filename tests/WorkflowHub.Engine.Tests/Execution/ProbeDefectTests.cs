using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Services;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>The hostile-input probe's defects (issue 13): each reproduced, each answered with a bounded incident or a clear refusal.</summary>
public abstract class ProbeDefectTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    private const int Limit = 300;

    private static readonly string EndlessLoop = CountingLoop(stayWhile: null, leaveWhen: "${n < 0}");

    private static string CountingLoop(string? stayWhile, string leaveWhen) => Process("loop", """
        <bpmn:startEvent id="s"/><bpmn:exclusiveGateway id="again"/>
        <bpmn:scriptTask id="count" scriptFormat="javascript" camunda:resultVariable="n"><bpmn:script>(typeof n === 'undefined' ? 0 : n) + 1</bpmn:script></bpmn:scriptTask>
        <bpmn:endEvent id="e"/>
        """ + Flow("f1", "s", "again") + Flow("f2", "again", "count", stayWhile) + Flow("back", "count", "again")
            + Flow("out", "again", "e", leaveWhen));

    protected override void Configure(IServiceCollection services) =>
        services.Configure<EngineOptions>(o => o.MaxElementsPerStep = Limit);

    [SkippableFact]
    public async Task PassThroughCycle_IsWarnedAtDeploy_AndStoppedByTheStepLimitWithAnIncidentNamingTheLoop()
    {
        var engine = await StartEngineAsync();
        var deployed = await engine.DeployAsync(EndlessLoop);
        var warning = Assert.Single(deployed.Warnings, w => w.Message.Contains("has no wait state", StringComparison.Ordinal));
        Assert.Contains("again → count → again", warning.Message, StringComparison.Ordinal);

        var instance = await engine.StartAsync("loop");

        var incident = Assert.Single((await engine.Incidents.QueryAsync(instanceId: instance.Id)).Items);
        Assert.Equal("stepLimit", incident.Kind);
        Assert.Contains("again → count → again", incident.Message, StringComparison.Ordinal);
        Assert.Contains($"more than {Limit} elements", incident.Message, StringComparison.Ordinal);
        // The step stopped at the limit: the counter went round about half the limit (two elements per round).
        var n = (await engine.VariableAsync(instance.Id, "n"))!.GetValue<int>();
        Assert.InRange(n, (Limit / 2) - 2, Limit / 2);
    }

    [SkippableFact]
    public async Task AfterAnEndlessLoopIsStopped_APlainStartStillRunsAndCommits()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(EndlessLoop);
        await engine.DeployAsync(Process("plain", """<bpmn:startEvent id="s"/><bpmn:userTask id="t"/><bpmn:endEvent id="e"/>""" + Chain("f", "s", "t", "e")));
        await engine.StartAsync("loop");
        var plain = await engine.StartAsync("plain");
        await engine.SingleTaskAsync(plain.Id, "t");
        Assert.Empty((await engine.Incidents.QueryAsync(instanceId: plain.Id)).Items);
    }

    [SkippableFact]
    public async Task ALoopThatEndsByItself_BelowTheLimit_RunsWithoutIncident()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(CountingLoop(stayWhile: "${typeof n === 'undefined' || n < 20}", leaveWhen: "${n >= 20}"));
        var instance = await engine.StartAsync("loop");
        Assert.Empty((await engine.Incidents.QueryAsync(instanceId: instance.Id)).Items);
        Assert.Equal(InstanceStatus.Completed, (await engine.InstanceAsync(instance.Id)).Summary.Status);
        Assert.Equal(20, (await engine.VariableAsync(instance.Id, "n"))!.GetValue<int>());
    }

    [SkippableTheory]
    [InlineData("timeCycle", "R99999999999/PT1S")]
    [InlineData("timeDate", "10000-01-01T00:00:00Z")]
    [InlineData("timeCycle", "61 * * * * ?")]
    [InlineData("timeDuration", "P99999999D")]
    [InlineData("timeDuration", "P9000Y")]
    public async Task ImpossibleStartTimerValues_AreDeployProblemsNamingTheElement(string form, string value)
    {
        var engine = await StartEngineAsync();
        var error = await Assert.ThrowsAsync<BpmnValidationException>(() => engine.DeployAsync(Process("p", $"""
            <bpmn:startEvent id="tick"><bpmn:timerEventDefinition><bpmn:{form}>{value}</bpmn:{form}></bpmn:timerEventDefinition></bpmn:startEvent>
            <bpmn:endEvent id="e"/>
            """ + Flow("f", "tick", "e"))));
        var problem = Assert.Single(error.Problems);
        Assert.Equal("tick", problem.ElementId);
        Assert.Contains("cannot be scheduled", problem.Message, StringComparison.Ordinal);
        Assert.Empty(await engine.RowsAsync<ProcessDefinitionRecord>());
    }

    [SkippableTheory]
    [InlineData("intermediateCatchEvent id=\"wait\"", "intermediateCatchEvent")]
    [InlineData("boundaryEvent id=\"wait\" attachedToRef=\"t\"", "boundaryEvent")]
    public async Task ImpossibleTimerLiterals_OnCatchAndBoundaryEvents_AreDeployProblems(string open, string close)
    {
        var engine = await StartEngineAsync();
        var error = await Assert.ThrowsAsync<BpmnValidationException>(() => engine.DeployAsync(Process("p", $"""
            <bpmn:startEvent id="s"/><bpmn:userTask id="t"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
            <bpmn:{open}><bpmn:timerEventDefinition><bpmn:timeDuration>P99999999D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:{close}>
            """ + Chain("f", "s", "t", "e") + Flow("w", "wait", "e2"))));
        Assert.Contains(error.Problems, p => p.ElementId == "wait" && p.Message.Contains("cannot be scheduled", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task P1M_IsACalendarMonth_AsInCamunda_NotThirtyDays()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>P1M</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:userTask id="next"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "wait", "next", "e")));
        await engine.StartAsync("p");
        var job = Assert.Single(await engine.RowsAsync<JobRecord>());
        // From 2 March: 2 April is 31 days on; XmlConvert's 30-day month would say 1 April.
        Assert.Equal(EngineHarness.Epoch.AddMonths(1), job.DueAt);
        Assert.Equal(3, job.RetriesLeft);
    }

    [SkippableFact]
    public async Task TimerJobs_TakeTheirRetriesFromTheConfiguredDefault()
    {
        var engine = await StartEngineAsync();
        engine.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<EngineOptions>>().Value.DefaultRetryCycle = "PT1M,PT5M,PT10M,PT1H,PT2H";
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "wait", "e")));
        await engine.StartAsync("p");
        Assert.Equal(5, Assert.Single(await engine.RowsAsync<JobRecord>()).RetriesLeft);
    }

    [SkippableFact]
    public async Task AFailingAsyncJob_WaitsEachIntervalOfACommaSeparatedRetryCycleInTurn_Camunda7()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:scriptTask id="boom" scriptFormat="javascript" camunda:asyncBefore="true"><bpmn:extensionElements><camunda:failedJobRetryTimeCycle>PT1M,PT5M</camunda:failedJobRetryTimeCycle></bpmn:extensionElements><bpmn:script>nope.x</bpmn:script></bpmn:scriptTask>
            <bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "boom", "e")));
        var instance = await engine.StartAsync("p");
        Assert.Equal(2, Assert.Single(await engine.RowsAsync<JobRecord>()).RetriesLeft);
        await engine.AdvanceAsync(TimeSpan.Zero);
        var job = Assert.Single(await engine.RowsAsync<JobRecord>());
        Assert.Equal((1, engine.Clock.GetUtcNow().AddMinutes(1)), (job.RetriesLeft, job.DueAt));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(1));
        job = Assert.Single(await engine.RowsAsync<JobRecord>());
        Assert.Equal(0, job.RetriesLeft);
        Assert.Equal("failedJob", Assert.Single((await engine.Incidents.QueryAsync(instanceId: instance.Id)).Items).Kind);
    }

    [SkippableFact]
    public async Task AnUnreadableRetryCycle_IsADeployProblem()
    {
        var engine = await StartEngineAsync();
        var error = await Assert.ThrowsAsync<BpmnValidationException>(() => engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:serviceTask id="t" camunda:expression="${1}" camunda:asyncBefore="true" camunda:failedJobRetryTimeCycle="R3/soon"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "t", "e"))));
        Assert.Contains(error.Problems, p => p.ElementId == "t" && p.Message.Contains("failedJobRetryTimeCycle", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task TheDeclaredXmlEncoding_IsHonouredOnDeploy_AndTheFileIsKeptAsUtf8()
    {
        var engine = await StartEngineAsync();
        var xml = Process("p", """<bpmn:startEvent id="s" name="café"/><bpmn:endEvent id="e"/>""" + Flow("f", "s", "e"))
            .Replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"", StringComparison.Ordinal);
        var deployed = await engine.Definitions.DeployAsync("latin1.bpmn", Encoding.Latin1.GetBytes(xml));
        Assert.Single(deployed.Processes);
        var stored = await engine.Definitions.GetXmlAsync("p");
        Assert.Contains("name=\"café\"", stored, StringComparison.Ordinal);
        Assert.Contains("encoding=\"UTF-8\"", stored, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', stored!);
    }

    [SkippableFact]
    public async Task InvalidUtf8_IsRefusedWithAPosition_NotSilentlyReplaced()
    {
        var engine = await StartEngineAsync();
        var xml = Encoding.UTF8.GetBytes(Process("p", """<bpmn:startEvent id="s" name="caf#"/><bpmn:endEvent id="e"/>""" + Flow("f", "s", "e")));
        xml[Array.IndexOf(xml, (byte)'#')] = 0xE9; // Latin-1 é in a file that declares UTF-8
        var error = await Assert.ThrowsAsync<BpmnValidationException>(() => engine.Definitions.DeployAsync("bad.bpmn", xml));
        var problem = Assert.Single(error.Problems);
        Assert.True(problem.Line > 1, problem.ToString());
        Assert.Empty(await engine.RowsAsync<ProcessDefinitionRecord>());
    }

    [SkippableFact]
    public async Task StartingAVersionThatDoesNotExist_SaysSo_NotThatNothingIsDeployed()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """<bpmn:startEvent id="s"/><bpmn:endEvent id="e"/>""" + Flow("f", "s", "e")));
        var missing = await Assert.ThrowsAsync<WorkflowNotFoundException>(() => engine.Runtime.StartAsync(new StartRequest("p", Version: 7)));
        Assert.Contains("has no version 7", missing.Message, StringComparison.Ordinal);
        Assert.Contains("1 to 1", missing.Message, StringComparison.Ordinal);
        var unknown = await Assert.ThrowsAsync<WorkflowNotFoundException>(() => engine.Runtime.StartAsync(new StartRequest("q", Version: 1)));
        Assert.Contains("No process 'q' is deployed", unknown.Message, StringComparison.Ordinal);
    }
}

public sealed class ProbeDefectTests_Sqlite() : ProbeDefectTests(TestDatabaseProvider.Sqlite);
public sealed class ProbeDefectTests_Postgres() : ProbeDefectTests(TestDatabaseProvider.Postgres);
