using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Runtime;
using WorkflowHub.Engine.Services;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>A handler that records a variable and can be told to fail or throw a BPMN error.</summary>
public sealed class RecordingHandler : IServiceTaskHandler
{
    public string Topic => "record";
    public int Calls;

    public ValueTask ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        Interlocked.Increment(ref Calls);
        var mode = context.GetVariable("mode")?.GetValue<string>();
        if (mode == "fail")
        {
            throw new InvalidOperationException("the mail server said no");
        }
        if (mode == "bpmnError")
        {
            throw new BpmnError("NOT_FOUND", "no such problem");
        }
        context.SetVariable("recorded", JsonValue.Create(context.ElementId));
        return ValueTask.CompletedTask;
    }
}

public abstract class BasicFlowTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    private readonly RecordingHandler _handler = new();

    protected override void Configure(IServiceCollection services) => services.AddSingleton<IServiceTaskHandler>(_handler);

    [SkippableFact]
    public async Task NoneStartToNoneEnd_CompletesTheInstance_Bpmn10_5_2()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """<bpmn:startEvent id="s"/><bpmn:endEvent id="e"/>""" + Chain("f", "s", "e")));
        var instance = await engine.StartAsync("p", "BK-1");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        var history = await engine.History.GetInstanceHistoryAsync(instance.Id);
        Assert.Equal(HistoryTypes.InstanceStarted, history[0].Type);
        Assert.Equal(HistoryTypes.InstanceCompleted, history[^1].Type);
        Assert.Contains(history, h => h.Type == HistoryTypes.Activity && h.ElementId == "e");
    }

    [SkippableFact]
    public async Task ServiceTask_RunsTheHandlerOfItsTopicInsideTheStep_CamundaExternalTopic()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:serviceTask id="svc" camunda:type="external" camunda:topic="record"/>
            <bpmn:userTask id="wait"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "svc", "wait", "e")));
        var instance = await engine.StartAsync("p");
        Assert.Equal(1, _handler.Calls);
        Assert.Equal("svc", (await engine.VariableAsync(instance.Id, "recorded"))!.GetValue<string>());
    }

    [SkippableFact]
    public async Task ServiceAndSendTasks_WithCamundaExpression_StoreTheResultVariable()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:serviceTask id="score" camunda:expression="${severity * 10}" camunda:resultVariable="points"/>
            <bpmn:sendTask id="notice" camunda:expression="${'督办单 ' + caseNo}" camunda:resultVariable="subject"/>
            <bpmn:userTask id="wait"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "score", "notice", "wait", "e")));
        var instance = await engine.StartAsync("p", variables: new { severity = 3, caseNo = "WT-42" });
        Assert.Equal(30, (await engine.VariableAsync(instance.Id, "points"))!.GetValue<int>());
        Assert.Equal("督办单 WT-42", (await engine.VariableAsync(instance.Id, "subject"))!.GetValue<string>());
    }

    [SkippableFact]
    public async Task ScriptTask_SetsVariablesAndResultVariable()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:scriptTask id="calc" scriptFormat="javascript" camunda:resultVariable="total"><bpmn:script>execution.setVariable('doubled', amount * 2); amount + 1</bpmn:script></bpmn:scriptTask>
            <bpmn:userTask id="wait"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "calc", "wait", "e")));
        var instance = await engine.StartAsync("p", variables: new { amount = 20 });
        Assert.Equal(40, (await engine.VariableAsync(instance.Id, "doubled"))!.GetValue<int>());
        Assert.Equal(21, (await engine.VariableAsync(instance.Id, "total"))!.GetValue<int>());
    }

    [SkippableFact]
    public async Task FailingHandler_BecomesAnIncident_AndRetryResumesFromThatToken()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:serviceTask id="svc" camunda:topic="record"/>
            <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "svc", "after", "e")));
        var instance = await engine.StartAsync("p", variables: new { mode = "fail" });
        Assert.Equal(InstanceStatus.Running, instance.Status);
        Assert.Equal(1, instance.OpenIncidents);
        var incident = Assert.Single((await engine.Incidents.QueryAsync()).Items);
        Assert.Equal("svc", incident.ElementId);
        Assert.Equal("failedExecution", incident.Kind);
        Assert.Contains("the mail server said no", incident.Message, StringComparison.Ordinal);
        Assert.Empty(await engine.OpenTasksAsync(instance.Id));

        var stopped = await engine.InstanceAsync(instance.Id);
        Assert.Contains(stopped.Activities, a => a.ElementId == "svc" && a.State == nameof(TokenState.Failed));

        // The operator fixes the cause (here: the variable) and retries.
        await SetVariableThroughScriptFreeStepAsync(engine, instance.Id);
        await engine.Incidents.RetryAsync(incident.Id, "operator-wang");
        Assert.Empty((await engine.Incidents.QueryAsync()).Items);
        await engine.SingleTaskAsync(instance.Id, "after");
        var resolved = Assert.Single(await engine.History.GetInstanceHistoryAsync(instance.Id), h => h.Type == HistoryTypes.IncidentResolved);
        Assert.Equal("operator-wang", resolved.Actor);
    }

    [SkippableFact]
    public async Task BpmnErrorFromHandler_IsCaughtByTheErrorBoundaryEvent_Bpmn10_5_3()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:serviceTask id="svc" camunda:topic="record"/>
            <bpmn:boundaryEvent id="caught" attachedToRef="svc"><bpmn:errorEventDefinition errorRef="err" camunda:errorCodeVariable="code"/></bpmn:boundaryEvent>
            <bpmn:userTask id="fixIt"/><bpmn:userTask id="normal"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "svc", "normal", "e") + Chain("g", "caught", "fixIt"),
            """<bpmn:error id="err" errorCode="NOT_FOUND"/>"""));
        var instance = await engine.StartAsync("p", variables: new { mode = "bpmnError" });
        await engine.SingleTaskAsync(instance.Id, "fixIt");
        Assert.Equal("NOT_FOUND", (await engine.VariableAsync(instance.Id, "code"))!.GetValue<string>());
    }

    [SkippableFact]
    public async Task TerminateEndEvent_EndsEveryTokenOfTheProcess_Bpmn10_5_3()
    {
        var engine = await StartEngineAsync();
        // Both branches are started and waiting (a task with a timer, a task) before the terminate end event is reached.
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/>
            <bpmn:userTask id="a"/>
            <bpmn:boundaryEvent id="late" attachedToRef="a" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:userTask id="go"/><bpmn:endEvent id="stop"><bpmn:terminateEventDefinition/></bpmn:endEvent>
            <bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
            """ + Flow("f1", "s", "fork") + Flow("f2", "fork", "a") + Flow("f3", "fork", "go") + Flow("f4", "a", "e") + Flow("f5", "go", "stop") + Flow("f6", "late", "e2")));
        var instance = await engine.StartAsync("p");
        Assert.Equal(2, (await engine.OpenTasksAsync(instance.Id)).Count);
        Assert.Single(await engine.RowsAsync<JobRecord>());

        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "go")).Id);

        Assert.Equal(InstanceStatus.Completed, (await engine.InstanceAsync(instance.Id)).Summary.Status);
        Assert.Empty(await engine.OpenTasksAsync(instance.Id));
        Assert.Empty(await engine.RowsAsync<JobRecord>());
        Assert.Empty((await engine.InstanceAsync(instance.Id)).Activities);
    }

    [SkippableFact]
    public async Task FailingExpression_BecomesAnIncident_NotACrash()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:userTask id="t" camunda:assignee="${missing.name}"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "t", "e")));
        var instance = await engine.StartAsync("p");
        var incident = Assert.Single((await engine.Incidents.QueryAsync(instanceId: instance.Id)).Items);
        Assert.Equal("t", incident.ElementId);
        Assert.Equal("expression", incident.Kind);
        Assert.Empty(await engine.OpenTasksAsync(instance.Id));
    }

    [SkippableFact]
    public async Task Cancel_EndsTasksAndTimers()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:userTask id="t"/>
            <bpmn:boundaryEvent id="remind" attachedToRef="t" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeCycle>R/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "t", "e")));
        var instance = await engine.StartAsync("p");
        await engine.Runtime.CancelAsync(instance.Id, "tester", "duplicate report");
        Assert.Equal(InstanceStatus.Cancelled, (await engine.InstanceAsync(instance.Id)).Summary.Status);
        Assert.Empty(await engine.OpenTasksAsync(instance.Id));
        Assert.Empty(await engine.RowsAsync<JobRecord>());
        await Assert.ThrowsAsync<WorkflowConflictException>(() => engine.Runtime.CancelAsync(instance.Id));
    }

    private static async Task SetVariableThroughScriptFreeStepAsync(EngineHarness engine, string instanceId)
    {
        // A message-free way to change a variable: rewrite it in the stored state, as an operator tool would.
        await using var db = engine.NewContext();
        var record = db.Set<ProcessInstanceRecord>().Single(i => i.Id == instanceId);
        var state = InstanceState.Deserialize(record.State);
        state.Variables["mode"] = JsonValue.Create("ok");
        record.State = state.Serialize();
        await db.SaveChangesAsync();
    }
}

public sealed class BasicFlowTests_Sqlite() : BasicFlowTests(TestDatabaseProvider.Sqlite);
public sealed class BasicFlowTests_Postgres() : BasicFlowTests(TestDatabaseProvider.Postgres);
