using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Tests.Parsing;

/// <summary>Reading compensation: boundary events associated with their handlers, throw events, and what is refused.</summary>
public sealed class CompensationParsingTests
{
    private static string Booking(string extra = "", string handlerAttributes = "isForCompensation=\"true\"", string association = "<association id=\"a\" sourceRef=\"comp\" targetRef=\"undo\"/>") =>
        BpmnText.Process($"""
            <startEvent id="s"/><task id="book"/><intermediateThrowEvent id="x"><compensateEventDefinition activityRef="book" waitForCompletion="false"/></intermediateThrowEvent><endEvent id="e"/>
            <sequenceFlow id="f1" sourceRef="s" targetRef="book"/><sequenceFlow id="f2" sourceRef="book" targetRef="x"/><sequenceFlow id="f3" sourceRef="x" targetRef="e"/>
            <boundaryEvent id="comp" attachedToRef="book"><compensateEventDefinition/></boundaryEvent>
            <userTask id="undo" {handlerAttributes}/>
            {association}{extra}
            """);

    [Fact]
    public void A_compensation_boundary_names_its_handler_by_association_and_makes_its_activity_compensable()
    {
        var model = BpmnText.ParseValid(Booking());

        var book = model.GetNode("book");
        Assert.Same(model.GetNode("undo"), book.CompensationHandler);
        Assert.True(book.IsCompensable);
        Assert.True(model.GetNode("undo").IsForCompensation);
        var thrower = model.GetNode("x").Event;
        Assert.Equal((EventKind.Compensation, "book", false), (thrower.Kind, thrower.ActivityRef, thrower.WaitForCompletion));
    }

    [Theory]
    [InlineData("", "isForCompensation=\"false\"", "<association id=\"a\" sourceRef=\"comp\" targetRef=\"undo\"/>", "must lead to an activity with isForCompensation")]
    [InlineData("", "isForCompensation=\"true\"", "", "needs an association to its handler")]
    [InlineData("<sequenceFlow id=\"f4\" sourceRef=\"undo\" targetRef=\"e\"/>", "isForCompensation=\"true\"", "<association id=\"a\" sourceRef=\"comp\" targetRef=\"undo\"/>", "a compensation handler (isForCompensation=\"true\") cannot have sequence flows")]
    public void A_miswired_compensation_is_a_deploy_error(string extra, string handlerAttributes, string association, string message)
    {
        var document = BpmnText.Parse(Booking(extra, handlerAttributes, association), deploy: true);

        Assert.Equal(ProblemSeverity.Error, document.Problem(message).Severity);
    }

    [Fact]
    public void An_activityRef_outside_the_scope_is_refused()
    {
        var xml = Booking().Replace("activityRef=\"book\"", "activityRef=\"nowhere\"");

        Assert.Equal("x", BpmnText.Parse(xml, deploy: true).Problem("activityRef 'nowhere' does not name an activity").ElementId);
    }

    [Fact]
    public void A_compensation_event_sub_process_of_the_process_itself_is_refused()
    {
        var xml = Booking("""
            <subProcess id="es" triggeredByEvent="true"><startEvent id="cs"><compensateEventDefinition/></startEvent><endEvent id="ce"/>
            <sequenceFlow id="g1" sourceRef="cs" targetRef="ce"/></subProcess>
            """);

        Assert.Equal(ProblemSeverity.Error, BpmnText.Parse(xml, deploy: true).Problem("belongs in an embedded sub-process").Severity);
    }

    [Fact]
    public void Transactions_and_cancel_boundary_events_stay_refused_with_a_reason()
    {
        var xml = BpmnText.Around("""
            <transaction id="x"><startEvent id="ts"/></transaction>
            <boundaryEvent id="cancelled" attachedToRef="x"><cancelEventDefinition/></boundaryEvent>
            """);

        var document = BpmnText.Parse(xml, deploy: true);

        Assert.Contains("use an embedded sub-process with compensation", document.Problem("transaction: this element is not supported").Message, StringComparison.Ordinal);
        Assert.Equal("cancelled", document.Problem("cancel events belong to transaction sub-processes").ElementId);
    }
}
