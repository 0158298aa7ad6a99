using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Tests.Parsing;

/// <summary>What the engine cannot execute (error when deploying, warning when validating) and what it keeps but ignores.</summary>
public sealed class UnsupportedAndIgnoredTests
{
    [Theory]
    [InlineData(true, ProblemSeverity.Error)]
    [InlineData(false, ProblemSeverity.Warning)]
    public void Unsupported_element_is_an_error_in_deploy_mode_and_a_warning_in_validate_mode_with_its_position(bool deploy, ProblemSeverity severity)
    {
        var xml = BpmnText.Around("<complexGateway id=\"x\" name=\"Either or both\"/>");

        var document = BpmnText.Parse(xml, deploy);

        var problem = Assert.Single(document.Problems);
        Assert.Equal(severity, problem.Severity);
        Assert.Equal("cannot execute complexGateway: this element is not supported by the engine", problem.Message);
        Assert.Equal(("x", "complexGateway"), (problem.ElementId, problem.ElementType));
        BpmnText.AssertAt(problem, xml, "<complexGateway");
        Assert.Equal(deploy, document.HasErrors);
        var node = Assert.Single(document.Processes).GetNode("x");
        Assert.Equal(ElementKind.Unsupported, node.Kind);
        Assert.Equal("complexGateway", node.ElementType);
        Assert.Single(node.Incoming);
    }

    [Theory]
    [InlineData("<complexGateway id=\"x\"/>", "complexGateway: this element is not supported")]
    [InlineData("<businessRuleTask id=\"x\" camunda:decisionRef=\"approval\"/>", "businessRuleTask: camunda:decisionRef needs a DMN engine")]
    [InlineData("<transaction id=\"x\"/>", "transaction: this element is not supported")]
    [InlineData("<adHocSubProcess id=\"x\"/>", "adHocSubProcess: this element is not supported")]
    [InlineData("<endEvent id=\"x\"><cancelEventDefinition/></endEvent>", "cancel events belong to transaction sub-processes")]
    [InlineData("<endEvent id=\"x\"><messageEventDefinition/></endEvent>", "a message end event")]
    [InlineData("<task id=\"x\"><standardLoopCharacteristics/></task>", "standardLoopCharacteristics")]
    [InlineData("<eventBasedGateway id=\"x\" instantiate=\"true\"/>", "instantiates the process")]
    public void Elements_the_engine_cannot_execute_are_reported_with_their_id(string element, string message)
    {
        var xml = BpmnText.Around(element);

        var deployed = BpmnText.Parse(xml, deploy: true);
        var validated = BpmnText.Parse(xml, deploy: false);

        var error = deployed.Problem(message);
        Assert.Equal(ProblemSeverity.Error, error.Severity);
        Assert.StartsWith("cannot execute ", error.Message, StringComparison.Ordinal);
        Assert.Equal("x", error.ElementId);
        Assert.Equal(ProblemSeverity.Warning, validated.Problem(message).Severity);
        Assert.Equal(ElementKind.Unsupported, Assert.Single(deployed.Processes).GetNode("x").Kind);
    }

    [Theory]
    [InlineData("<compensateEventDefinition/>", "a compensation start event")]
    [InlineData("<messageEventDefinition/><timerEventDefinition><timeDuration>PT1M</timeDuration></timerEventDefinition>", "a multiple start event")]
    public void Start_event_with_an_unsupported_definition_is_reported(string definitions, string message)
    {
        var xml = BpmnText.Process($"<startEvent id=\"s\">{definitions}</startEvent>");
        var problem = BpmnText.Parse(xml, deploy: true).Problem(message);
        Assert.Equal((ProblemSeverity.Error, "s", "startEvent"), (problem.Severity, problem.ElementId, problem.ElementType));
    }

    [Fact]
    public void Boundary_events_with_unsupported_definitions_are_reported_and_not_attached()
    {
        var xml = BpmnText.Around("<task id=\"x\"/>\n<boundaryEvent id=\"b\" attachedToRef=\"x\"><cancelEventDefinition/></boundaryEvent>");
        var document = BpmnText.Parse(xml, deploy: true);

        Assert.Equal(ProblemSeverity.Error, document.Problem("cancel events belong to transaction sub-processes").Severity);
        var model = Assert.Single(document.Processes);
        Assert.Empty(model.GetNode("x").BoundaryEvents);
        Assert.Same(model.GetNode("x"), model.GetNode("b").AttachedTo);
    }

