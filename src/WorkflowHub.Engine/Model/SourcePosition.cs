namespace WorkflowHub.Engine.Model;

/// <summary>Where an element stands in its BPMN file (1-based), so problems can point at it.</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}
