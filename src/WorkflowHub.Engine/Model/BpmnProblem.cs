namespace WorkflowHub.Engine.Model;

public enum ProblemSeverity
{
    Warning,
    Error,
}

/// <summary>A problem found in a BPMN file, with where it stands so that an editor can point at it.</summary>
public sealed record BpmnProblem(
    ProblemSeverity Severity,
    string Message,
    int Line,
    int Column,
    string? ElementId = null,
    string? ElementType = null)
{
    public override string ToString()
    {
        var where = ElementId is null ? "" : $" [{ElementType} '{ElementId}']";
        return $"{Line}:{Column} {Severity.ToString().ToLowerInvariant()}{where}: {Message}";
    }
}

/// <summary>What reading one BPMN file gave: its executable processes and every problem, in file order.</summary>
public sealed class BpmnDocument
{
    public List<ProcessModel> Processes { get; } = [];
    public List<BpmnProblem> Problems { get; } = [];

    /// <summary>Elements kept but not executed (lanes, collaborations, data objects, diagram interchange, ...), by type.</summary>
    public List<BpmnProblem> Ignored { get; } = [];

    /// <summary>
    /// The file as text when it was read from bytes: decoded with the encoding its XML declaration (or byte order
    /// mark) names, the declaration then saying UTF-8, so the text is stored and served as UTF-8 without changing meaning.
    /// </summary>
    public string? SourceText { get; internal set; }

    public bool HasErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error);
}
