using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Services;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>Diagrams as Camunda Modeler and Flowable save them deploy and run unchanged (issue 13).</summary>
public abstract class CamundaCompatibilityTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    private static string Routed(string condition) => Process("p", $"""
        <bpmn:startEvent id="s"/><bpmn:exclusiveGateway id="xor" default="toNormal"/>
        <bpmn:userTask id="urgent"/><bpmn:userTask id="normal"/><bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>
        <bpmn:sequenceFlow sourceRef="s" targetRef="xor"/>
        <bpmn:sequenceFlow id="toUrgent" sourceRef="xor" targetRef="urgent"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">{System.Security.SecurityElement.Escape(condition)}</bpmn:conditionExpression></bpmn:sequenceFlow>
        <bpmn:sequenceFlow id="toNormal" sourceRef="xor" targetRef="normal"/>
        <bpmn:sequenceFlow sourceRef="urgent" targetRef="e1"/><bpmn:sequenceFlow sourceRef="normal" targetRef="e2"/>
        """);

    [SkippableTheory]
    [InlineData("${severity eq 'high' and not empty area}", """{"severity":"high","area":"south"}""", "urgent")]
    [InlineData("${severity eq 'high' and not empty area}", """{"severity":"high","area":""}""", "normal")]
    [InlineData("${severity eq 'high' and not empty area}", """{"severity":"low","area":"south"}""", "normal")]
    [InlineData("#{days gt 3 || priority >= 50}", """{"days":4,"priority":0}""", "urgent")]
    [InlineData("#{days gt 3 || priority >= 50}", """{"days":3,"priority":50}""", "urgent")]
    [InlineData("#{days gt 3 || priority >= 50}", """{"days":3,"priority":49}""", "normal")]
    [InlineData("${days mod 2 eq 1 and days div 2 ge 1}", """{"days":3}""", "urgent")]
    [InlineData("${days mod 2 eq 1 and days div 2 ge 1}", """{"days":1}""", "normal")]
    [InlineData("${days le 1 or days lt 0 or days ne days}", """{"days":1}""", "urgent")]
    [InlineData("${not empty list and list[0] eq 'x'}", """{"list":["x"]}""", "urgent")]
    [InlineData("${not empty list}", """{"list":[]}""", "normal")]
    [InlineData("${order.and eq 'and'}", """{"order":{"and":"and"}}""", "urgent")]
    public async Task JuelOperatorsAndHashPlaceholders_RouteAsACamundaUserExpects(string condition, string variables, string expected)
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Routed(condition));
        var instance = await engine.Runtime.StartAsync(new StartRequest("p", Variables: System.Text.Json.Nodes.JsonNode.Parse(variables)!.AsObject()
            .ToDictionary(kv => kv.Key, kv => kv.Value?.DeepClone())));
        await engine.SingleTaskAsync(instance.Id, expected);
    }

    [SkippableFact]
    public async Task SequenceFlowsWithoutId_GetStableGeneratedIds()
    {
        var engine = await StartEngineAsync();
        var first = await engine.DeployAsync(Routed("${true}"));
        Assert.Single(first.Processes);
        var instance = await engine.StartAsync("p");
        await engine.SingleTaskAsync(instance.Id, "urgent");
        var history = await engine.History.GetInstanceHistoryAsync(instance.Id);
        Assert.Contains(history, h => h.ElementId == "xor");
        var model = new WorkflowHub.Engine.Parsing.BpmnParser().Parse(Routed("${true}")).Processes[0];
        Assert.Contains("flow_s_xor", model.Flows.Keys);
        Assert.Contains("flow_urgent_e1", model.Flows.Keys);
    }

    [SkippableFact]
    public async Task ASyntaxErrorInAnExpression_IsADeployProblemAtItsElement_NotARuntimeIncident()
    {
        var engine = await StartEngineAsync();
        var error = await Assert.ThrowsAsync<BpmnValidationException>(() => engine.DeployAsync(Routed("${severity ==== 'high'}")));
        var problem = Assert.Single(error.Problems);
        Assert.Equal("toUrgent", problem.ElementId);
        Assert.Contains("syntax error", problem.Message, StringComparison.Ordinal);
        Assert.True(problem.Line > 1);
    }

    [SkippableFact]
    public async Task ASyntaxErrorInAScript_IsADeployProblem()
    {
        var engine = await StartEngineAsync();
        var error = await Assert.ThrowsAsync<BpmnValidationException>(() => engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:scriptTask id="calc" scriptFormat="javascript"><bpmn:script>var x = ;</bpmn:script></bpmn:scriptTask><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "calc", "e"))));
        Assert.Equal("calc", Assert.Single(error.Problems).ElementId);
    }

    [SkippableFact]
    public async Task AReceiveTaskWithoutMessageRef_WaitsUntilTriggered_WithVariables()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:receiveTask id="wait"/><bpmn:userTask id="next"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "wait", "next", "e")));
        var instance = await engine.StartAsync("p");
        Assert.Empty(await engine.OpenTasksAsync(instance.Id));
        Assert.Empty(await engine.RowsAsync<MessageSubscriptionRecord>());
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => engine.Runtime.TriggerAsync(instance.Id, "next"));

        await engine.Runtime.TriggerAsync(instance.Id, "wait", EngineHarness.Vars(new { checkedBy = "li" }), "admin");

        await engine.SingleTaskAsync(instance.Id, "next");
        Assert.Equal("li", (await engine.VariableAsync(instance.Id, "checkedBy"))!.GetValue<string>());
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => engine.Runtime.TriggerAsync(instance.Id, "wait"));
    }

    [SkippableFact]
    public async Task AnErrorRefNamingNoBpmnError_IsCaughtByThatCode()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:subProcess id="sub"><bpmn:startEvent id="ss"/><bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="REJECTED"/></bpmn:endEvent><bpmn:sequenceFlow id="sf" sourceRef="ss" targetRef="fail"/></bpmn:subProcess>
            <bpmn:boundaryEvent id="other" attachedToRef="sub"><bpmn:errorEventDefinition errorRef="OTHER"/></bpmn:boundaryEvent>
            <bpmn:boundaryEvent id="caught" attachedToRef="sub"><bpmn:errorEventDefinition errorRef="REJECTED"/></bpmn:boundaryEvent>
            <bpmn:userTask id="rework"/><bpmn:userTask id="wrong"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/><bpmn:endEvent id="e3"/>
            """ + Chain("f", "s", "sub", "e") + Chain("c", "caught", "rework", "e2") + Chain("o", "other", "wrong", "e3")));
        var instance = await engine.StartAsync("p");
        await engine.SingleTaskAsync(instance.Id, "rework");
        Assert.DoesNotContain(await engine.OpenTasksAsync(instance.Id), t => t.ElementId == "wrong");
    }

    [SkippableFact]
    public async Task FormFields_UnderEveryPrefix_AreDeclaredOnTheTaskForm()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/>
            <bpmn:userTask id="camundaForm"><bpmn:extensionElements><camunda:formData>
              <camunda:formField id="severity" label="严重程度" type="enum" defaultValue="low">
                <camunda:validation><camunda:constraint name="required"/></camunda:validation>
                <camunda:value id="low" name="一般"/><camunda:value id="high" name="紧急"/>
              </camunda:formField>
              <camunda:formField id="note" type="string"><camunda:validation><camunda:constraint name="readonly"/></camunda:validation></camunda:formField>
            </camunda:formData></bpmn:extensionElements></bpmn:userTask>
            <bpmn:userTask id="activitiForm"><bpmn:extensionElements>
              <activiti:formProperty xmlns:activiti="http://activiti.org/bpmn" id="approved" name="是否同意" type="boolean" required="true"/>
              <flowable:formProperty xmlns:flowable="http://flowable.org/bpmn" id="days" type="long" default="3" writable="false"/>
            </bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "camundaForm", "activitiForm", "e")));
        var instance = await engine.StartAsync("p");
        var form = await engine.Tasks.GetFormAsync((await engine.SingleTaskAsync(instance.Id)).Id);
        Assert.NotNull(form);
        Assert.Equal(["severity", "note"], form.Fields.Select(f => f.Id));
        var severity = form.Fields[0];
        Assert.Equal(("严重程度", "enum", true, "low"), (severity.Label, severity.Type, severity.Required, severity.DefaultValue));
        Assert.Equal([new FormFieldValue("low", "一般"), new FormFieldValue("high", "紧急")], severity.Values);
        Assert.False(form.Fields[1].Writable);

        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(instance.Id)).Id);
        form = await engine.Tasks.GetFormAsync((await engine.SingleTaskAsync(instance.Id)).Id);
        Assert.Equal(
            [new FormField("approved", "是否同意", "boolean", true, null, []), new FormField("days", null, "long", false, "3", [], Writable: false)],
            form!.Fields, new FieldComparer());
        Assert.Null(await engine.Tasks.GetFormAsync("nope"));
    }

    private sealed class FieldComparer : IEqualityComparer<FormField>
    {
        public bool Equals(FormField? x, FormField? y) =>
            x is not null && y is not null && (x with { Values = [] }) == (y with { Values = [] }) && x.Values.SequenceEqual(y.Values);

        public int GetHashCode(FormField obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
    }
}

public sealed class CamundaCompatibilityTests_Sqlite() : CamundaCompatibilityTests(TestDatabaseProvider.Sqlite);
public sealed class CamundaCompatibilityTests_Postgres() : CamundaCompatibilityTests(TestDatabaseProvider.Postgres);
