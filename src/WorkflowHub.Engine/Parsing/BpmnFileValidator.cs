using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Parsing;

/// <summary>The engine side of the <c>validate FILE...</c> verb.</summary>
public static class BpmnFileValidator
{
    /// <summary>
    /// Prints per file "OK" or each problem; returns 0 when every file imports.
    /// <code>
    /// invoice.bpmn: OK (12 ignored elements)
    ///   40:6 warning [serviceTask 'archive']: camunda:field is not supported by the engine and is ignored
    /// broken.bpmn: 2 errors
    ///   7:4 error [sequenceFlow 'f1']: sequence flow targetRef 'x' does not name a flow node of this process
    /// missing.bpmn: error: file not found
    /// </code>
    /// Files are read in validate mode (not deploy mode): what the engine cannot execute is a warning.
    /// </summary>
    public static int Run(IReadOnlyList<string> files, TextWriter output) => Run(files, output, new BpmnParserOptions());

    /// <summary>As <see cref="Run(IReadOnlyList{string}, TextWriter)"/> with explicit parser options.</summary>
    public static int Run(IReadOnlyList<string> files, TextWriter output, BpmnParserOptions options)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);

        var parser = new BpmnParser(options);
        var failed = false;
        foreach (var file in files)
        {
            if (!ValidateFile(parser, file, output))
            {
                failed = true;
            }
        }
        return failed ? 1 : 0;
    }

    private static bool ValidateFile(BpmnParser parser, string file, TextWriter output)
    {
        BpmnDocument document;
        try
        {
            if (!File.Exists(file))
            {
                output.WriteLine($"{file}: error: file not found");
                return false;
            }
            using var stream = File.OpenRead(file);
            document = parser.Parse(stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            output.WriteLine($"{file}: error: cannot read the file: {ex.Message}");
            return false;
        }

        var errors = document.Problems.Count(p => p.Severity == ProblemSeverity.Error);
        if (errors == 0)
        {
            var ignored = document.Ignored.Count;
            output.WriteLine($"{file}: OK ({ignored} ignored element{(ignored == 1 ? "" : "s")})");
        }
        else
        {
            output.WriteLine($"{file}: {errors} error{(errors == 1 ? "" : "s")}");
        }
        foreach (var problem in document.Problems)
        {
            output.WriteLine($"  {problem}");
        }
        return errors == 0;
    }
}
