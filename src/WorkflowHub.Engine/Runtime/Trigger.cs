using System.Text.Json.Nodes;

namespace WorkflowHub.Engine.Runtime;

/// <summary>What woke a waiting token: the element that caught it and the variables it brings.</summary>
internal abstract record Trigger(string ElementId)
{
    public IReadOnlyDictionary<string, JsonNode?>? Variables { get; init; }
}

internal sealed record TaskCompleted(string ElementId, string TaskId) : Trigger(ElementId)
{
    public string? Comment { get; init; }
}

internal sealed record MessageReceived(string ElementId, string MessageName) : Trigger(ElementId);

internal sealed record TimerFired(string ElementId, string JobId) : Trigger(ElementId);

internal sealed record CalledInstanceEnded(string ElementId, string ChildInstanceId) : Trigger(ElementId);

/// <summary>An operator or system moved a waiting receive task on (Camunda's "signal" of an execution).</summary>
internal sealed record ExecutionTriggered(string ElementId) : Trigger(ElementId);

internal sealed record SignalReceived(string ElementId, string SignalName) : Trigger(ElementId);

internal sealed record ConditionSatisfied(string ElementId) : Trigger(ElementId);