    [Fact]
    public void Non_flow_elements_are_kept_and_listed_as_ignored_one_entry_per_element()
    {
        var xml = BpmnText.Process(
            """
            <documentation>Order handling</documentation>
            <laneSet id="lanes"><lane id="clerk"><flowNodeRef>start</flowNodeRef></lane></laneSet>
            <startEvent id="start"/>
            <task id="t"><documentation>Do it</documentation></task>
            <dataObject id="order"/>
            <dataObjectReference id="orderRef" dataObjectRef="order"/>
            <dataStoreReference id="dbRef"/>
            <textAnnotation id="note"><text>Careful</text></textAnnotation>
            <association id="assoc" sourceRef="note" targetRef="t"/>
            <group id="grp"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="t"/>
            """,
            before: """
            <collaboration id="collab"><participant id="part" processRef="p"/></collaboration>
            <itemDefinition id="item"/>
            """)
            .Replace("</definitions>", "<bpmndi:BPMNDiagram id=\"diagram\"><bpmndi:BPMNPlane id=\"plane\" bpmnElement=\"p\"/></bpmndi:BPMNDiagram>\n</definitions>", StringComparison.Ordinal);

        var document = BpmnText.Parse(xml, deploy: true);

        Assert.False(document.HasErrors, string.Join("\n", document.Problems));
        Assert.Equal(
            ["collaboration", "itemDefinition", "documentation", "laneSet", "documentation", "dataObject", "dataObjectReference",
             "dataStoreReference", "textAnnotation", "association", "group", "bpmndi:BPMNDiagram"],
            document.Ignored.Select(i => i.ElementType));
        Assert.All(document.Ignored, i => Assert.Equal(ProblemSeverity.Warning, i.Severity));
        Assert.All(document.Ignored, i => Assert.StartsWith("ignored: not executed", i.Message, StringComparison.Ordinal));
        var lanes = Assert.Single(document.Ignored, i => i.ElementId == "lanes");
        BpmnText.AssertAt(lanes, xml, "<laneSet");
        Assert.Equal(2, Assert.Single(document.Processes).Nodes.Count);
    }

    [Fact]
    public void Non_executable_process_is_listed_as_ignored_and_not_compiled()
    {
        var xml = BpmnText.Definitions(
            """
            <process id="exec" isExecutable="true"><startEvent id="s1"/></process>
            <process id="doc" isExecutable="false"><complexGateway id="g"/></process>
            <process id="plain"><startEvent id="s3"/></process>
            """);

        var document = BpmnText.Parse(xml, deploy: true);

        Assert.False(document.HasErrors);
        Assert.Equal(["exec"], document.Processes.Select(p => p.Key));
        Assert.Equal(["doc", "plain"], document.Ignored.Where(i => i.ElementType == "process").Select(i => i.ElementId));
        Assert.All(document.Ignored, i => Assert.Equal("ignored: not executed (process is not executable)", i.Message));
    }

    [Theory]
    [InlineData(true, ProblemSeverity.Error)]
    [InlineData(false, ProblemSeverity.Warning)]
    public void File_without_an_executable_process_is_an_error_in_deploy_mode_and_a_warning_otherwise(bool deploy, ProblemSeverity severity)
    {
        var document = BpmnText.Parse(BpmnText.Definitions("<process id=\"p\" isExecutable=\"false\"/>"), deploy);

        var problem = document.Problem("has no executable process");
        Assert.Equal(severity, problem.Severity);
        Assert.Equal(("defs", "definitions", 1), (problem.ElementId, problem.ElementType, problem.Line));
        Assert.Empty(document.Processes);
    }

    [Fact]
    public void Process_attributes_key_name_version_tag_and_position_are_read()
    {
        var xml = BpmnText.Process("<startEvent id=\"s\"/>").Replace("isExecutable=\"true\"", "isExecutable=\"true\" camunda:versionTag=\"1.2\"", StringComparison.Ordinal);
        var model = BpmnText.ParseValid(xml);

        Assert.Equal(("p", "Process", "1.2", true), (model.Key, model.Name, model.VersionTag, model.IsExecutable));
        Assert.Equal("p", model.Root.Id);
        Assert.Null(model.Root.Owner);
        var (line, column) = BpmnText.PositionOf(xml, "<process");
        Assert.Equal(new SourcePosition(line, column), model.Position);
    }
}
