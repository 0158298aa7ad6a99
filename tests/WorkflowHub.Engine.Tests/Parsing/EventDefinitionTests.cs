using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Tests.Parsing;

/// <summary>Timer forms, message and error resolution, boundary events.</summary>
public sealed class EventDefinitionTests
{
    [Theory]
    [InlineData("timeDate", TimerKind.Date, "2030-01-01T09:00:00Z")]
    [InlineData("timeDuration", TimerKind.Duration, "PT5M")]
    [InlineData("timeCycle", TimerKind.Cycle, "R3/PT10M")]
    [InlineData("timeCycle", TimerKind.Cycle, "0 0 9 * * ?")]
    [InlineData("timeDuration", TimerKind.Duration, "${reminderDelay}")]
    public void Timer_forms_date_duration_and_cycle_are_read_on_catch_start_and_boundary_events(string element, TimerKind kind, string value)
    {
        var timer = $"<timerEventDefinition><{element} xsi:type=\"tFormalExpression\"> {value} </{element}></timerEventDefinition>";
        var model = BpmnText.ParseValid(BpmnText.Process(
            $"""
            <startEvent id="start">{timer}</startEvent>
            <intermediateCatchEvent id="wait">{timer}</intermediateCatchEvent>
            <userTask id="task"/>
            <boundaryEvent id="late" attachedToRef="task">{timer}</boundaryEvent>
            <sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
            <sequenceFlow id="f2" sourceRef="wait" targetRef="task"/>
            """));

        foreach (var id in new[] { "start", "wait", "late" })
        {
            var node = model.GetNode(id);
            Assert.Equal(EventKind.Timer, node.Event.Kind);
            Assert.Equal(kind, node.Event.Timer?.Kind);
            Assert.Equal(value, node.Event.Timer?.Value.Text);
        }
        Assert.Equal(["start"], model.TimerStartEvents.Select(n => n.Id));
    }

    [Fact]
    public void Timer_event_without_date_duration_or_cycle_is_an_error()
    {
        var xml = BpmnText.Around("<intermediateCatchEvent id=\"x\"><timerEventDefinition/></intermediateCatchEvent>");
        var problem = BpmnText.Parse(xml).Problem("timer event has no timeDate, timeDuration or timeCycle");

        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Equal(("x", "intermediateCatchEvent"), (problem.ElementId, problem.ElementType));
        BpmnText.AssertAt(problem, xml, "<intermediateCatchEvent");
    }

    [Fact]
    public void Message_name_is_resolved_from_messageRef_falling_back_to_the_message_id()
    {
        var model = BpmnText.ParseValid(BpmnText.Process(
            """
            <startEvent id="start"><messageEventDefinition messageRef="Msg_Order"/></startEvent>
            <intermediateCatchEvent id="paid"><messageEventDefinition messageRef="tns:Msg_Paid"/></intermediateCatchEvent>
            <receiveTask id="shipped" messageRef="Msg_Shipped"/>
            <endEvent id="end"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="paid"/>
            <sequenceFlow id="f2" sourceRef="paid" targetRef="shipped"/>
            <sequenceFlow id="f3" sourceRef="shipped" targetRef="end"/>
            """,
            before: """
            <message id="Msg_Order" name="order-received"/>
            <message id="Msg_Paid" name="payment-received"/>
            <message id="Msg_Shipped"/>
            """));

        Assert.Equal("order-received", model.GetNode("start").Event.MessageName);
        Assert.Equal(["start"], model.MessageStartEvents.Select(n => n.Id));
        Assert.Equal("payment-received", model.GetNode("paid").Event.MessageName);
        Assert.Equal(EventKind.Message, model.GetNode("shipped").Event.Kind);
        Assert.Equal("Msg_Shipped", model.GetNode("shipped").Event.MessageName);
    }

    [Theory]
    [InlineData("<messageEventDefinition/>", "intermediateCatchEvent has no message")]
    [InlineData("<messageEventDefinition messageRef=\"Nope\"/>", "messageRef 'Nope' does not name a bpmn:message")]
    public void Message_event_without_a_message_is_an_error(string definition, string message)
    {
        var xml = BpmnText.Around($"<intermediateCatchEvent id=\"x\">{definition}</intermediateCatchEvent>");
        var problem = BpmnText.Parse(xml).Problem(message);

        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Equal("x", problem.ElementId);
        BpmnText.AssertAt(problem, xml, "<intermediateCatchEvent");
    }

