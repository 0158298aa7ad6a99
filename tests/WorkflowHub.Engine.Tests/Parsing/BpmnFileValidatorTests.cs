using System.Text;
using WorkflowHub.Engine.Parsing;

namespace WorkflowHub.Engine.Tests.Parsing;

/// <summary>The validate verb: one report block per file and exit code 0 only when every file imports.</summary>
public sealed class BpmnFileValidatorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wfh-validate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string xml)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, xml, new UTF8Encoding(false));
        return path;
    }

    private static (int Code, string[] Lines) Run(params string[] files)
    {
        using var output = new StringWriter();
        var code = BpmnFileValidator.Run(files, output);
        return (code, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray());
    }

    [Fact]
    public void Run_prints_OK_with_the_ignored_count_and_each_warning_and_returns_0()
    {
        var xml = BpmnText.Around("<complexGateway id=\"x\"/>\n<textAnnotation id=\"note\"/>");
        var file = Write("ok.bpmn", xml);
        var (line, column) = BpmnText.PositionOf(xml, "<complexGateway");

        var (code, lines) = Run(file);

        Assert.Equal(0, code);
        Assert.Equal(
            [
                $"{file}: OK (1 ignored element)",
                $"  {line}:{column} warning [complexGateway 'x']: cannot execute complexGateway: this element is not supported by the engine",
            ],
            lines);
    }

    [Fact]
    public void Run_prints_each_error_and_returns_1_when_a_file_has_errors()
    {
        var good = Write("good.bpmn", BpmnText.Around("<task id=\"x\"/>"));
        var badXml = BpmnText.Around("<task id=\"x\"/>\n<sequenceFlow id=\"dangling\" sourceRef=\"x\" targetRef=\"ghost\"/>");
        var bad = Write("bad.bpmn", badXml);
        var (line, column) = BpmnText.PositionOf(badXml, "<sequenceFlow id=\"dangling\"");

        var (code, lines) = Run(good, bad);

        Assert.Equal(1, code);
        Assert.Equal(
            [
                $"{good}: OK (0 ignored elements)",
                $"{bad}: 1 error",
                $"  {line}:{column} error [sequenceFlow 'dangling']: sequence flow targetRef 'ghost' does not name a flow node of this process",
            ],
            lines);
    }

    [Fact]
    public void Run_reports_a_missing_file_as_an_error_line_and_returns_1()
    {
        var missing = Path.Combine(_dir, "nope.bpmn");
        var (code, lines) = Run(missing);

        Assert.Equal(1, code);
        Assert.Equal([$"{missing}: error: file not found"], lines);
    }

    [Fact]
    public void Run_reports_malformed_xml_with_its_position()
    {
        var file = Write("broken.bpmn", "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\n  <process id=\"p\">\n</definitions>");

        var (code, lines) = Run(file);

        Assert.Equal(1, code);
        Assert.Equal($"{file}: 1 error", lines[0]);
        Assert.StartsWith("  3:3 error: malformed XML:", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Run_validates_in_validate_mode_so_a_file_without_executable_process_is_OK_with_a_warning()
    {
        var file = Write("doc.bpmn", BpmnText.Definitions("<process id=\"p\"/>"));

        var (code, lines) = Run(file);

        Assert.Equal(0, code);
        Assert.Equal($"{file}: OK (1 ignored element)", lines[0]);
        Assert.Contains("warning [definitions 'defs']: the file has no executable process", lines[1], StringComparison.Ordinal);
    }
}
