namespace WorkflowHub.Engine.Model;

/// <summary>The event definition of an event: its kind plus what that kind needs.</summary>
public sealed class EventDefinition
{
    public static readonly EventDefinition None = new() { Kind = EventKind.None };

    public required EventKind Kind { get; init; }

    /// <summary>Message events: the message's name (from bpmn:message name, resolved by messageRef).</summary>
    public string? MessageName { get; init; }

    /// <summary>Error events: the error code (bpmn:error errorCode); null on a catch means "any error".</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Error catch events: camunda:errorCodeVariable / errorMessageVariable.</summary>
    public string? ErrorCodeVariable { get; init; }
    public string? ErrorMessageVariable { get; init; }

    /// <summary>Signal events: the signal name.</summary>
    public string? SignalName { get; init; }

    /// <summary>Escalation events: the escalationCode; null on a catch means "any escalation".</summary>
    public string? EscalationCode { get; init; }

    /// <summary>Conditional events: the condition, and camunda:variableName (only changes of these variables re-evaluate it).</summary>
    public Expression? Condition { get; init; }
    public IReadOnlyList<string> ConditionVariables { get; init; } = [];

    /// <summary>Link events: the link's name (throw and catch pair up by it within one scope).</summary>
    public string? LinkName { get; init; }

    public TimerDefinition? Timer { get; init; }

    /// <summary>Compensation throw events: the activity to compensate (null: every completed one of the scope), and whether to wait for the handlers.</summary>
    public string? ActivityRef { get; init; }
    public bool WaitForCompletion { get; init; } = true;
}