    [Fact]
    public void Error_code_is_resolved_from_errorRef_with_catch_variables_and_catch_all()
    {
        var model = BpmnText.ParseValid(BpmnText.Process(
            """
            <startEvent id="start"/>
            <serviceTask id="charge" camunda:topic="payment.charge"/>
            <boundaryEvent id="declined" attachedToRef="charge">
              <errorEventDefinition errorRef="Err_Declined" camunda:errorCodeVariable="code" camunda:errorMessageVariable="why"/>
            </boundaryEvent>
            <boundaryEvent id="anyError" attachedToRef="charge"><errorEventDefinition/></boundaryEvent>
            <endEvent id="fail"><errorEventDefinition errorRef="Err_NoCode"/></endEvent>
            <endEvent id="end"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="charge"/>
            <sequenceFlow id="f2" sourceRef="charge" targetRef="end"/>
            <sequenceFlow id="f3" sourceRef="declined" targetRef="fail"/>
            <sequenceFlow id="f4" sourceRef="anyError" targetRef="end"/>
            """,
            before: """
            <error id="Err_Declined" name="Declined" errorCode="CARD_DECLINED"/>
            <error id="Err_NoCode" name="No code"/>
            """));

        var declined = model.GetNode("declined").Event;
        Assert.Equal((EventKind.Error, "CARD_DECLINED"), (declined.Kind, declined.ErrorCode));
        Assert.Equal(("code", "why"), (declined.ErrorCodeVariable, declined.ErrorMessageVariable));
        Assert.Null(model.GetNode("anyError").Event.ErrorCode);
        Assert.Equal("Err_NoCode", model.GetNode("fail").Event.ErrorCode);
        Assert.Equal(ElementKind.EndEvent, model.GetNode("fail").Kind);
    }

    [Fact]
    public void Error_ref_naming_no_bpmn_error_is_the_error_code_itself_as_in_Camunda()
    {
        var xml = BpmnText.Around("<endEvent id=\"x\"><errorEventDefinition errorRef=\"Missing\"/></endEvent>");
        var document = BpmnText.Parse(xml, deploy: true);
        Assert.False(document.HasErrors, string.Join("; ", document.Problems));
        Assert.Equal("Missing", document.Processes[0].GetNode("x").Event.ErrorCode);
    }

    [Fact]
    public void Boundary_event_is_attached_to_its_activity_and_cancelActivity_defaults_to_true()
    {
        var model = BpmnText.ParseValid(BpmnText.Process(
            """
            <startEvent id="start"/>
            <userTask id="review"/>
            <boundaryEvent id="timeout" attachedToRef="review"><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition></boundaryEvent>
            <boundaryEvent id="remind" attachedToRef="review" cancelActivity="false"><timerEventDefinition><timeCycle>R/PT1H</timeCycle></timerEventDefinition></boundaryEvent>
            <boundaryEvent id="cancelled" attachedToRef="review"><messageEventDefinition messageRef="m"/></boundaryEvent>
            <endEvent id="end"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
            <sequenceFlow id="f2" sourceRef="review" targetRef="end"/>
            <sequenceFlow id="f3" sourceRef="timeout" targetRef="end"/>
            """,
            before: "<message id=\"m\" name=\"cancel\"/>"));

        var review = model.GetNode("review");
        Assert.Equal(["timeout", "remind", "cancelled"], review.BoundaryEvents.Select(b => b.Id));
        Assert.All(review.BoundaryEvents, b => Assert.Same(review, b.AttachedTo));
        Assert.All(review.BoundaryEvents, b => Assert.Equal("review", b.AttachedToId));
        Assert.True(model.GetNode("timeout").CancelActivity);
        Assert.False(model.GetNode("remind").CancelActivity);
        Assert.True(model.GetNode("cancelled").CancelActivity);
        Assert.Equal(ElementKind.BoundaryEvent, model.GetNode("cancelled").Kind);
    }

    [Theory]
    [InlineData("<boundaryEvent id=\"b\">", "boundary event is attached to nothing")]
    [InlineData("<boundaryEvent id=\"b\" attachedToRef=\"ghost\">", "boundary event is attached to 'ghost', which is not a flow node")]
    [InlineData("<boundaryEvent id=\"b\" attachedToRef=\"end\">", "boundary event is attached to endEvent 'end', which is not an activity")]
    public void Boundary_event_attached_to_nothing_or_to_a_non_activity_is_an_error(string boundaryTag, string message)
    {
        var xml = BpmnText.Around("<task id=\"x\"/>\n" + boundaryTag + "<timerEventDefinition><timeDuration>PT1M</timeDuration></timerEventDefinition></boundaryEvent>");
        var problem = BpmnText.Parse(xml).Problem(message);

        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Equal(("b", "boundaryEvent"), (problem.ElementId, problem.ElementType));
        BpmnText.AssertAt(problem, xml, "<boundaryEvent");
    }

    [Fact]
    public void Start_event_isInterrupting_is_read_and_defaults_to_true()
    {
        var model = BpmnText.ParseValid(BpmnText.Around("<task id=\"x\"/>"));
        Assert.True(model.GetNode("start").IsInterrupting);

        var document = BpmnText.Parse(BpmnText.Process("<startEvent id=\"s\" isInterrupting=\"false\"/>"));
        Assert.False(Assert.Single(document.Processes).GetNode("s").IsInterrupting);
    }

    [Fact]
    public void Terminate_end_event_is_executable()
    {
        var model = BpmnText.ParseValid(BpmnText.Around("<task id=\"x\"/>").Replace("<endEvent id=\"end\"/>",
            "<endEvent id=\"end\"><terminateEventDefinition/></endEvent>", StringComparison.Ordinal));
        Assert.Equal((ElementKind.EndEvent, EventKind.Terminate), (model.GetNode("end").Kind, model.GetNode("end").Event.Kind));
    }
}
