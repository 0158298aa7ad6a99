using System.Collections.Frozen;
using System.Xml.Linq;
using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Behaviours;

/// <summary>
/// Every element type the engine executes, in one list. Adding one is a behaviour file (its runtime and, as static
/// <see cref="IElementRules"/> members, its deploy checks) plus one line here; the parser, the validator, the
/// wait-state analysis and the <see cref="BehaviourRegistry"/> all read this list. For one XML name the first entry
/// whose <see cref="ElementType.When"/> holds wins, so narrower entries come first.
/// </summary>
internal static class ElementTypes
{
    private const ElementTraits Activity = ElementTraits.Activity;
    private const ElementTraits Waits = ElementTraits.WaitState;

    public static readonly IReadOnlyList<ElementType> All =
    [
        ElementType.Of<StartEventBehaviour>("startEvent", ElementKind.StartEvent),
        ElementType.Of<EndEventBehaviour>("endEvent", ElementKind.EndEvent),
        ElementType.Of<IntermediateCatchEventBehaviour>("intermediateCatchEvent", ElementKind.IntermediateCatchEvent, Waits),
        ElementType.Of<IntermediateThrowEventBehaviour>("intermediateThrowEvent", ElementKind.IntermediateThrowEvent),
        ElementType.Of<BoundaryEventBehaviour>("boundaryEvent", ElementKind.BoundaryEvent),
        ElementType.Of<UserTaskBehaviour>("userTask", ElementKind.UserTask, Activity | Waits),
        ElementType.Of<ServiceTaskBehaviour>("serviceTask", ElementKind.ServiceTask, Activity),
        ElementType.Of<ServiceTaskBehaviour>("sendTask", ElementKind.SendTask, Activity),
        ElementType.Of<BusinessRuleTaskBehaviour>("businessRuleTask", ElementKind.BusinessRuleTask, Activity),
        ElementType.Of<ScriptTaskBehaviour>("scriptTask", ElementKind.ScriptTask, Activity),
        ElementType.Of<ReceiveTaskBehaviour>("receiveTask", ElementKind.ReceiveTask, Activity | Waits),
        ElementType.Of<TaskBehaviour>("manualTask", ElementKind.ManualTask, Activity),
        ElementType.Of<TaskBehaviour>("task", ElementKind.Task, Activity),
        ElementType.Of<ExclusiveGatewayBehaviour>("exclusiveGateway", ElementKind.ExclusiveGateway),
        ElementType.Of<ParallelGatewayBehaviour>("parallelGateway", ElementKind.ParallelGateway),
        ElementType.Of<EventBasedGatewayBehaviour>("eventBasedGateway", ElementKind.EventBasedGateway, Waits),
        ElementType.Of<InclusiveGatewayBehaviour>("inclusiveGateway", ElementKind.InclusiveGateway),
        ElementType.Of<EventSubProcessBehaviour>("subProcess", ElementKind.EventSubProcess, ElementTraits.WaitState | ElementTraits.Scope,
            when: EventSubProcessBehaviour.IsEventSubProcess),
        ElementType.Of<SubProcessBehaviour>("subProcess", ElementKind.SubProcess, Activity | Waits | ElementTraits.Scope),
        ElementType.Of<CallActivityBehaviour>("callActivity", ElementKind.CallActivity, Activity | Waits),
    ];

    private static readonly FrozenDictionary<string, ElementType[]> ByName =
        All.GroupBy(t => t.XmlName, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    private static readonly ElementType?[] ByKind = BuildByKind();

    /// <summary>The registration for an element, or null when the engine has no behaviour for it.</summary>
    public static ElementType? Find(XElement element)
    {
        if (!ByName.TryGetValue(element.Name.LocalName, out var candidates))
        {
            return null;
        }
        foreach (var candidate in candidates)
        {
            if (candidate.When is null || candidate.When(element))
            {
                return candidate;
            }
        }
        return null;
    }

    public static bool IsExecutableName(string localName) => ByName.ContainsKey(localName);

    public static ElementType? For(ElementKind kind) => (int)kind < ByKind.Length ? ByKind[(int)kind] : null;

    /// <summary>Where a token stops and the step can end: anything that waits for a person, a message, a job or a child.</summary>
    public static bool IsWaitState(ElementKind kind) => kind == ElementKind.Unsupported || For(kind)?.Is(ElementTraits.WaitState) == true;

    private static ElementType?[] BuildByKind()
    {
        var byKind = new ElementType?[Enum.GetValues<ElementKind>().Length];
        foreach (var type in All)
        {
            byKind[(int)type.Kind] ??= type;
        }
        return byKind;
    }
}
