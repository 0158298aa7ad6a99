using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Tests.Parsing;

/// <summary>camunda, activiti and flowable extension attributes and elements are read alike.</summary>
public sealed class ExtensionAttributeTests
{
    private const string UserTask =
        """
        <userTask id="x" name="Approve" camunda:assignee="${initiator}" camunda:candidateUsers="anna, bert"
                  camunda:candidateGroups="accounting" camunda:dueDate="${now() + 'P1D'}" camunda:followUpDate="2030-01-01T00:00:00Z"
                  camunda:priority="70" camunda:formKey="embedded:app:forms/approve.html"/>
        """;

    [Theory]
    [InlineData(BpmnText.CamundaNs)]
    [InlineData(BpmnText.ActivitiNs)]
    [InlineData(BpmnText.FlowableNs)]
    public void The_three_extension_namespaces_give_the_same_user_task_definition(string extensionNamespace)
    {
        var xml = BpmnText.Process(
            """
            <startEvent id="start"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="x"/>
            """ + "\n" + UserTask,
            camundaNamespace: extensionNamespace);

        var task = BpmnText.ParseValid(xml).GetNode("x");

        Assert.Equal(ElementKind.UserTask, task.Kind);
        var definition = Assert.IsType<UserTaskDefinition>(task.UserTask);
        Assert.Equal("${initiator}", definition.Assignee?.Text);
        Assert.False(definition.Assignee!.IsLiteral);
        Assert.Equal("anna, bert", definition.CandidateUsers?.Text);
        Assert.Equal("accounting", definition.CandidateGroups?.Text);
        Assert.True(definition.CandidateGroups!.IsLiteral);
        Assert.Equal("${now() + 'P1D'}", definition.DueDate?.Text);
        Assert.Equal("2030-01-01T00:00:00Z", definition.FollowUpDate?.Text);
        Assert.Equal("70", definition.Priority?.Text);
        Assert.Equal("embedded:app:forms/approve.html", definition.FormKey);
    }

    [Fact]
    public void Async_flags_read_asyncBefore_asyncAfter_and_the_legacy_async_as_asyncBefore()
    {
        var model = BpmnText.ParseValid(BpmnText.Process(
            """
            <startEvent id="start" camunda:asyncAfter="true"/>
            <task id="legacy" camunda:async="true"/>
            <task id="both" camunda:asyncBefore="true" camunda:asyncAfter="true"/>
            <endEvent id="end"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="legacy"/>
            <sequenceFlow id="f2" sourceRef="legacy" targetRef="both"/>
            <sequenceFlow id="f3" sourceRef="both" targetRef="end"/>
            """));

        Assert.Equal((false, true), (model.GetNode("start").AsyncBefore, model.GetNode("start").AsyncAfter));
        Assert.Equal((true, false), (model.GetNode("legacy").AsyncBefore, model.GetNode("legacy").AsyncAfter));
        Assert.Equal((true, true), (model.GetNode("both").AsyncBefore, model.GetNode("both").AsyncAfter));
        Assert.Equal((false, false), (model.GetNode("end").AsyncBefore, model.GetNode("end").AsyncAfter));
    }

    [Fact]
    public void FailedJobRetryTimeCycle_is_read_from_the_attribute_or_the_extension_element()
    {
        var model = BpmnText.ParseValid(BpmnText.Process(
            """
            <startEvent id="start"/>
            <task id="attr" camunda:asyncBefore="true" camunda:failedJobRetryTimeCycle="R3/PT5M"/>
            <task id="elem" camunda:asyncBefore="true">
              <extensionElements><camunda:failedJobRetryTimeCycle> R5/PT1M </camunda:failedJobRetryTimeCycle></extensionElements>
            </task>
            <sequenceFlow id="f1" sourceRef="start" targetRef="attr"/>
            <sequenceFlow id="f2" sourceRef="attr" targetRef="elem"/>
            """));

        Assert.Equal("R3/PT5M", model.GetNode("attr").FailedJobRetryTimeCycle);
        Assert.Equal("R5/PT1M", model.GetNode("elem").FailedJobRetryTimeCycle);
        Assert.Null(model.GetNode("start").FailedJobRetryTimeCycle);
    }

