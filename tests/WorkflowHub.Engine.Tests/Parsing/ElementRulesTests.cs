using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Tests.Parsing;

/// <summary>
/// The deploy rules each behaviour carries (<c>IElementRules.Check</c> and <c>Validate</c>): the modeller reads exactly
/// these messages, on exactly this element, with this severity, so each is asserted whole.
/// </summary>
public sealed class ElementRulesTests
{
    private const string Definitions = """
        <message id="m" name="M"/><signal id="sig" name="S"/><error id="err" errorCode="E1"/><escalation id="esc" escalationCode="X"/>
        """;

    private const string Cannot = "cannot execute ";

    public static TheoryData<string, string, ProblemSeverity, string> Refusals => new()
    {
        // Start events
        {
            """<startEvent id="s"/><subProcess id="sub"><startEvent id="x"><messageEventDefinition messageRef="m"/></startEvent></subProcess>""",
            "x", ProblemSeverity.Error,
            Cannot + "startEvent: a message start event inside a sub-process (an embedded sub-process starts at its none start event)"
        },
        {
            """<startEvent id="x"><escalationEventDefinition escalationRef="esc"/></startEvent>""",
            "x", ProblemSeverity.Error,
            Cannot + "startEvent: a escalation start event is not supported (none, message, timer, signal and conditional are)"
        },
        {
            """<startEvent id="s"/><subProcess id="esp" triggeredByEvent="true"><startEvent id="x"/></subProcess>""",
            "x", ProblemSeverity.Error,
            "the start event of an event sub-process needs a trigger (message, timer, signal, error, escalation, conditional or compensation)"
        },
        {
            """<startEvent id="s"/><subProcess id="esp" triggeredByEvent="true"><startEvent id="x"><linkEventDefinition name="l"/></startEvent></subProcess>""",
            "x", ProblemSeverity.Error,
            Cannot + "startEvent: a link start event of an event sub-process is not supported (message, timer, signal, error, escalation, conditional and compensation are)"
        },
        {
            """<startEvent id="s"/><subProcess id="esp" triggeredByEvent="true"><startEvent id="x"><compensateEventDefinition/></startEvent></subProcess>""",
            "x", ProblemSeverity.Error,
            Cannot + "startEvent: a compensation event sub-process belongs in an embedded sub-process (it compensates that sub-process)"
        },
        {
            """<startEvent id="s"/><subProcess id="esp" triggeredByEvent="true"><startEvent id="x" isInterrupting="false"><errorEventDefinition errorRef="err"/></startEvent></subProcess>""",
            "x", ProblemSeverity.Warning,
            "an error start event always interrupts its scope: isInterrupting=\"false\" is ignored"
        },

        // End, boundary, intermediate events
        {
            """<startEvent id="s"/><endEvent id="x"><messageEventDefinition messageRef="m"/></endEvent><sequenceFlow id="f" sourceRef="s" targetRef="x"/>""",
            "x", ProblemSeverity.Error,
            Cannot + "endEvent: a message end event is not supported (none, terminate, error, signal, escalation and compensation are)"
        },
        {
            """<startEvent id="s"/><endEvent id="x"><cancelEventDefinition/></endEvent><sequenceFlow id="f" sourceRef="s" targetRef="x"/>""",
            "x", ProblemSeverity.Error,
            Cannot + "endEvent: cancel events belong to transaction sub-processes, which the engine does not run (use an embedded sub-process with compensation)"
        },
        {
            """<startEvent id="s"/><userTask id="t"/><boundaryEvent id="x" attachedToRef="t"/>""",
            "x", ProblemSeverity.Error,
            "boundary event has no event definition"
        },
        {
            """<startEvent id="s"/><userTask id="t"/><boundaryEvent id="x" attachedToRef="t"><linkEventDefinition name="l"/></boundaryEvent>""",
            "x", ProblemSeverity.Error,
            Cannot + "boundaryEvent: a link boundary event is not supported (timer, message, error, signal, escalation, conditional and compensation are)"
        },
        {
            """<startEvent id="s"/><userTask id="t"/><boundaryEvent id="x" attachedToRef="t" cancelActivity="false"><errorEventDefinition errorRef="err"/></boundaryEvent>""",
            "x", ProblemSeverity.Warning,
            "an error boundary event always interrupts its activity: cancelActivity=\"false\" is ignored"
        },
        {
            """
            <startEvent id="s"/><userTask id="t"/><boundaryEvent id="x" attachedToRef="t"><compensateEventDefinition/></boundaryEvent>
            <userTask id="undo" isForCompensation="true"/><association id="a" associationDirection="One" sourceRef="x" targetRef="undo"/>
            <endEvent id="e"/><sequenceFlow id="f" sourceRef="x" targetRef="e"/>
            """,
            "x", ProblemSeverity.Error,
            "a compensation boundary event cannot have outgoing sequence flows: it is associated with its handler"
        },
        {
            """<startEvent id="s"/><intermediateCatchEvent id="x"/><sequenceFlow id="f" sourceRef="s" targetRef="x"/>""",
            "x", ProblemSeverity.Error,
            "intermediate catch event has no event definition"
        },
        {
            """<startEvent id="s"/><intermediateCatchEvent id="x"><escalationEventDefinition escalationRef="esc"/></intermediateCatchEvent><sequenceFlow id="f" sourceRef="s" targetRef="x"/>""",
            "x", ProblemSeverity.Error,
            Cannot + "intermediateCatchEvent: a escalation intermediate catch event is not supported (message, timer, signal, conditional and link are)"
        },
        {
            """
            <startEvent id="s"/><intermediateThrowEvent id="go"><linkEventDefinition name="l"/></intermediateThrowEvent>
            <intermediateCatchEvent id="x"><linkEventDefinition name="l"/></intermediateCatchEvent>
            <sequenceFlow id="f1" sourceRef="s" targetRef="go"/><sequenceFlow id="f2" sourceRef="s" targetRef="x"/>
            """,
            "x", ProblemSeverity.Error,
            "a link catch event cannot have incoming sequence flows: it is reached from its link throw event"
        },
        {
            """<startEvent id="s"/><intermediateThrowEvent id="x"><messageEventDefinition messageRef="m"/></intermediateThrowEvent><sequenceFlow id="f" sourceRef="s" targetRef="x"/>""",
            "x", ProblemSeverity.Error,
            Cannot + "intermediateThrowEvent: a message intermediate throw event is not supported (none, signal, link, escalation and compensation are)"
        },
        {
            """
            <startEvent id="s"/><intermediateThrowEvent id="x"><linkEventDefinition name="l"/></intermediateThrowEvent>
            <intermediateCatchEvent id="c1"><linkEventDefinition name="l"/></intermediateCatchEvent>
            <intermediateCatchEvent id="c2"><linkEventDefinition name="l"/></intermediateCatchEvent>
            <sequenceFlow id="f" sourceRef="s" targetRef="x"/>
            """,
            "x", ProblemSeverity.Error,
            "link throw event 'x' needs exactly one link catch event named 'l' in its scope, there are 2"
        },
        {
            """
            <startEvent id="s"/><task id="t"/><exclusiveGateway id="gw"/>
            <intermediateThrowEvent id="x"><compensateEventDefinition activityRef="gw"/></intermediateThrowEvent>
            <sequenceFlow id="f1" sourceRef="s" targetRef="t"/><sequenceFlow id="f2" sourceRef="t" targetRef="gw"/><sequenceFlow id="f3" sourceRef="gw" targetRef="x"/>
            """,
            "x", ProblemSeverity.Error,
            "activityRef 'gw' does not name an activity of the scope this compensation event compensates ('p')"
        },

        // Gateways, tasks and sub-processes
        {
            """
            <startEvent id="s"/><parallelGateway id="gw"/><task id="a"/>
            <sequenceFlow id="f1" sourceRef="s" targetRef="gw"/><sequenceFlow id="x" sourceRef="gw" targetRef="a"><conditionExpression>${ok}</conditionExpression></sequenceFlow>
            """,
            "x", ProblemSeverity.Warning,
            "the condition of a sequence flow leaving parallel gateway 'gw' is ignored (BPMN 2.0 §10.6.4)"
        },
        {
            """<startEvent id="s"/><eventBasedGateway id="x" eventGatewayType="Parallel"/><sequenceFlow id="f" sourceRef="s" targetRef="x"/>""",
            "x", ProblemSeverity.Error,
            Cannot + "eventBasedGateway: a parallel event-based gateway (eventGatewayType=\"Parallel\") is not supported"
        },
        {
            """<startEvent id="s"/><eventBasedGateway id="x" instantiate="true"/><sequenceFlow id="f" sourceRef="s" targetRef="x"/>""",
            "x", ProblemSeverity.Error,
            Cannot + "eventBasedGateway: an event-based gateway that instantiates the process (instantiate=\"true\") is not supported"
        },
        {
            """<startEvent id="s"/><receiveTask id="x" messageRef="m" instantiate="true"/><sequenceFlow id="f" sourceRef="s" targetRef="x"/>""",
            "x", ProblemSeverity.Error,
            Cannot + "receiveTask: a receive task that instantiates the process (instantiate=\"true\") is not supported"
        },
        {
            """
            <startEvent id="s"/><subProcess id="x" triggeredByEvent="true"><startEvent id="es"><messageEventDefinition messageRef="m"/></startEvent></subProcess>
            <sequenceFlow id="f" sourceRef="s" targetRef="x"/>
            """,
            "x", ProblemSeverity.Error,
            "an event sub-process cannot have incoming or outgoing sequence flows: its start event's trigger starts it"
        },
        {
            """
            <startEvent id="s"/><subProcess id="x" triggeredByEvent="true"><startEvent id="es"><messageEventDefinition messageRef="m"/></startEvent></subProcess>
            <boundaryEvent id="b" attachedToRef="x"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
            """,
            "x", ProblemSeverity.Error,
            "an event sub-process cannot have boundary events"
        },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void EachRule_ReportsItsMessage_OnItsElement_WithItsSeverity(string content, string elementId, ProblemSeverity severity, string message)
    {
        var document = BpmnText.Parse(BpmnText.Process(content, Definitions), deploy: true);

        var problem = Assert.Single(document.Problems, p => p.Message == message);
        Assert.Equal((elementId, severity), (problem.ElementId, problem.Severity));
    }

    [Theory]
    [InlineData("""<userTask id="x"/>""", "userTask")]
    [InlineData("""<receiveTask id="x"/>""", "receiveTask")]
    [InlineData("""<intermediateCatchEvent id="x"><signalEventDefinition signalRef="sig"/></intermediateCatchEvent>""", "intermediateCatchEvent")]
    public void AnEventBasedGateway_LeadingToAnythingButAMessageOrTimerCatch_OrAReceiveTaskWithItsMessage_IsRefused(string target, string type)
    {
        var content = """<startEvent id="s"/><eventBasedGateway id="gw"/><intermediateCatchEvent id="ok"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></intermediateCatchEvent>"""
            + target + """<sequenceFlow id="f1" sourceRef="s" targetRef="gw"/><sequenceFlow id="f2" sourceRef="gw" targetRef="ok"/><sequenceFlow id="f3" sourceRef="gw" targetRef="x"/>""";

        var document = BpmnText.Parse(BpmnText.Process(content, Definitions), deploy: true);

        var problem = Assert.Single(document.Errors());
        Assert.Equal("gw", problem.ElementId);
        Assert.StartsWith("event-based gateway leads to ", problem.Message, StringComparison.Ordinal);
        Assert.Contains(type, problem.Message, StringComparison.Ordinal);
        Assert.EndsWith(": its targets must be message or timer intermediate catch events or receive tasks with a messageRef", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEventBasedGateway_ToMessageAndTimerCatchesAndAReceiveTask_IsValid()
    {
        BpmnText.ParseValid(BpmnText.Process("""
            <startEvent id="s"/><eventBasedGateway id="gw"/>
            <intermediateCatchEvent id="t"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <intermediateCatchEvent id="c"><messageEventDefinition messageRef="m"/></intermediateCatchEvent>
            <receiveTask id="r" messageRef="m"/>
            <sequenceFlow id="f1" sourceRef="s" targetRef="gw"/><sequenceFlow id="f2" sourceRef="gw" targetRef="t"/>
            <sequenceFlow id="f3" sourceRef="gw" targetRef="c"/><sequenceFlow id="f4" sourceRef="gw" targetRef="r"/>
            """, Definitions));
    }

    [Fact]
    public void ACompensationThrowInAnEventSubProcess_NamesAnActivityOfTheEnclosingScope()
    {
        var document = BpmnText.Parse(BpmnText.Process("""
            <startEvent id="s"/><task id="book"/><userTask id="wait"/><endEvent id="e"/>
            <boundaryEvent id="cb" attachedToRef="book"><compensateEventDefinition/></boundaryEvent>
            <task id="unbook" isForCompensation="true"/><association id="a" associationDirection="One" sourceRef="cb" targetRef="unbook"/>
            <sequenceFlow id="f1" sourceRef="s" targetRef="book"/><sequenceFlow id="f2" sourceRef="book" targetRef="wait"/><sequenceFlow id="f3" sourceRef="wait" targetRef="e"/>
            <subProcess id="esp" triggeredByEvent="true">
              <startEvent id="es"><errorEventDefinition errorRef="err"/></startEvent>
              <intermediateThrowEvent id="undoIt"><compensateEventDefinition activityRef="book"/></intermediateThrowEvent><endEvent id="ee"/>
              <sequenceFlow id="g1" sourceRef="es" targetRef="undoIt"/><sequenceFlow id="g2" sourceRef="undoIt" targetRef="ee"/>
            </subProcess>
            """, Definitions), deploy: true);

        Assert.False(document.HasErrors, string.Join("\n", document.Problems));
    }
}
