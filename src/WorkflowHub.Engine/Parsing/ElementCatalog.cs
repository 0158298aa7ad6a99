using System.Collections.Frozen;
using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Parsing;

/// <summary>
/// Which BPMN element (by local name) is what: unsupported, ignored, or part of its owner. What is executable is
/// <see cref="Behaviours.ElementTypes.All"/>, the one registration list.
/// </summary>
internal static class ElementCatalog
{
    /// <summary>BPMN flow nodes the engine has no behaviour for: compiled as <see cref="ElementKind.Unsupported"/>.</summary>
    public static readonly FrozenSet<string> UnsupportedFlowNodes = FrozenSet.ToFrozenSet(
    [
        "complexGateway", "transaction", "adHocSubProcess",
        "callChoreography", "subChoreography", "choreographyTask", "implicitThrowEvent",
    ], StringComparer.Ordinal);

    /// <summary>Activities (can carry boundary events), executable or not.</summary>
    public static readonly FrozenSet<string> Activities = FrozenSet.ToFrozenSet(
    [
        "task", "userTask", "serviceTask", "sendTask", "scriptTask", "receiveTask", "manualTask", "businessRuleTask",
        "subProcess", "callActivity", "transaction", "adHocSubProcess",
    ], StringComparer.Ordinal);

    public static readonly FrozenSet<string> Events = FrozenSet.ToFrozenSet(
    [
        "startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent", "implicitThrowEvent",
    ], StringComparer.Ordinal);

    /// <summary>Scope content that is kept but not executed: artifacts, lanes, data.</summary>
    public static readonly FrozenSet<string> ScopeArtifacts = FrozenSet.ToFrozenSet(
    [
        "laneSet", "dataObject", "dataObjectReference", "dataStoreReference", "textAnnotation", "association", "group",
    ], StringComparer.Ordinal);

    /// <summary>The event definitions of BPMN 2.0 §10.5 by element name.</summary>
    public static readonly FrozenDictionary<string, EventKind> EventDefinitions = new Dictionary<string, EventKind>
    {
        ["messageEventDefinition"] = EventKind.Message,
        ["timerEventDefinition"] = EventKind.Timer,
        ["errorEventDefinition"] = EventKind.Error,
        ["terminateEventDefinition"] = EventKind.Terminate,
        ["signalEventDefinition"] = EventKind.Signal,
        ["escalationEventDefinition"] = EventKind.Escalation,
        ["compensateEventDefinition"] = EventKind.Compensation,
        ["conditionalEventDefinition"] = EventKind.Conditional,
        ["linkEventDefinition"] = EventKind.Link,
        ["cancelEventDefinition"] = EventKind.Cancel,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Children that belong to their owner element (a flow node, a sub-process or the process) rather than
    /// to its scope: the owner's reader handles them, the scope compiler skips them.
    /// </summary>
    public static readonly FrozenSet<string> OwnerChildren = FrozenSet.ToFrozenSet(
    [
        "incoming", "outgoing", "extensionElements", "documentation", "ioSpecification", "property",
        "dataInputAssociation", "dataOutputAssociation", "dataInput", "dataOutput", "inputSet", "outputSet",
        "multiInstanceLoopCharacteristics", "standardLoopCharacteristics",
        "potentialOwner", "humanPerformer", "performer", "resourceRole", "rendering",
        "auditing", "monitoring", "correlationSubscription", "supports", "ioBinding", "script",
        "eventDefinitionRef", "conditionExpression",
    ], StringComparer.Ordinal);

    /// <summary>Definitions-level elements that other elements refer to: read, not listed as ignored.</summary>
    public static readonly FrozenSet<string> ReferencedRootElements = FrozenSet.ToFrozenSet(
        ["message", "error", "signal", "escalation"], StringComparer.Ordinal);

    /// <summary>camunda/activiti/flowable extension elements that carry no behaviour: listed as ignored.</summary>
    public static readonly FrozenSet<string> MetadataExtensions = FrozenSet.ToFrozenSet(
        ["properties", "potentialStarter"], StringComparer.Ordinal);

    public static bool IsEventDefinition(string localName) =>
        EventDefinitions.ContainsKey(localName) || localName == "eventDefinitionRef";

    public static bool IsFlowNode(string localName) =>
        Behaviours.ElementTypes.IsExecutableName(localName) || UnsupportedFlowNodes.Contains(localName);
}
