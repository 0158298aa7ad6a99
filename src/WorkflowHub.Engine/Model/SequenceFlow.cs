namespace WorkflowHub.Engine.Model;

/// <summary>A sequence flow between two flow nodes of one scope, with its optional condition.</summary>
public sealed class SequenceFlow
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public required string SourceId { get; init; }
    public required string TargetId { get; init; }
    public Expression? Condition { get; init; }
    public SourcePosition Position { get; init; }

    /// <summary>camunda:executionListener event="take".</summary>
    public IReadOnlyList<ListenerDefinition> Listeners { get; init; } = [];

    /// <summary>Set by the compiler: the nodes at each end.</summary>
    public FlowNode Source { get; internal set; } = null!;
    public FlowNode Target { get; internal set; } = null!;
}
