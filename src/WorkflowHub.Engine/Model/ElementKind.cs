namespace WorkflowHub.Engine.Model;

/// <summary>The BPMN flow elements the engine knows by behaviour; anything else is <see cref="Unsupported"/>.</summary>
public enum ElementKind
{
    Unsupported,
    StartEvent,
    EndEvent,
    IntermediateCatchEvent,
    IntermediateThrowEvent,
    BoundaryEvent,
    UserTask,
    ServiceTask,
    SendTask,
    ScriptTask,
    ReceiveTask,
    ManualTask,
    Task,
    ExclusiveGateway,
    ParallelGateway,
    EventBasedGateway,
    InclusiveGateway,
    SubProcess,
    CallActivity,
    /// <summary>A sub-process with triggeredByEvent="true" (BPMN 2.0 §10.3.5): started by its start event's trigger, never by a flow.</summary>
    EventSubProcess,
    /// <summary>Runs as a service task (camunda:class, delegateExpression, expression, external topic); DMN is refused.</summary>
    BusinessRuleTask,
}

/// <summary>The event definition an event carries (BPMN 2.0 §10.5); <see cref="None"/> for a plain event.</summary>
public enum EventKind
{
    None,
    Message,
    Timer,
    Error,
    Terminate,
    Signal,
    Escalation,
    Compensation,
    Conditional,
    Link,
    Cancel,
    Multiple,
}

/// <summary>Which of the three timer forms of BPMN 2.0 §10.5.6 a timer event uses.</summary>
public enum TimerKind
{
    Date,
    Duration,
    Cycle,
}
