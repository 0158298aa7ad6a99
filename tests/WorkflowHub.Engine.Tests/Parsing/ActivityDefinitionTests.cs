using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Tests.Parsing;

/// <summary>Multi-instance, input/output mappings, call activities and script tasks.</summary>
public sealed class ActivityDefinitionTests
{
    [Fact]
    public void Multi_instance_reads_collection_element_variable_completion_condition_and_isSequential()
    {
        var model = BpmnText.ParseValid(BpmnText.Around(
            """
            <userTask id="x" camunda:assignee="${reviewer}">
              <multiInstanceLoopCharacteristics isSequential="true" camunda:collection="${reviewers}" camunda:elementVariable="reviewer">
                <completionCondition xsi:type="tFormalExpression">${nrOfCompletedInstances >= 2}</completionCondition>
              </multiInstanceLoopCharacteristics>
            </userTask>
            """));

        var mi = Assert.IsType<MultiInstanceDefinition>(model.GetNode("x").MultiInstance);
        Assert.True(mi.IsSequential);
        Assert.Equal("${reviewers}", mi.Collection?.Text);
        Assert.Equal("reviewer", mi.ElementVariable);
        Assert.Equal("${nrOfCompletedInstances >= 2}", mi.CompletionCondition?.Text);
        Assert.Null(mi.LoopCardinality);
    }

    [Fact]
    public void Multi_instance_reads_loopCardinality_and_is_parallel_by_default()
    {
        var model = BpmnText.ParseValid(BpmnText.Around(
            """
            <serviceTask id="x" camunda:topic="t">
              <multiInstanceLoopCharacteristics><loopCardinality>3</loopCardinality></multiInstanceLoopCharacteristics>
            </serviceTask>
            """));

        var mi = model.GetNode("x").MultiInstance!;
        Assert.False(mi.IsSequential);
        Assert.Equal("3", mi.LoopCardinality?.Text);
        Assert.Null(mi.Collection);
    }

    [Fact]
    public void Multi_instance_without_cardinality_or_collection_cannot_be_executed()
    {
        var xml = BpmnText.Around("<task id=\"x\">\n<multiInstanceLoopCharacteristics/>\n</task>");
        var problem = BpmnText.Parse(xml, deploy: true).Problem("needs a loopCardinality or a camunda:collection");

        Assert.Equal((ProblemSeverity.Error, "x", "task"), (problem.Severity, problem.ElementId, problem.ElementType));
        BpmnText.AssertAt(problem, xml, "<multiInstanceLoopCharacteristics");
    }

    [Fact]
    public void InputOutput_reads_text_list_map_and_script_values()
    {
        var model = BpmnText.ParseValid(BpmnText.Around(
            """
            <serviceTask id="x" camunda:topic="crm.update">
              <extensionElements>
                <camunda:inputOutput>
                  <camunda:inputParameter name="customer">${order.customerId}</camunda:inputParameter>
                  <camunda:inputParameter name="channels">
                    <camunda:list>
                      <camunda:value>mail</camunda:value>
                      <camunda:value>${preferredChannel}</camunda:value>
                      <camunda:list><camunda:value>nested</camunda:value></camunda:list>
                    </camunda:list>
                  </camunda:inputParameter>
                  <camunda:inputParameter name="headers">
                    <camunda:map>
                      <camunda:entry key="priority">high</camunda:entry>
                      <camunda:entry key="tags"><camunda:list><camunda:value>a</camunda:value></camunda:list></camunda:entry>
                    </camunda:map>
                  </camunda:inputParameter>
                  <camunda:inputParameter name="total">
                    <camunda:script scriptFormat="javascript">order.lines.length * 2</camunda:script>
                  </camunda:inputParameter>
                  <camunda:outputParameter name="crmId">${result.id}</camunda:outputParameter>
                </camunda:inputOutput>
              </extensionElements>
            </serviceTask>
            """));

        var io = Assert.IsType<IoMapping>(model.GetNode("x").InputOutput);
        Assert.Equal(["customer", "channels", "headers", "total"], io.Inputs.Select(p => p.Name));

        Assert.Equal("${order.customerId}", Assert.IsType<IoText>(io.Inputs[0].Value).Value.Text);

        var list = Assert.IsType<IoList>(io.Inputs[1].Value);
        Assert.Equal(3, list.Items.Count);
        Assert.Equal("mail", Assert.IsType<IoText>(list.Items[0]).Value.Text);
        Assert.Equal("${preferredChannel}", Assert.IsType<IoText>(list.Items[1]).Value.Text);
        Assert.Equal("nested", Assert.IsType<IoText>(Assert.Single(Assert.IsType<IoList>(list.Items[2]).Items)).Value.Text);

        var map = Assert.IsType<IoMap>(io.Inputs[2].Value);
        Assert.Equal(["priority", "tags"], map.Entries.Select(e => e.Key));
        Assert.Equal("high", Assert.IsType<IoText>(map.Entries[0].Value).Value.Text);
        Assert.Equal("a", Assert.IsType<IoText>(Assert.Single(Assert.IsType<IoList>(map.Entries[1].Value).Items)).Value.Text);

        var script = Assert.IsType<IoScript>(io.Inputs[3].Value);
        Assert.Equal(("javascript", "order.lines.length * 2"), (script.Format, script.Source));

        var output = Assert.Single(io.Outputs);
        Assert.Equal(("crmId", "${result.id}"), (output.Name, Assert.IsType<IoText>(output.Value).Value.Text));
    }

