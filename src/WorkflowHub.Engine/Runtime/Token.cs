using System.Text.Json.Nodes;

namespace WorkflowHub.Engine.Runtime;

/// <summary>What a token is doing at its element.</summary>
public enum TokenState
{
    /// <summary>On the agenda: about to enter or leave its element within this step.</summary>
    Active,
    /// <summary>Waiting for something from outside the step: a task, a message, a timer, a job, a called instance.</summary>
    Waiting,
    /// <summary>A scope: a sub-process, multi-instance body or the like, whose child tokens do the work.</summary>
    Scope,
    /// <summary>Arrived at a parallel join and waits there for its siblings.</summary>
    Joining,
    /// <summary>Stopped by an incident; an operator's retry runs <see cref="Token.FailedPhase"/> again.</summary>
    Failed,
    /// <summary>
    /// Waits, on behalf of its scope (the parent token, or the process), for the trigger of an event sub-process's start
    /// event; not a thread of control, so it neither keeps its scope alive nor appears in history.
    /// </summary>
    Listening,
}

/// <summary>
/// A token (Camunda's "execution"): where one thread of control stands, its parent scope token, its local
/// variables, and the outside rows (task, jobs, subscriptions, called instance) that wait on its behalf.
/// </summary>
public sealed class Token
{
    public required string Id { get; init; }
    public required string ElementId { get; set; }
    public string? ParentId { get; set; }
    public TokenState State { get; set; }

    /// <summary>At a join: the flow the token arrived by.</summary>
    public string? ArrivedVia { get; set; }

    /// <summary>Local variables of this token's scope (input parameters, multi-instance element variables...).</summary>
    public Dictionary<string, JsonNode?>? Variables { get; set; }

    public string? TaskId { get; set; }

    /// <summary>The external task (外部任务) that waits for a worker on this token's behalf.</summary>
    public string? ExternalTaskId { get; set; }
    public List<string>? JobIds { get; set; }
    public List<string>? SubscriptionIds { get; set; }
    public string? CalledInstanceId { get; set; }

    /// <summary>Multi-instance body: true; inner instances carry the body as parent.</summary>
    public bool IsMultiInstanceBody { get; set; }
    public bool IsMultiInstanceInner { get; set; }

    /// <summary>Sequential multi-instance body: the collection still to be walked.</summary>
    public JsonArray? LoopItems { get; set; }

    /// <summary>The token already passed its asyncBefore continuation for the current element.</summary>
    public bool PastAsyncBefore { get; set; }

    /// <summary>
    /// A compensation handler, or a completed sub-process entered again to compensate it: it ends instead of taking
    /// outgoing flows. The value is the throwing token that waits for it ("" when the throw does not wait).
    /// </summary>
    public string? CompensationFor { get; set; }

    /// <summary>A compensation throw event's token waits until the handlers it started have ended.</summary>
    public bool AwaitsCompensation { get; set; }

    /// <summary>On a failed token: whether entering or leaving failed, and the incident.</summary>
    public StepPhase? FailedPhase { get; set; }
    public string? IncidentId { get; set; }
}

/// <summary>The two halves of a token's visit to an element; a failure in either becomes an incident on that phase.</summary>
public enum StepPhase
{
    /// <summary>Entering the element: input mapping, then the element's own work.</summary>
    Enter,
    /// <summary>Leaving the element: output mapping and history.</summary>
    Leave,
    /// <summary>Choosing and taking the outgoing flows (gateway and flow conditions).</summary>
    Take,
}
