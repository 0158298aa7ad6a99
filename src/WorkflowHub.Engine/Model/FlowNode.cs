namespace WorkflowHub.Engine.Model;

/// <summary>
/// One flow node of a compiled process: events, activities and gateways share this shape and
/// differ by <see cref="Kind"/> and the definition parts that kind uses. Built once per deployed
/// version and never changed after, so it is shared by every step that runs the version.
/// </summary>
public sealed class FlowNode
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public required ElementKind Kind { get; init; }

    /// <summary>The XML element's local name (e.g. "userTask"), for messages and history.</summary>
    public required string ElementType { get; init; }

    public SourcePosition Position { get; init; }

    /// <summary>The process or sub-process that holds this node.</summary>
    public ScopeModel Scope { get; internal set; } = null!;

    public List<SequenceFlow> Incoming { get; } = [];
    public List<SequenceFlow> Outgoing { get; } = [];

    /// <summary>The id of the default flow of a gateway or activity (BPMN "default" attribute).</summary>
    public string? DefaultFlowId { get; init; }

    public EventDefinition Event { get; init; } = EventDefinition.None;

    /// <summary>Boundary events: the activity this event is attached to, and whether it interrupts it.</summary>
    public string? AttachedToId { get; init; }
    public FlowNode? AttachedTo { get; internal set; }
    public bool CancelActivity { get; init; } = true;

    /// <summary>Activities: the boundary events attached to them.</summary>
    public List<FlowNode> BoundaryEvents { get; } = [];

    /// <summary>isForCompensation="true": a compensation handler, run only when its activity is compensated.</summary>
    public bool IsForCompensation { get; init; }

    /// <summary>Activities: the handler their compensation boundary event is associated with.</summary>
    public FlowNode? CompensationHandler { get; internal set; }

    /// <summary>
    /// Completing this activity is remembered for compensation: it has a handler, or it is a sub-process holding a
    /// compensation event sub-process or compensable activities.
    /// </summary>
    public bool IsCompensable { get; internal set; }

    /// <summary>Start events of sub-processes and the process: isInterrupting (event sub-processes only).</summary>
    public bool IsInterrupting { get; init; } = true;

    public UserTaskDefinition? UserTask { get; init; }

    /// <summary>
    /// User tasks and start events: the fields their form declares (camunda:formData, activiti/flowable:formProperty),
    /// the variables a completion may write; empty when none are declared.
    /// </summary>
    public IReadOnlyList<FormField> FormFields { get; init; } = [];
    public ServiceDefinition? Service { get; init; }
    public ScriptDefinition? Script { get; init; }
    public CallActivityDefinition? CallActivity { get; init; }
    public MultiInstanceDefinition? MultiInstance { get; init; }
    public IoMapping? InputOutput { get; init; }

    /// <summary>camunda:executionListener and camunda:taskListener, in document order.</summary>
    public IReadOnlyList<ListenerDefinition> Listeners { get; init; } = [];

    /// <summary>Sub-processes: the scope of the nodes inside.</summary>
    public ScopeModel? InnerScope { get; internal set; }

    public bool AsyncBefore { get; init; }
    public bool AsyncAfter { get; init; }

    /// <summary>camunda:failedJobRetryTimeCycle, e.g. R3/PT5M; null means the engine's default.</summary>
    public string? FailedJobRetryTimeCycle { get; init; }

    /// <summary>True for activities (tasks, sub-processes, call activities): they can carry boundary events and loops.</summary>
    public bool IsActivity { get; init; }

    /// <summary>The in-process handler names this node's delegates and listeners need (deploy checks they are registered).</summary>
    public IEnumerable<string> DelegateNames()
    {
        if (Service?.Delegate is { } service)
        {
            yield return service;
        }
        foreach (var listener in Listeners)
        {
            if (listener.Delegate is { } name)
            {
                yield return name;
            }
        }
    }

    public override string ToString() => $"{ElementType} '{Id}'";
}
