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

    public bool HasErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error);
}