    [Fact]
    public void Service_task_topic_comes_from_external_type_or_topic_alone_and_expression_with_result_variable()
    {
        var model = BpmnText.ParseValid(BpmnText.Process(
            """
            <startEvent id="start"/>
            <serviceTask id="external" camunda:type="external" camunda:topic="invoice.archive"/>
            <sendTask id="topicOnly" camunda:topic="mail.send"/>
            <serviceTask id="expr" camunda:expression="${total * 2}" camunda:resultVariable="doubled"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="external"/>
            <sequenceFlow id="f2" sourceRef="external" targetRef="topicOnly"/>
            <sequenceFlow id="f3" sourceRef="topicOnly" targetRef="expr"/>
            """));

        Assert.Equal("invoice.archive", model.GetNode("external").Service?.Topic);
        Assert.Equal(ElementKind.SendTask, model.GetNode("topicOnly").Kind);
        Assert.Equal("mail.send", model.GetNode("topicOnly").Service?.Topic);
        var expression = model.GetNode("expr").Service!;
        Assert.Null(expression.Topic);
        Assert.Equal("${total * 2}", expression.Expression?.Text);
        Assert.Equal("doubled", expression.ResultVariable);
    }

    [Theory]
    [InlineData("camunda:type=\"mail\"", "camunda:type=\"mail\" is not supported")]
    [InlineData("camunda:type=\"external\"", "needs a camunda:topic")]
    [InlineData("", "neither camunda:topic, camunda:expression, camunda:delegateExpression nor camunda:class")]
    public void Service_task_without_topic_or_expression_cannot_be_executed(string attributes, string message)
    {
        var document = BpmnText.Parse(BpmnText.Around($"<serviceTask id=\"x\" {attributes}/>"), deploy: true);

        var problem = document.Problem(message);
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.StartsWith("cannot execute serviceTask", problem.Message, StringComparison.Ordinal);
        Assert.Equal(ElementKind.Unsupported, Assert.Single(document.Processes).GetNode("x").Kind);
    }

    [Theory]
    [InlineData("camunda:class=\"com.example.Delegate\"", "com.example.Delegate")]
    [InlineData("camunda:delegateExpression=\"${bean}\"", "bean")]
    [InlineData("camunda:delegateExpression=\"#{bean}\"", "bean")]
    public void Java_delegates_name_the_in_process_handler_that_runs_them(string attributes, string handler)
    {
        var document = BpmnText.Parse(BpmnText.Around($"<serviceTask id=\"x\" {attributes}/>"), deploy: true);
        Assert.False(document.HasErrors, string.Join("; ", document.Problems));
        Assert.Equal(handler, Assert.Single(document.Processes).GetNode("x").Service?.Delegate);
    }

    [Fact]
    public void Unknown_camunda_extension_elements_are_warned_about_and_foreign_ones_listed_as_ignored()
    {
        var xml = BpmnText.Around(
            """
            <task id="x">
              <extensionElements>
                <camunda:connector/>
                <camunda:properties><camunda:property name="a" value="b"/></camunda:properties>
                <foo:style color="red"/>
              </extensionElements>
            </task>
            """);

        var document = BpmnText.Parse(xml, deploy: true);

        Assert.False(document.HasErrors);
        var warning = document.Problem("camunda:connector is not supported");
        Assert.Equal(ProblemSeverity.Warning, warning.Severity);
        Assert.Equal(("x", "task"), (warning.ElementId, warning.ElementType));
        BpmnText.AssertAt(warning, xml, "<camunda:connector");
        Assert.Contains(document.Ignored, i => i.ElementType == "camunda:properties");
        Assert.Contains(document.Ignored, i => i.ElementType == "foo:style");
    }
}
