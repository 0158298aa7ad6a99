using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Tests.Parsing;

/// <summary>Structural rules: ids, flows, start events, default flows, gateways, expressions.</summary>
public sealed class StructureValidationTests
{
    [Fact]
    public void Sequence_flows_are_wired_into_incoming_outgoing_source_and_target_with_conditions()
    {
        var model = BpmnText.ParseValid(BpmnText.Process(
            """
            <startEvent id="start"/>
            <exclusiveGateway id="gw" default="low"/>
            <task id="a"/>
            <task id="b"/>
            <sequenceFlow id="in" sourceRef="start" targetRef="gw"/>
            <sequenceFlow id="high" name="big" sourceRef="gw" targetRef="a">
              <conditionExpression xsi:type="tFormalExpression"> ${amount > 1000} </conditionExpression>
            </sequenceFlow>
            <sequenceFlow id="low" sourceRef="gw" targetRef="b"/>
            """));

        var gw = model.GetNode("gw");
        Assert.Equal(["in"], gw.Incoming.Select(f => f.Id));
        Assert.Equal(["high", "low"], gw.Outgoing.Select(f => f.Id));
        var high = model.Flows["high"];
        Assert.Equal(("gw", "a", "big"), (high.SourceId, high.TargetId, high.Name));
        Assert.Same(gw, high.Source);
        Assert.Same(model.GetNode("a"), high.Target);
        Assert.Equal("${amount > 1000}", high.Condition?.Text);
        Assert.Null(model.Flows["low"].Condition);
        Assert.Equal(3, model.Flows.Count);
        Assert.Equal(4, model.Nodes.Count);
        Assert.Same(model.Root, gw.Scope);
        Assert.Same(model.GetNode("start"), model.Root.NoneStart);
    }

    [Fact]
    public void Default_flow_is_kept_and_must_be_an_outgoing_flow_of_its_gateway()
    {
        var model = BpmnText.ParseValid(BpmnText.Around("<exclusiveGateway id=\"x\" default=\"f2\"/>"));
        Assert.Equal("f2", model.GetNode("x").DefaultFlowId);

        var xml = BpmnText.Around("<exclusiveGateway id=\"x\" default=\"f1\"/>");
        var problem = BpmnText.Parse(xml).Problem("default flow 'f1' is not an outgoing sequence flow");
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Equal(("x", "exclusiveGateway"), (problem.ElementId, problem.ElementType));
        BpmnText.AssertAt(problem, xml, "<exclusiveGateway");
    }

    [Fact]
    public void Condition_on_a_flow_leaving_a_parallel_gateway_is_a_warning()
    {
        var xml = BpmnText.Around("<parallelGateway id=\"x\"/>").Replace(
            "<sequenceFlow id=\"f2\" sourceRef=\"x\" targetRef=\"end\"/>",
            "<sequenceFlow id=\"f2\" sourceRef=\"x\" targetRef=\"end\"><conditionExpression>${ok}</conditionExpression></sequenceFlow>",
            StringComparison.Ordinal);

        var document = BpmnText.Parse(xml, deploy: true);

        Assert.False(document.HasErrors);
        var problem = document.Problem("parallel gateway 'x' is ignored");
        Assert.Equal(ProblemSeverity.Warning, problem.Severity);
        Assert.Equal(("f2", "sequenceFlow"), (problem.ElementId, problem.ElementType));
    }

    [Fact]
    public void Dangling_sequence_flow_to_or_from_a_missing_element_is_an_error()
    {
        var xml = BpmnText.Around("<task id=\"x\"/>\n<sequenceFlow id=\"bad\" sourceRef=\"x\" targetRef=\"nowhere\"/>\n<sequenceFlow id=\"bad2\" sourceRef=\"ghost\" targetRef=\"x\"/>");
        var document = BpmnText.Parse(xml);

        var target = document.Problem("targetRef 'nowhere' does not name a flow node of this process");
        Assert.Equal((ProblemSeverity.Error, "bad", "sequenceFlow"), (target.Severity, target.ElementId, target.ElementType));
        BpmnText.AssertAt(target, xml, "<sequenceFlow id=\"bad\"");
        Assert.Equal("bad2", document.Problem("sourceRef 'ghost' does not name").ElementId);
        var model = Assert.Single(document.Processes);
        Assert.False(model.Flows.ContainsKey("bad"));
        Assert.DoesNotContain(model.GetNode("x").Outgoing, f => f.Id == "bad");
    }

