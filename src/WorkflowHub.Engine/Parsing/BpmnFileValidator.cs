namespace WorkflowHub.Engine.Parsing;

/// <summary>The engine side of the <c>validate FILE...</c> verb.</summary>
public static class BpmnFileValidator
{
    /// <summary>Prints per file "OK" or each problem; returns 0 when every file imports.</summary>
    public static int Run(IReadOnlyList<string> files, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(output);
        throw new NotImplementedException("BpmnParser is being written.");
    }
}
