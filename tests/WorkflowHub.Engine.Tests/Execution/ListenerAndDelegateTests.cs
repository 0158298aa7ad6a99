using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Engine.Services;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>A C# handler registered under a Java delegate's name; it appends its name and field "label" to the variable "trail".</summary>
public sealed class TrailHandler(string name) : IServiceTaskHandler
{
    public string Topic => name;

    public ValueTask ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        var label = context.Fields.TryGetValue("label", out var value) ? value?.ToString() : "";
        var trail = context.GetVariable("trail")?.GetValue<string>() ?? "";
        context.SetVariable("trail", JsonValue.Create($"{trail}[{name}:{label}]"));
        return ValueTask.CompletedTask;
    }
}

/// <summary>Java delegates run their registered C# handlers; execution and task listeners run or are refused (issue 13).</summary>
public abstract class ListenerAndDelegateTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    protected override void Configure(IServiceCollection services)
    {
        services.AddSingleton<IServiceTaskHandler>(new TrailHandler("sendNotice"));
        services.AddSingleton<IServiceTaskHandler>(new TrailHandler("ArchiveDelegate"));
    }

    [SkippableFact]
    public async Task DelegateExpressionAndClass_RunTheHandlerRegisteredUnderThatName_WithFields()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:serviceTask id="notify" camunda:delegateExpression="${sendNotice}"><bpmn:extensionElements>
              <camunda:field name="label"><camunda:expression>${'to-' + area}</camunda:expression></camunda:field>
            </bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:serviceTask id="archive" camunda:class="gov.city.grid.ArchiveDelegate"><bpmn:extensionElements>
              <camunda:field name="label" stringValue="fixed"/>
            </bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:userTask id="done"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "notify", "archive", "done", "e")));
        var instance = await engine.StartAsync("p", variables: new { area = "south", trail = "" });
        Assert.Equal("[sendNotice:to-south][ArchiveDelegate:fixed]", (await engine.VariableAsync(instance.Id, "trail"))!.GetValue<string>());
    }

    [SkippableFact]
    public async Task ADelegateWithoutARegisteredHandler_IsRefusedAtDeploy_NamingIt()
    {
        var engine = await StartEngineAsync();
        var error = await Assert.ThrowsAsync<BpmnValidationException>(() => engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:serviceTask id="pay" camunda:class="com.acme.PaymentDelegate"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "pay", "e"))));
        var problem = Assert.Single(error.Problems);
        Assert.Equal("pay", problem.ElementId);
        Assert.Contains("com.acme.PaymentDelegate", problem.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ExecutionListeners_RunOnStartEndAndTake_InOrder()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:scriptTask id="work" scriptFormat="javascript"><bpmn:extensionElements>
              <camunda:executionListener event="start" expression="${execution.setVariable('trail', trail + '[start]')}"/>
              <camunda:executionListener event="end"><camunda:script scriptFormat="javascript">execution.setVariable('trail', trail + '[end]')</camunda:script></camunda:executionListener>
            </bpmn:extensionElements><bpmn:script>execution.setVariable('trail', trail + '[work]')</bpmn:script></bpmn:scriptTask>
            <bpmn:userTask id="done"/><bpmn:endEvent id="e"/>
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="work"/>
            <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="done"><bpmn:extensionElements>
              <camunda:executionListener event="take" delegateExpression="${sendNotice}"><camunda:field name="label" stringValue="take"/></camunda:executionListener>
            </bpmn:extensionElements></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="f3" sourceRef="done" targetRef="e"/>
            """));
        var instance = await engine.StartAsync("p", variables: new { trail = "" });
        Assert.Equal("[start][work][end][sendNotice:take]", (await engine.VariableAsync(instance.Id, "trail"))!.GetValue<string>());
    }

    [SkippableFact]
    public async Task TaskListeners_RunOnCreateAssignmentCompleteAndDelete()
    {
        var engine = await StartEngineAsync();
        const string Listeners = """
            <bpmn:extensionElements>
              <camunda:taskListener event="create" expression="${execution.setVariable('trail', trail + '[create]')}"/>
              <camunda:taskListener event="assignment" expression="${execution.setVariable('trail', trail + '[assignment]')}"/>
              <camunda:taskListener event="complete"><camunda:script scriptFormat="javascript">execution.setVariable('trail', trail + '[complete:' + verdict + ']')</camunda:script></camunda:taskListener>
              <camunda:taskListener event="delete" expression="${execution.setVariable('trail', trail + '[delete]')}"/>
            </bpmn:extensionElements>
            """;
        await engine.DeployAsync(Process("p", $"""
            <bpmn:startEvent id="s"/><bpmn:userTask id="check">{Listeners}</bpmn:userTask>
            <bpmn:userTask id="other">{Listeners}</bpmn:userTask>
            <bpmn:boundaryEvent id="late" attachedToRef="other"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:userTask id="done"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
            """ + Chain("f", "s", "check", "other", "e") + Chain("t", "late", "done", "e2")));
        var instance = await engine.StartAsync("p", variables: new { trail = "" });
        var check = await engine.SingleTaskAsync(instance.Id, "check");
        await engine.Tasks.ClaimAsync(check.Id, "li");
        await engine.Tasks.CompleteAsync(check.Id, EngineHarness.Vars(new { verdict = "ok" }));
        await engine.AdvanceAsync(TimeSpan.FromHours(1));
        await engine.SingleTaskAsync(instance.Id, "done");
        Assert.Equal("[create][assignment][complete:ok][create][delete]", (await engine.VariableAsync(instance.Id, "trail"))!.GetValue<string>());
    }

    [SkippableFact]
    public async Task AListenerTheEngineCannotRun_IsRefused_NotIgnored()
    {
        var engine = await StartEngineAsync();
        var error = await Assert.ThrowsAsync<BpmnValidationException>(() => engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:userTask id="t"><bpmn:extensionElements>
              <camunda:executionListener event="start"><camunda:script scriptFormat="groovy">println 'hi'</camunda:script></camunda:executionListener>
              <camunda:taskListener event="timeout" expression="${1}"/>
            </bpmn:extensionElements></bpmn:userTask><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "t", "e"))));
        Assert.Equal(2, error.Problems.Count(p => p.ElementId == "t"));
    }

    [SkippableFact]
    public async Task AFailingCompleteListener_StopsTheTokenWithAnIncident()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:userTask id="t"><bpmn:extensionElements>
              <camunda:taskListener event="complete" expression="${execution.setVariable('x', missing.y)}"/>
            </bpmn:extensionElements></bpmn:userTask><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "t", "e")));
        var instance = await engine.StartAsync("p");
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id)).Id);
        var incident = Assert.Single((await engine.Incidents.QueryAsync(instanceId: instance.Id)).Items);
        Assert.Equal("t", incident.ElementId);
    }

    [SkippableFact]
    public async Task FlowableInOut_AndCalledElementBindingVersion_WorkLikeCamunda()
    {
        var engine = await StartEngineAsync();
        const string Child = """<bpmn:startEvent id="cs"/><bpmn:scriptTask id="double" scriptFormat="javascript" camunda:resultVariable="out"><bpmn:script>n * VERSION</bpmn:script></bpmn:scriptTask><bpmn:endEvent id="ce"/>""";
        await engine.DeployAsync(Process("child", Child.Replace("VERSION", "2", StringComparison.Ordinal) + Chain("c", "cs", "double", "ce")));
        await engine.DeployAsync(Process("child", Child.Replace("VERSION", "3", StringComparison.Ordinal) + Chain("c", "cs", "double", "ce")));
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:callActivity id="call" calledElement="child" camunda:calledElementBinding="version" camunda:calledElementVersion="1"><bpmn:extensionElements>
              <flowable:in xmlns:flowable="http://flowable.org/bpmn" source="amount" target="n"/>
              <flowable:out xmlns:flowable="http://flowable.org/bpmn" source="out" target="result"/>
            </bpmn:extensionElements></bpmn:callActivity>
            <bpmn:userTask id="done"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "call", "done", "e")));
        var instance = await engine.StartAsync("p", variables: new { amount = 21 });
        Assert.Equal(42, (await engine.VariableAsync(instance.Id, "result"))!.GetValue<int>());
    }
}

public sealed class ListenerAndDelegateTests_Sqlite() : ListenerAndDelegateTests(TestDatabaseProvider.Sqlite);
public sealed class ListenerAndDelegateTests_Postgres() : ListenerAndDelegateTests(TestDatabaseProvider.Postgres);
