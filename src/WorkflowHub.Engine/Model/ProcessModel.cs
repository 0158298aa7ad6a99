namespace WorkflowHub.Engine.Model;

/// <summary>
/// A compiled, immutable executable process: every node by id across all scopes, every flow by id,
/// and the start events that deployment registers (message and timer starts).
/// </summary>
public sealed class ProcessModel
{
    public required string Key { get; init; }
    public string? Name { get; init; }
    public bool IsExecutable { get; init; }
    public string? VersionTag { get; init; }
    public SourcePosition Position { get; init; }

    public required ScopeModel Root { get; init; }
    public Dictionary<string, FlowNode> Nodes { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, SequenceFlow> Flows { get; } = new(StringComparer.Ordinal);

    /// <summary>Node id → the ids of the cycle without a wait state it belongs to (named by the step-limit incident).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> WaitlessCycles => _waitlessCycles;

    private readonly Dictionary<string, IReadOnlyList<string>> _waitlessCycles = new(StringComparer.Ordinal);

    internal void AddWaitlessCycle(IReadOnlyList<string> cycle)
    {
        foreach (var id in cycle)
        {
            _waitlessCycles[id] = cycle;
        }
    }

    public IEnumerable<FlowNode> MessageStartEvents =>
        Root.Nodes.Where(n => n.Kind == ElementKind.StartEvent && n.Event.Kind == EventKind.Message);

    /// <summary>Whether any catch or boundary event waits on a condition (variable changes are then checked).</summary>
    public bool HasConditionalEvents => _hasConditionalEvents ??= Nodes.Values.Any(n => n.Event.Kind == EventKind.Conditional);

    // Computed on first use, after the parser filled Nodes; asked on every variable change, so kept.
    private bool? _hasConditionalEvents;

    public IEnumerable<FlowNode> SignalStartEvents =>
        Root.Nodes.Where(n => n.Kind == ElementKind.StartEvent && n.Event.Kind == EventKind.Signal);

    public IEnumerable<FlowNode> ConditionalStartEvents =>
        Root.Nodes.Where(n => n.Kind == ElementKind.StartEvent && n.Event.Kind == EventKind.Conditional);

    public IEnumerable<FlowNode> TimerStartEvents =>
        Root.Nodes.Where(n => n.Kind == ElementKind.StartEvent && n.Event.Kind == EventKind.Timer);

    public FlowNode GetNode(string id) =>
        Nodes.TryGetValue(id, out var node) ? node : throw new KeyNotFoundException($"Process '{Key}' has no element '{id}'.");
}
