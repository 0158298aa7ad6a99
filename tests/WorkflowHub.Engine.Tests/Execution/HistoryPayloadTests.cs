using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Engine.Runtime;
using WorkflowHub.Engine.Services;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>
/// What history rows say (the instance viewer, the case timeline and the KPIs read nothing else): who, which element
/// of which type, which task, and each event's payload.
/// </summary>
public abstract class HistoryPayloadTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    protected override void Configure(IServiceCollection services) => services.AddSingleton<IServiceTaskHandler>(new CodeThrowingHandler());

    private async Task<IReadOnlyList<HistoryEvent>> HistoryAsync(string instanceId) => await Engine.History.GetInstanceHistoryAsync(instanceId);

    [SkippableFact]
    public async Task AUserTasksLife_IsWrittenWithItsActorsAndPayloads()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:userTask id="review" name="复核" camunda:assignee="${who}" camunda:candidateGroups="grid, street" camunda:dueDate="P2D"/>
            <bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "review", "e")));
        var instance = await engine.Runtime.StartAsync(new StartRequest("p", "BK-1", EngineHarness.Vars(new { who = "li" }), Actor: "clerk"));
        var task = await engine.SingleTaskAsync(instance.Id, "review");

        var started = await HistoryAsync(instance.Id);
        Assert.Equal(HistoryTypes.InstanceStarted, started[0].Type);
        Assert.Equal("s", started[0].Data!["startEvent"]!.GetValue<string>());
        Assert.All(started, h => Assert.Equal("clerk", h.Actor));
        var who = Assert.Single(started, h => h.Type == HistoryTypes.VariableSet);
        Assert.Equal(("who", "li", false), (who.Data!["name"]!.GetValue<string>(), who.Data["value"]!.GetValue<string>(), who.Data.AsObject().ContainsKey("scope")));
        // A pass-through element is one "activity" row; a waiting one is "activity.started" until it ends.
        var start = Assert.Single(started, h => h.ElementId == "s");
        Assert.Equal((HistoryTypes.Activity, "startEvent"), (start.Type, start.ElementType));
        var reviewStarted = Assert.Single(started, h => h.ElementId == "review" && h.TaskId is null);
        Assert.Equal((HistoryTypes.ActivityStarted, "userTask"), (reviewStarted.Type, reviewStarted.ElementType));
        var created = Assert.Single(started, h => h.Type == HistoryTypes.TaskCreated);
        Assert.Equal((task.Id, "review", reviewStarted.TokenId), (created.TaskId, created.ElementId, created.TokenId));
        Assert.Equal("复核", created.Data!["name"]!.GetValue<string>());
        Assert.Equal("li", created.Data["assignee"]!.GetValue<string>());
        Assert.Equal("grid,street", created.Data["candidateGroups"]!.GetValue<string>());
        Assert.Equal(EngineHarness.Epoch.AddDays(2), DateTimeOffset.Parse(created.Data["dueDate"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));

        await engine.Tasks.CompleteAsync(task.Id, EngineHarness.Vars(new { verdict = "ok" }), "li", "已复核");

        var later = (await HistoryAsync(instance.Id)).Skip(started.Count).ToList();
        Assert.All(later, h => Assert.Equal("li", h.Actor));
        var completed = Assert.Single(later, h => h.Type == HistoryTypes.TaskCompleted);
        Assert.Equal((task.Id, "已复核"), (completed.TaskId, completed.Data!["comment"]!.GetValue<string>()));
        Assert.Equal("review", Assert.Single(later, h => h.Type == HistoryTypes.ActivityCompleted).ElementId);
        Assert.Equal("verdict", Assert.Single(later, h => h.Type == HistoryTypes.VariableSet).Data!["name"]!.GetValue<string>());
        Assert.Equal((HistoryTypes.Activity, "endEvent"), (Assert.Single(later, h => h.ElementId == "e").Type, Assert.Single(later, h => h.ElementId == "e").ElementType));
        Assert.Equal(HistoryTypes.InstanceCompleted, later[^1].Type);
        Assert.Null(later[^1].Data);
    }

    [SkippableFact]
    public async Task AVariableThatLivesOnATasksScope_IsSetThereAndHistoryNamesTheScope()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:userTask id="fix"><bpmn:extensionElements><camunda:inputOutput>
              <camunda:inputParameter name="draft">${'v1'}</camunda:inputParameter>
              <camunda:outputParameter name="final">${draft}</camunda:outputParameter>
            </camunda:inputOutput></bpmn:extensionElements></bpmn:userTask>
            <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "fix", "after", "e")));
        var instance = await engine.StartAsync("p");
        var task = await engine.SingleTaskAsync(instance.Id, "fix");

        await engine.Tasks.CompleteAsync(task.Id, EngineHarness.Vars(new { draft = "v2", note = "n" }));

        var variables = (await engine.InstanceAsync(instance.Id)).Variables;
        Assert.False(variables.ContainsKey("draft"));
        Assert.Equal("v2", variables["final"]!.GetValue<string>());
        Assert.Equal("n", variables["note"]!.GetValue<string>());
        var history = await HistoryAsync(instance.Id);
        var tokenId = Assert.Single(history, h => h.Type == HistoryTypes.TaskCreated && h.ElementId == "fix").TokenId;
        var draft = Assert.Single(history, h => h.Type == HistoryTypes.VariableSet && h.Data!["name"]!.GetValue<string>() == "draft");
        Assert.Equal((tokenId, "v2"), (draft.Data!["scope"]!.GetValue<string>(), draft.Data["value"]!.GetValue<string>()));
        var note = Assert.Single(history, h => h.Type == HistoryTypes.VariableSet && h.Data!["name"]!.GetValue<string>() == "note");
        Assert.False(note.Data!.AsObject().ContainsKey("scope"));
    }

    [SkippableFact]
    public async Task AnIncident_IsWrittenWithItsKind_AndResolvedWhenTheInstanceIsCancelled()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:userTask id="t" camunda:assignee="${missing.name}"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "t", "e")));
        var instance = await engine.StartAsync("p");
        var incident = Assert.Single((await engine.Incidents.QueryAsync(instanceId: instance.Id)).Items);
        var raised = Assert.Single(await HistoryAsync(instance.Id), h => h.Type == HistoryTypes.IncidentCreated);
        Assert.Equal(("t", "userTask", incident.Id, "expression", incident.Message),
            (raised.ElementId, raised.ElementType, raised.Data!["incidentId"]!.GetValue<string>(), raised.Data["kind"]!.GetValue<string>(), raised.Data["message"]!.GetValue<string>()));

        await engine.Runtime.CancelAsync(instance.Id, "tester", "duplicate report");

        Assert.Empty((await engine.Incidents.QueryAsync(instanceId: instance.Id)).Items);
        Assert.NotNull(Assert.Single((await engine.Incidents.QueryAsync(openOnly: false, instanceId: instance.Id)).Items).ResolvedAt);
        var history = await HistoryAsync(instance.Id);
        var resolved = Assert.Single(history, h => h.Type == HistoryTypes.IncidentResolved);
        Assert.Equal((incident.Id, "tester"), (resolved.Data!["incidentId"]!.GetValue<string>(), resolved.Actor));
        Assert.Equal("t", Assert.Single(history, h => h.Type == HistoryTypes.ActivityCancelled).ElementId);
        var cancelled = history[^1];
        Assert.Equal((HistoryTypes.InstanceCancelled, "duplicate report"), (cancelled.Type, cancelled.Data!["reason"]!.GetValue<string>()));
    }

    [SkippableFact]
    public async Task AnActivityCancelledInTheStepThatStartedIt_IsNotWrittenAsCompleted()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:serviceTask id="svc" camunda:topic="throw"/>
            <bpmn:boundaryEvent id="caught" attachedToRef="svc"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>
            <bpmn:userTask id="handle"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
            """ + Chain("f", "s", "svc", "e") + Chain("g", "caught", "handle", "e2")));
        var instance = await engine.StartAsync("p", variables: new { code = "X" });

        var svc = (await HistoryAsync(instance.Id)).Where(h => h.ElementId == "svc" && h.Type.StartsWith("activity", StringComparison.Ordinal)).Select(h => h.Type);
        Assert.Equal([HistoryTypes.ActivityStarted, HistoryTypes.ActivityCancelled], svc);
        Assert.Equal(HistoryTypes.Activity, Assert.Single(await HistoryAsync(instance.Id), h => h.ElementId == "caught").Type);
    }

    [SkippableFact]
    public async Task ThrownSignalsAndEscalations_AreWrittenWithTheirNameAndCode()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:intermediateThrowEvent id="alarm"><bpmn:signalEventDefinition signalRef="sig"/></bpmn:intermediateThrowEvent>
            <bpmn:intermediateThrowEvent id="up"><bpmn:escalationEventDefinition escalationRef="esc"/></bpmn:intermediateThrowEvent>
            <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "alarm", "up", "after", "e"),
            """<bpmn:signal id="sig" name="Alarm"/><bpmn:escalation id="esc" escalationCode="E1"/>"""));
        var instance = await engine.StartAsync("p");

        await engine.SingleTaskAsync(instance.Id, "after");
        var history = await HistoryAsync(instance.Id);
        var signal = Assert.Single(history, h => h.Type == HistoryTypes.SignalThrown);
        Assert.Equal(("alarm", "Alarm"), (signal.ElementId, signal.Data!["signalName"]!.GetValue<string>()));
        var escalation = Assert.Single(history, h => h.Type == HistoryTypes.EscalationThrown);
        Assert.Equal(("up", "E1"), (escalation.ElementId, escalation.Data!["escalationCode"]!.GetValue<string>()));
    }
}

public sealed class HistoryPayloadTests_Sqlite() : HistoryPayloadTests(TestDatabaseProvider.Sqlite);
public sealed class HistoryPayloadTests_Postgres() : HistoryPayloadTests(TestDatabaseProvider.Postgres);
