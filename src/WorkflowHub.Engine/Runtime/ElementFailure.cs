namespace WorkflowHub.Engine.Runtime;

/// <summary>Identifies where a step failed, so the re-run can stop that token with an incident instead.</summary>
internal readonly record struct PoisonKey(string InstanceId, string TokenId, string ElementId, StepPhase Phase);

/// <summary>
/// An expression, script or handler failed while a token entered or left an element. The step rolls back;
/// commands then re-run with the point marked, so the token stops there with an incident and nothing else is lost.
/// </summary>
internal sealed class ElementFailure(PoisonKey key, string kind, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public PoisonKey Key { get; } = key;
    public string Kind { get; } = kind;
}
