namespace WorkflowHub.Engine.Model;

/// <summary>A flow-element container: the process itself or an embedded sub-process.</summary>
public sealed class ScopeModel
{
    public required string Id { get; init; }

    /// <summary>The sub-process node that owns this scope; null for the process.</summary>
    public FlowNode? Owner { get; init; }

    public ScopeModel? Parent => Owner?.Scope;

    public List<FlowNode> Nodes { get; } = [];

    /// <summary>The none start event where a token entering this scope begins (at most one per scope).</summary>
    public FlowNode? NoneStart { get; internal set; }

    /// <summary>The event sub-processes of this scope: they listen while the scope runs.</summary>
    public IReadOnlyList<FlowNode> EventSubProcesses => _eventSubProcesses;

    private readonly List<FlowNode> _eventSubProcesses = [];

    internal void AddEventSubProcess(FlowNode node) => _eventSubProcesses.Add(node);

    /// <summary>An event sub-process's scope: the start event whose trigger starts it.</summary>
    public FlowNode? EventStart { get; internal set; }
}
