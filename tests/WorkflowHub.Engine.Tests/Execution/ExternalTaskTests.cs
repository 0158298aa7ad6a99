using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Engine.ExternalTasks;
using WorkflowHub.Engine.Services;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>
/// External tasks (issue 13): a camunda:type="external" task whose topic has no in-process handler waits for a worker;
/// fetch-and-lock, complete, failure, BPMN error, lock expiry, extend and unlock, with Camunda 7's rules.
/// </summary>
public abstract class ExternalTaskTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private static string GeoFlow(string boundary = "") => Process("geo", $"""
        <bpmn:startEvent id="s"/>
        <bpmn:serviceTask id="lookup" camunda:type="external" camunda:topic="geo.lookup" camunda:taskPriority="{"${urgency * 10}"}">
          <bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="query">{"${address}"}</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements>
        </bpmn:serviceTask>
        {boundary}
        <bpmn:userTask id="review"/><bpmn:endEvent id="e"/>
        """ + Chain("f", "s", "lookup", "review", "e"));

    protected override void Configure(IServiceCollection services) =>
        services.AddSingleton<IServiceTaskHandler>(new TrailHandler("inproc.topic"));

    private IExternalTaskService Workers => Engine.Services.GetRequiredService<IExternalTaskService>();

    private static FetchAndLockRequest Fetch(string worker, TimeSpan? lockFor = null, int max = 10, TimeSpan? wait = null, string topic = "geo.lookup") =>
        new(worker, max, [new ExternalTaskTopic(topic, lockFor ?? Minute)]) { AsyncResponseTimeout = wait ?? TimeSpan.Zero };

    [SkippableFact]
    public async Task AnExternalTopicWithoutAHandler_Deploys_Waits_AndCompletingMovesTheTokenOn()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(GeoFlow());
        var instance = await engine.StartAsync("geo", "12345-7", new { address = "人民路 1 号", urgency = 3 });

        Assert.Empty((await engine.Incidents.QueryAsync(instanceId: instance.Id)).Items.Select(i => i.Message));
        var row = Assert.Single(await engine.RowsAsync<ExternalTaskRecord>());
        Assert.Equal(("geo.lookup", 30L, "lookup"), (row.Topic, row.Priority, row.ElementId));

        var locked = Assert.Single(await Workers.FetchAndLockAsync(Fetch("worker-1")));
        Assert.Equal(row.Id, locked.Id);
        Assert.Equal(engine.Clock.GetUtcNow() + Minute, locked.LockExpirationTime);
        Assert.Equal(("12345-7", "geo", instance.Id), (locked.BusinessKey, locked.ProcessDefinitionKey, locked.ProcessInstanceId));
        Assert.Equal("人民路 1 号", locked.Variables["address"]!.GetValue<string>());
        Assert.Equal("人民路 1 号", locked.Variables["query"]!.GetValue<string>());
        Assert.Empty(await Workers.FetchAndLockAsync(Fetch("worker-2")));

        await Assert.ThrowsAsync<WorkflowConflictException>(() => Workers.CompleteAsync(row.Id, "worker-2"));
        await Workers.CompleteAsync(row.Id, "worker-1", EngineHarness.Vars(new { grid = "DG01-01" }), EngineHarness.Vars(new { scratch = 1 }), actor: "geo-service");

        await engine.SingleTaskAsync(instance.Id, "review");
        var detail = await engine.InstanceAsync(instance.Id);
        Assert.Equal("DG01-01", detail.Variables["grid"]!.GetValue<string>());
        Assert.False(detail.Variables.ContainsKey("scratch"));
        Assert.Empty(await engine.RowsAsync<ExternalTaskRecord>());
        var history = await engine.History.GetInstanceHistoryAsync(instance.Id);
        Assert.Equal(["externalTask.created", "externalTask.locked", "externalTask.completed"],
            history.Where(h => h.Type.StartsWith("externalTask.", StringComparison.Ordinal)).Select(h => h.Type));
        Assert.Contains(history, h => h.Type == "externalTask.completed" && h.Actor == "geo-service");
    }

    [SkippableFact]
    public async Task AFetch_ReadsTheVariablesAsTheyAreNow_ChangedByAParallelBranchAfterTheTaskWasCreated()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("par", """
            <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/>
            <bpmn:serviceTask id="lookup" camunda:type="external" camunda:topic="geo.lookup">
              <bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="query">${address}</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:userTask id="correct"/><bpmn:parallelGateway id="join"/><bpmn:endEvent id="e"/>
            """ + Chain("a", "s", "fork", "lookup", "join", "e") + Chain("b", "fork", "correct", "join")));
        var instance = await engine.StartAsync("par", variables: new { address = "人民路 1 号", urgency = 1 });
        Assert.Single(await engine.RowsAsync<ExternalTaskRecord>());

        // The other branch corrects the address after the external task was created.
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id, "correct")).Id, EngineHarness.Vars(new { address = "人民路 2 号", checkedBy = "zhang" }));

        var locked = Assert.Single(await Workers.FetchAndLockAsync(new FetchAndLockRequest("w", 5,
            [new ExternalTaskTopic("geo.lookup", Minute) { Variables = ["address", "checkedBy"] }])));
        Assert.Equal(["address", "checkedBy"], locked.Variables.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("人民路 2 号", locked.Variables["address"]!.GetValue<string>());
        Assert.Equal("zhang", locked.Variables["checkedBy"]!.GetValue<string>());

        // localVariables: only the activity's own variables (its input mapping, evaluated when it was entered).
        await Workers.UnlockAsync(locked.Id);
        var local = Assert.Single(await Workers.FetchAndLockAsync(new FetchAndLockRequest("w", 5, [new ExternalTaskTopic("geo.lookup", Minute) { LocalVariables = true }])));
        Assert.Equal("人民路 1 号", Assert.Single(local.Variables, kv => kv.Key == "query").Value!.GetValue<string>());
        Assert.False(local.Variables.ContainsKey("address"));
    }

    [SkippableFact]
    public async Task AFlowableExternalWorkerTask_WaitsForAWorker_AsACamundaExternalTaskDoes()
    {
        var engine = await StartEngineAsync();
        // As Flowable's modeler saves it: the flowable namespace, type="external-worker" and a topic.
        await engine.DeployAsync(Process("fl", """
            <bpmn:startEvent id="s"/><bpmn:serviceTask id="job" flowable:type="external-worker" flowable:topic="geo.lookup"/>
            <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "job", "after", "e")).Replace("xmlns:camunda=", "xmlns:flowable=\"http://flowable.org/bpmn\" xmlns:camunda=", StringComparison.Ordinal));
        var instance = await engine.StartAsync("fl");
        var locked = Assert.Single(await Workers.FetchAndLockAsync(Fetch("flowable-worker")));
        Assert.Equal("job", locked.ActivityId);
        await Workers.CompleteAsync(locked.Id, "flowable-worker");
        await engine.SingleTaskAsync(instance.Id, "after");
    }

    [SkippableFact]
    public async Task ATopicWithAnInProcessHandler_KeepsRunningInProcess()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:serviceTask id="t" camunda:type="external" camunda:topic="inproc.topic"/>
            <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "t", "after", "e")));
        var instance = await engine.StartAsync("p", variables: new { trail = "" });
        await engine.SingleTaskAsync(instance.Id, "after");
        Assert.Equal("[inproc.topic:]", (await engine.VariableAsync(instance.Id, "trail"))!.GetValue<string>());
        Assert.Empty(await engine.RowsAsync<ExternalTaskRecord>());
    }

    [SkippableFact]
    public async Task AWorkerThatDiesHoldingALock_LosesTheTaskWhenTheLockExpires_AndTheTaskCompletesOnce()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(GeoFlow());
        var instance = await engine.StartAsync("geo", variables: new { address = "x", urgency = 1 });
        var first = Assert.Single(await Workers.FetchAndLockAsync(Fetch("dies", TimeSpan.FromSeconds(30))));

        engine.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(await Workers.FetchAndLockAsync(Fetch("second")));
        engine.Clock.Advance(TimeSpan.FromSeconds(1));
        var again = Assert.Single(await Workers.FetchAndLockAsync(Fetch("second")));
        Assert.Equal(first.Id, again.Id);

        // The first worker comes back too late: the task is the second worker's now.
        await Assert.ThrowsAsync<WorkflowConflictException>(() => Workers.CompleteAsync(first.Id, "dies"));
        await Workers.CompleteAsync(again.Id, "second");
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => Workers.CompleteAsync(first.Id, "second"));

        var history = await engine.History.GetInstanceHistoryAsync(instance.Id);
        Assert.Single(history, h => h.Type == "externalTask.completed");
        Assert.Equal(2, history.Count(h => h.Type == "externalTask.locked"));
        Assert.Single(history, h => h.Type == "task.created" && h.ElementId == "review");
    }

    [SkippableFact]
    public async Task LongPolling_ReturnsATaskCreatedWhileItWaits_AndReturnsEmptyOnlyWhenItsTimeoutPasses()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(GeoFlow());

        var waiting = Workers.FetchAndLockAsync(Fetch("poller", wait: TimeSpan.FromMinutes(10)));
        Assert.False(waiting.IsCompleted);
        var instance = await engine.StartAsync("geo", variables: new { address = "x", urgency = 1 });
        var locked = Assert.Single(await waiting.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal(instance.Id, locked.ProcessInstanceId);

        var empty = Workers.FetchAndLockAsync(Fetch("poller", wait: TimeSpan.FromSeconds(20)));
        Assert.False(empty.IsCompleted);
        engine.Clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Empty(await empty.WaitAsync(TimeSpan.FromMinutes(1)));
    }

    [SkippableFact]
    public async Task LongPolling_EndsWhenTheCallerGivesUp()
    {
        var engine = await StartEngineAsync();
        using var gone = new CancellationTokenSource();
        var waiting = Workers.FetchAndLockAsync(Fetch("poller", wait: TimeSpan.FromMinutes(10)), gone.Token);
        await gone.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromMinutes(1)));
    }

    [SkippableFact]
    public async Task Failures_CountRetriesDown_WaitTheirTimeout_AndAtZeroRaiseAnIncidentThatARetryGivesBack()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(GeoFlow());
        var instance = await engine.StartAsync("geo", variables: new { address = "x", urgency = 1 });
        var task = Assert.Single(await Workers.FetchAndLockAsync(Fetch("w")));

        await Workers.HandleFailureAsync(new ExternalTaskFailure(task.Id, "w", "map service down", "HTTP 503", 2, TimeSpan.FromMinutes(5)));
        Assert.Empty(await Workers.FetchAndLockAsync(Fetch("w")));
        engine.Clock.Advance(TimeSpan.FromMinutes(5));
        var retried = Assert.Single(await Workers.FetchAndLockAsync(Fetch("w")));
        Assert.Equal((2, "map service down", "HTTP 503"), (retried.Retries, retried.ErrorMessage, retried.ErrorDetails));

        await Workers.HandleFailureAsync(new ExternalTaskFailure(task.Id, "w", "still down", null, 0, TimeSpan.Zero));
        var incident = Assert.Single((await engine.Incidents.QueryAsync(instanceId: instance.Id)).Items);
        Assert.Equal("failedExternalTask", incident.Kind);
        Assert.Contains("still down", incident.Message, StringComparison.Ordinal);
        engine.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Empty(await Workers.FetchAndLockAsync(Fetch("w")));

        await engine.Incidents.RetryAsync(incident.Id, "admin");
        Assert.Empty((await engine.Incidents.QueryAsync(instanceId: instance.Id)).Items);
        var back = Assert.Single(await Workers.FetchAndLockAsync(Fetch("w")));
        Assert.Equal(1, back.Retries);
        await Workers.CompleteAsync(back.Id, "w");
        await engine.SingleTaskAsync(instance.Id, "review");
    }

    [SkippableFact]
    public async Task ABpmnError_IsCaughtByTheErrorBoundaryEvent_WithTheWorkersVariables()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(GeoFlow("""
            <bpmn:boundaryEvent id="noGrid" attachedToRef="lookup"><bpmn:errorEventDefinition errorRef="NO_GRID"/></bpmn:boundaryEvent>
            <bpmn:userTask id="manual"/><bpmn:endEvent id="e2"/>
            <bpmn:sequenceFlow id="b1" sourceRef="noGrid" targetRef="manual"/><bpmn:sequenceFlow id="b2" sourceRef="manual" targetRef="e2"/>
            """));
        var instance = await engine.StartAsync("geo", variables: new { address = "x", urgency = 1 });
        var task = Assert.Single(await Workers.FetchAndLockAsync(Fetch("w")));

        await Assert.ThrowsAsync<WorkflowConflictException>(() => Workers.HandleBpmnErrorAsync(task.Id, "other", "NO_GRID"));
        await Workers.HandleBpmnErrorAsync(task.Id, "w", "NO_GRID", "address not on the map", EngineHarness.Vars(new { reason = "unknown street" }));

        await engine.SingleTaskAsync(instance.Id, "manual");
        Assert.Equal("unknown street", (await engine.VariableAsync(instance.Id, "reason"))!.GetValue<string>());
        Assert.Empty(await engine.RowsAsync<ExternalTaskRecord>());
    }

    [SkippableFact]
    public async Task AnInterruptingTimerOnTheTask_TakesTheExternalTaskAway()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(GeoFlow("""
            <bpmn:boundaryEvent id="late" attachedToRef="lookup"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:endEvent id="e2"/><bpmn:sequenceFlow id="b1" sourceRef="late" targetRef="e2"/>
            """));
        var instance = await engine.StartAsync("geo", variables: new { address = "x", urgency = 1 });
        var task = Assert.Single(await Workers.FetchAndLockAsync(Fetch("w", TimeSpan.FromHours(2))));

        await engine.AdvanceAsync(TimeSpan.FromHours(1));

        Assert.Empty(await engine.RowsAsync<ExternalTaskRecord>());
        Assert.Equal(WorkflowHub.Engine.Persistence.InstanceStatus.Completed, (await engine.InstanceAsync(instance.Id)).Summary.Status);
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => Workers.CompleteAsync(task.Id, "w"));
    }

    [SkippableFact]
    public async Task ExtendLockAndUnlock_FollowCamundasRules()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(GeoFlow());
        await engine.StartAsync("geo", variables: new { address = "x", urgency = 1 });
        var task = Assert.Single(await Workers.FetchAndLockAsync(Fetch("w", TimeSpan.FromSeconds(30))));

        await Assert.ThrowsAsync<WorkflowConflictException>(() => Workers.ExtendLockAsync(task.Id, "other", Minute));
        await Workers.ExtendLockAsync(task.Id, "w", TimeSpan.FromMinutes(10));
        engine.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Empty(await Workers.FetchAndLockAsync(Fetch("other")));
        engine.Clock.Advance(TimeSpan.FromMinutes(1));
        await Assert.ThrowsAsync<WorkflowConflictException>(() => Workers.ExtendLockAsync(task.Id, "w", Minute));

        await Workers.UnlockAsync(task.Id);
        Assert.Single(await Workers.FetchAndLockAsync(Fetch("other")));
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => Workers.UnlockAsync("no-such-task"));
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => Workers.CompleteAsync("no-such-task", "w"));
        var listed = Assert.Single((await Workers.QueryAsync(new ExternalTaskQuery { Locked = true })).Items);
        Assert.Equal("other", listed.WorkerId);
    }

    [SkippableFact]
    public async Task ConcurrentFetches_NeverLockTheSameTask_AndPriorityComesFirst()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(GeoFlow());
        for (var i = 1; i <= 12; i++)
        {
            await engine.StartAsync("geo", variables: new { address = $"a{i}", urgency = i });
        }
        var fetches = await Task.WhenAll(Enumerable.Range(1, 4).Select(w => Workers.FetchAndLockAsync(Fetch($"w{w}", max: 5))));
        var all = fetches.SelectMany(f => f).ToList();
        Assert.Equal(12, all.Count);
        Assert.Equal(12, all.Select(t => t.Id).Distinct().Count());
        Assert.All(fetches, f => Assert.Equal(f.OrderByDescending(t => t.Priority), f));
        Assert.All(fetches.Where(f => f.Count > 0), f => Assert.Single(f.Select(t => t.WorkerId).Distinct()));
    }
}

public sealed class ExternalTaskTests_Sqlite() : ExternalTaskTests(TestDatabaseProvider.Sqlite);
public sealed class ExternalTaskTests_Postgres() : ExternalTaskTests(TestDatabaseProvider.Postgres);
