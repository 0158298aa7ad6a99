using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Tests.Parsing;

/// <summary>Reading event sub-processes (triggeredByEvent="true"): their scope, their one triggered start event, and what they may not have.</summary>
public sealed class EventSubProcessParsingTests
{
    private const string Message = "<message id=\"M\" name=\"Info\"/>";

    private static string WithEventSub(string eventSubContent, string attributes = "") => BpmnText.Process($"""
        <startEvent id="s"/><userTask id="work"/><endEvent id="e"/>
        <sequenceFlow id="f1" sourceRef="s" targetRef="work"/><sequenceFlow id="f2" sourceRef="work" targetRef="e"/>
        <subProcess id="es" triggeredByEvent="true"{attributes}>{eventSubContent}</subProcess>
        """, Message);

    private const string Body = """
        <userTask id="answer"/><endEvent id="ee"/>
        <sequenceFlow id="g1" sourceRef="start" targetRef="answer"/><sequenceFlow id="g2" sourceRef="answer" targetRef="ee"/>
        """;

    [Fact]
    public void An_event_sub_process_is_its_own_kind_listed_by_its_scope_with_its_triggered_start()
    {
        var model = BpmnText.ParseValid(WithEventSub("""<startEvent id="start" isInterrupting="false"><messageEventDefinition messageRef="M"/></startEvent>""" + Body));

        var sub = model.GetNode("es");
        Assert.Equal(ElementKind.EventSubProcess, sub.Kind);
        Assert.Equal([sub], model.Root.EventSubProcesses);
        var start = model.GetNode("start");
        Assert.Same(start, sub.InnerScope!.EventStart);
        Assert.Equal((EventKind.Message, "Info", false), (start.Event.Kind, start.Event.MessageName, start.IsInterrupting));
        Assert.Empty(model.MessageStartEvents);
        Assert.Same(model.GetNode("s"), model.Root.NoneStart);
    }

    [Fact]
    public void An_error_start_event_always_interrupts_and_says_so()
    {
        var document = BpmnText.Parse(WithEventSub("""<startEvent id="start" isInterrupting="false"><errorEventDefinition/></startEvent>""" + Body), deploy: true);

        Assert.False(document.HasErrors, string.Join("\n", document.Problems));
        Assert.True(Assert.Single(document.Processes).GetNode("start").IsInterrupting);
        Assert.Equal(ProblemSeverity.Warning, document.Problem("always interrupts its scope").Severity);
    }

    [Theory]
    [InlineData("""<startEvent id="start"/>""", "needs a trigger")]
    [InlineData("""<startEvent id="start"><linkEventDefinition name="l"/></startEvent>""", "a link start event of an event sub-process is not supported")]
    [InlineData("""<startEvent id="start"><signalEventDefinition signalRef="nope"/></startEvent><startEvent id="start2"><messageEventDefinition messageRef="M"/></startEvent>""", "needs exactly one start event, it has 2")]
    public void An_event_sub_process_start_without_a_usable_trigger_is_refused(string start, string message)
    {
        var document = BpmnText.Parse(WithEventSub(start + Body), deploy: true);

        Assert.Equal(ProblemSeverity.Error, document.Problem(message).Severity);
    }

    [Fact]
    public void An_event_sub_process_cannot_be_reached_by_a_sequence_flow()
    {
        var xml = WithEventSub("""<startEvent id="start"><messageEventDefinition messageRef="M"/></startEvent>""" + Body)
            .Replace("""<sequenceFlow id="f2" sourceRef="work" targetRef="e"/>""", """<sequenceFlow id="f2" sourceRef="work" targetRef="es"/>""");

        var document = BpmnText.Parse(xml, deploy: true);

        Assert.Equal("es", document.Problem("cannot have incoming or outgoing sequence flows").ElementId);
    }
}