    [Fact]
    public void Sequence_flow_between_scopes_is_an_error()
    {
        var xml = BpmnText.Around(
            """
            <subProcess id="x">
              <startEvent id="innerStart"/>
              <task id="inner"/>
              <sequenceFlow id="fi" sourceRef="innerStart" targetRef="inner"/>
              <sequenceFlow id="out" sourceRef="inner" targetRef="end"/>
            </subProcess>
            """);
        var problem = BpmnText.Parse(xml).Problem("targetRef 'end' is in another scope");
        Assert.Equal((ProblemSeverity.Error, "out"), (problem.Severity, problem.ElementId));
    }

    [Fact]
    public void Duplicate_id_is_an_error_at_the_second_use()
    {
        var xml = BpmnText.Around("<task id=\"x\"/>\n<task id=\"x\" name=\"again\"/>");
        var problem = BpmnText.Parse(xml).Problem("duplicate id 'x'");

        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        BpmnText.AssertAt(problem, xml, "<task id=\"x\"", occurrence: 2);
        var (line, column) = BpmnText.PositionOf(xml, "<task id=\"x\"");
        Assert.Contains($"first used by task at {line}:{column}", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_without_a_start_event_is_an_error()
    {
        var xml = BpmnText.Process("<task id=\"t\"/>");
        var problem = BpmnText.Parse(xml).Problem("process has no start event");

        Assert.Equal((ProblemSeverity.Error, "p", "process"), (problem.Severity, problem.ElementId, problem.ElementType));
        BpmnText.AssertAt(problem, xml, "<process");
    }

    [Fact]
    public void Process_with_only_a_message_start_event_is_valid_and_has_no_none_start()
    {
        var model = BpmnText.ParseValid(BpmnText.Process(
            "<startEvent id=\"s\"><messageEventDefinition messageRef=\"m\"/></startEvent>",
            before: "<message id=\"m\" name=\"go\"/>"));
        Assert.Null(model.Root.NoneStart);
    }

    [Fact]
    public void Process_with_two_none_start_events_is_an_error()
    {
        var xml = BpmnText.Process("<startEvent id=\"s1\"/>\n<startEvent id=\"s2\"/>");
        var problem = BpmnText.Parse(xml).Problem("more than one none start event");
        Assert.Equal(("s2", ProblemSeverity.Error), (problem.ElementId, problem.Severity));
    }

    [Fact]
    public void Sub_process_needs_exactly_one_none_start_event()
    {
        var missing = BpmnText.Around("<subProcess id=\"x\"><task id=\"inner\"/></subProcess>");
        var problem = BpmnText.Parse(missing).Problem("sub-process needs exactly one none start event, it has 0");
        Assert.Equal((ProblemSeverity.Error, "x", "subProcess"), (problem.Severity, problem.ElementId, problem.ElementType));
        BpmnText.AssertAt(problem, missing, "<subProcess");

        var two = BpmnText.Around("<subProcess id=\"x\"><startEvent id=\"a\"/><startEvent id=\"b\"/></subProcess>");
        Assert.Equal(ProblemSeverity.Error, BpmnText.Parse(two).Problem("it has 2").Severity);

        var empty = BpmnText.Around("<subProcess id=\"x\"/>");
        Assert.Equal(ProblemSeverity.Warning, BpmnText.Parse(empty).Problem("an empty sub-process").Severity);
        Assert.Equal(ProblemSeverity.Error, BpmnText.Parse(empty, deploy: true).Problem("an empty sub-process").Severity);
    }

    [Fact]
    public void Sub_process_compiles_to_an_inner_scope_with_its_none_start()
    {
        var model = BpmnText.ParseValid(BpmnText.Around(
            """
            <subProcess id="x" name="Inner">
              <startEvent id="innerStart"/>
              <task id="inner"/>
              <endEvent id="innerEnd"/>
              <sequenceFlow id="fi1" sourceRef="innerStart" targetRef="inner"/>
              <sequenceFlow id="fi2" sourceRef="inner" targetRef="innerEnd"/>
            </subProcess>
            """));

        var sub = model.GetNode("x");
        Assert.Equal(ElementKind.SubProcess, sub.Kind);
        var inner = Assert.IsType<ScopeModel>(sub.InnerScope);
        Assert.Equal("x", inner.Id);
        Assert.Same(sub, inner.Owner);
        Assert.Same(model.Root, inner.Parent);
        Assert.Equal(["innerStart", "inner", "innerEnd"], inner.Nodes.Select(n => n.Id));
        Assert.Same(model.GetNode("innerStart"), inner.NoneStart);
        Assert.Same(inner, model.GetNode("inner").Scope);
        Assert.Equal(6, model.Nodes.Count);
        Assert.Equal(4, model.Flows.Count);
        Assert.DoesNotContain(model.Root.Nodes, n => n.Id == "inner");
    }

    [Fact]
    public void Event_based_gateway_targets_must_be_message_or_timer_catch_events_or_receive_tasks()
    {
        var xml = BpmnText.Process(
            """
            <startEvent id="start"/>
            <eventBasedGateway id="gw"/>
            <intermediateCatchEvent id="paid"><messageEventDefinition messageRef="m"/></intermediateCatchEvent>
            <intermediateCatchEvent id="late"><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <receiveTask id="answer" messageRef="m"/>
            <task id="wrong"/>
            <sequenceFlow id="f0" sourceRef="start" targetRef="gw"/>
            <sequenceFlow id="f1" sourceRef="gw" targetRef="paid"/>
            <sequenceFlow id="f2" sourceRef="gw" targetRef="late"/>
            <sequenceFlow id="f3" sourceRef="gw" targetRef="answer"/>
            <sequenceFlow id="f4" sourceRef="gw" targetRef="wrong"/>
            """,
            before: "<message id=\"m\" name=\"msg\"/>");

        var document = BpmnText.Parse(xml);

        var problem = Assert.Single(document.Errors());
        Assert.Contains("event-based gateway leads to task 'wrong'", problem.Message, StringComparison.Ordinal);
        Assert.Equal(("gw", "eventBasedGateway"), (problem.ElementId, problem.ElementType));
    }

    [Theory]
    [InlineData("<conditionExpression>${amount > 10</conditionExpression>", "conditionExpression")]
    [InlineData("<conditionExpression>${ {a: '}'}.a == 1 </conditionExpression>", "conditionExpression")]
    public void Expression_with_an_unclosed_placeholder_is_an_error_at_its_element(string condition, string startTag)
    {
        var xml = BpmnText.Around("<exclusiveGateway id=\"x\"/>").Replace(
            "<sequenceFlow id=\"f2\" sourceRef=\"x\" targetRef=\"end\"/>",
            $"<sequenceFlow id=\"f2\" sourceRef=\"x\" targetRef=\"end\">\n  {condition}\n</sequenceFlow>",
            StringComparison.Ordinal);

        var problem = BpmnText.Parse(xml).Problem("without a closing '}'");

        Assert.Equal((ProblemSeverity.Error, "f2", "sequenceFlow"), (problem.Severity, problem.ElementId, problem.ElementType));
        BpmnText.AssertAt(problem, xml, "<" + startTag);
    }

    [Fact]
    public void Expression_placeholders_may_nest_braces_and_quote_them()
    {
        var model = BpmnText.ParseValid(BpmnText.Around("<userTask id=\"x\" camunda:assignee=\"${ {a: '}'}.a } and ${b}\"/>"));
        Assert.Equal("${ {a: '}'}.a } and ${b}", model.GetNode("x").UserTask?.Assignee?.Text);

        var problem = BpmnText.Parse(BpmnText.Around("<userTask id=\"x\" camunda:assignee=\"${user\"/>")).Problem("assignee:");
        Assert.Equal(("x", ProblemSeverity.Error), (problem.ElementId, problem.Severity));
    }

    [Fact]
    public void Flow_nodes_keep_name_element_type_and_position()
    {
        var xml = BpmnText.Around("<userTask id=\"x\" name=\"Check&#10;invoice\"/>");
        var node = BpmnText.ParseValid(xml).GetNode("x");

        Assert.Equal("Check\ninvoice", node.Name);
        Assert.Equal("userTask", node.ElementType);
        var (line, column) = BpmnText.PositionOf(xml, "<userTask");
        Assert.Equal(new SourcePosition(line, column), node.Position);
        Assert.Equal("userTask 'x'", node.ToString());
    }

    [Fact]
    public void Problems_are_reported_in_file_order()
    {
        var xml = BpmnText.Process(
            """
            <task id="a"/>
            <sequenceFlow id="f1" sourceRef="a" targetRef="nowhere"/>
            <complexGateway id="g"/>
            """);
        var document = BpmnText.Parse(xml);
        var lines = document.Problems.Select(p => p.Line).ToList();
        Assert.Equal(lines.Order(), lines);
        Assert.True(document.Problems.Count >= 3);
    }
}