    [Fact]
    public void InputOutput_parameter_without_a_name_is_an_error()
    {
        var xml = BpmnText.Around(
            "<task id=\"x\"><extensionElements><camunda:inputOutput><camunda:inputParameter>1</camunda:inputParameter></camunda:inputOutput></extensionElements></task>");
        Assert.Equal(ProblemSeverity.Error, BpmnText.Parse(xml).Problem("camunda:inputParameter has no name").Severity);
    }

    [Fact]
    public void Call_activity_reads_calledElement_and_in_out_mappings()
    {
        var model = BpmnText.ParseValid(BpmnText.Around(
            """
            <callActivity id="x" calledElement="billing-${region}">
              <extensionElements>
                <camunda:in variables="all"/>
                <camunda:in source="orderId" target="id"/>
                <camunda:in sourceExpression="${amount * 100}" target="cents"/>
                <camunda:in businessKey="#{execution.processBusinessKey}"/>
                <camunda:out source="invoiceNo" target="invoiceNumber"/>
                <camunda:out variables="all"/>
              </extensionElements>
            </callActivity>
            """));

        var call = Assert.IsType<CallActivityDefinition>(model.GetNode("x").CallActivity);
        Assert.Equal("billing-${region}", call.CalledElement.Text);
        Assert.True(call.PassBusinessKey);
        Assert.Equal(
            [
                new VariableMapping(null, null, null, true),
                new VariableMapping("orderId", null, "id", false),
            ],
            call.In.Take(2));
        Assert.Equal("${amount * 100}", call.In[2].SourceExpression?.Text);
        Assert.Equal("cents", call.In[2].Target);
        Assert.Equal(3, call.In.Count);
        Assert.Equal([new VariableMapping("invoiceNo", null, "invoiceNumber", false), new VariableMapping(null, null, null, true)], call.Out);
    }

    [Fact]
    public void Call_activity_without_calledElement_cannot_be_executed()
    {
        var document = BpmnText.Parse(BpmnText.Around("<callActivity id=\"x\"/>"), deploy: true);
        var problem = document.Problem("calledElement is missing");
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Equal(ElementKind.Unsupported, Assert.Single(document.Processes).GetNode("x").Kind);
    }

    [Theory]
    [InlineData("javascript")]
    [InlineData("JavaScript")]
    [InlineData("js")]
    [InlineData("ecmascript")]
    public void Script_task_in_javascript_is_read_with_its_result_variable(string format)
    {
        var model = BpmnText.ParseValid(BpmnText.Around(
            $"<scriptTask id=\"x\" scriptFormat=\"{format}\" camunda:resultVariable=\"sum\"><script><![CDATA[a + b < 10]]></script></scriptTask>"));

        var script = Assert.IsType<ScriptDefinition>(model.GetNode("x").Script);
        Assert.Equal(ElementKind.ScriptTask, model.GetNode("x").Kind);
        Assert.Equal((format, "a + b < 10", "sum"), (script.Format, script.Source, script.ResultVariable));
    }

    [Theory]
    [InlineData("groovy", true)]
    [InlineData("python", true)]
    [InlineData("groovy", false)]
    public void Script_task_in_another_language_is_an_error_in_deploy_mode_and_a_warning_otherwise(string format, bool deploy)
    {
        var xml = BpmnText.Around($"<scriptTask id=\"x\" scriptFormat=\"{format}\"><script>1</script></scriptTask>");
        var problem = BpmnText.Parse(xml, deploy).Problem($"scriptFormat \"{format}\" is not supported");

        Assert.Equal(deploy ? ProblemSeverity.Error : ProblemSeverity.Warning, problem.Severity);
        Assert.Equal(("x", "scriptTask"), (problem.ElementId, problem.ElementType));
        BpmnText.AssertAt(problem, xml, "<scriptTask");
    }
}
