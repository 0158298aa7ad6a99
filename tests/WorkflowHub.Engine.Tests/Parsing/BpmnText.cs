using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Parsing;

namespace WorkflowHub.Engine.Tests.Parsing;

/// <summary>Builds small BPMN documents for the parser tests and finds where things stand in them.</summary>
internal static class BpmnText
{
    public const string CamundaNs = "http://camunda.org/schema/1.0/bpmn";
    public const string ActivitiNs = "http://activiti.org/bpmn";
    public const string FlowableNs = "http://flowable.org/bpmn";

    /// <summary>A definitions element (line 1) holding <paramref name="body"/> from line 2 on.</summary>
    public static string Definitions(string body, string camundaNamespace = CamundaNs) =>
        $"<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" xmlns:camunda=\"{camundaNamespace}\" "
        + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\" "
        + "xmlns:foo=\"http://example.com/foo\" id=\"defs\" targetNamespace=\"http://example.com\">\n"
        + body + "\n</definitions>\n";

    /// <summary>An executable process "p" (line 2 + lines of <paramref name="before"/>) holding <paramref name="content"/>.</summary>
    public static string Process(string content, string before = "", string camundaNamespace = CamundaNs) =>
        Definitions(
            (before.Length > 0 ? before + "\n" : "") + "<process id=\"p\" name=\"Process\" isExecutable=\"true\">\n" + content + "\n</process>",
            camundaNamespace);

    /// <summary>A process where <paramref name="middle"/> (node id "x" expected) sits between a none start and a none end.</summary>
    public static string Around(string middle, string before = "") => Process(
        """
        <startEvent id="start"/>
        <sequenceFlow id="f1" sourceRef="start" targetRef="x"/>
        """ + "\n" + middle + "\n" +
        """
        <sequenceFlow id="f2" sourceRef="x" targetRef="end"/>
        <endEvent id="end"/>
        """,
        before);

    public static BpmnDocument Parse(string xml, bool deploy = false) =>
        new BpmnParser(new BpmnParserOptions { DeployMode = deploy }).Parse(xml);

    /// <summary>Parses and asserts there is no error problem; returns the single process.</summary>
    public static ProcessModel ParseValid(string xml, bool deploy = true)
    {
        var document = Parse(xml, deploy);
        Assert.True(!document.HasErrors, "unexpected errors:\n" + string.Join("\n", document.Problems));
        return Assert.Single(document.Processes);
    }

    public static IEnumerable<BpmnProblem> Errors(this BpmnDocument document) =>
        document.Problems.Where(p => p.Severity == ProblemSeverity.Error);

    public static IEnumerable<BpmnProblem> Warnings(this BpmnDocument document) =>
        document.Problems.Where(p => p.Severity == ProblemSeverity.Warning);

    /// <summary>The single problem whose message contains <paramref name="fragment"/>.</summary>
    public static BpmnProblem Problem(this BpmnDocument document, string fragment) =>
        Assert.Single(document.Problems, p => p.Message.Contains(fragment, StringComparison.Ordinal));

    /// <summary>
    /// The position the parser reports for the element whose start tag is the <paramref name="occurrence"/>-th
    /// occurrence of <paramref name="startTag"/> (e.g. "&lt;task id=\"x\""): its line, and the column of its name (after '&lt;').
    /// </summary>
    public static (int Line, int Column) PositionOf(string xml, string startTag, int occurrence = 1)
    {
        var index = -1;
        for (var i = 0; i < occurrence; i++)
        {
            index = xml.IndexOf(startTag, index + 1, StringComparison.Ordinal);
            Assert.True(index >= 0, $"'{startTag}' not found");
        }
        var line = 1 + xml.AsSpan(0, index).Count('\n');
        var lineStart = index == 0 ? 0 : xml.LastIndexOf('\n', index - 1) + 1;
        return (line, index - lineStart + 2);
    }

    public static void AssertAt(BpmnProblem problem, string xml, string startTag, int occurrence = 1)
    {
        var (line, column) = PositionOf(xml, startTag, occurrence);
        Assert.Equal((line, column), (problem.Line, problem.Column));
    }
}
