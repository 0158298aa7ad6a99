using System.Diagnostics.CodeAnalysis;
using System.Xml.Linq;
using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Parsing;

/// <summary>
/// Compensation's parts that sequence flows do not express (BPMN 2.0 §10.7.3): a compensation boundary event names its
/// handler by an association, and which activities are worth remembering when they complete.
/// </summary>
internal static class CompensationWiring
{
    /// <summary>Links each compensation boundary event to the isForCompensation activity its association points at; other associations are ignored.</summary>
    public static void Wire(List<(ScopeModel Scope, XElement Element)> associations, ProcessModel process, ParseContext ctx,
        Dictionary<object, XElement> elements)
    {
        foreach (var (scope, element) in associations)
        {
            var source = Resolve(process, BpmnXml.Attr(element, "sourceRef"));
            var target = Resolve(process, BpmnXml.Attr(element, "targetRef"));
            // Modelers draw it from the boundary event to the handler; accept the other direction too.
            var (boundary, handler) = IsCompensationBoundary(target) ? (target, source) : (source, target);
            if (!IsCompensationBoundary(boundary))
            {
                ctx.Ignore(element);
                continue;
            }
            if (handler is null || !handler.IsForCompensation || handler.Scope != boundary.Scope)
            {
                ctx.Error(element, $"the association of compensation boundary event '{boundary!.Id}' must lead to an activity with isForCompensation=\"true\" in its scope");
                continue;
            }
            if (boundary.AttachedTo is not { } activity)
            {
                continue; // reported by the boundary check
            }
            if (activity.CompensationHandler is not null)
            {
                ctx.Error(elements[boundary], $"{activity} has more than one compensation handler");
                continue;
            }
            activity.CompensationHandler = handler;
        }
        foreach (var node in process.Nodes.Values)
        {
            if (IsCompensationBoundary(node) && node.AttachedTo is { CompensationHandler: null } orphan && orphan.BoundaryEvents.Contains(node))
            {
                ctx.Error(elements[node], "a compensation boundary event needs an association to its handler (an activity with isForCompensation=\"true\")");
            }
        }
    }

    /// <summary>Bottom-up (scopes come parent first): an activity is compensable with a handler, a sub-process also through its content.</summary>
    public static void MarkCompensable(IEnumerable<ScopeModel> scopesParentFirst)
    {
        foreach (var scope in scopesParentFirst.Reverse())
        {
            foreach (var node in scope.Nodes)
            {
                node.IsCompensable = node.IsActivity && !node.IsForCompensation && (node.CompensationHandler is not null
                    || (node.Kind == ElementKind.SubProcess && node.InnerScope is { } inner
                        && (inner.Nodes.Exists(n => n.IsCompensable) || CompensationEventSubProcess(inner) is not null)));
            }
        }
    }

    /// <summary>The event sub-process of a scope that starts with a compensation start event.</summary>
    public static FlowNode? CompensationEventSubProcess(ScopeModel scope) =>
        scope.EventSubProcesses.FirstOrDefault(s => s.InnerScope?.EventStart?.Event.Kind == EventKind.Compensation);

    private static bool IsCompensationBoundary([NotNullWhen(true)] FlowNode? node) =>
        node is { Kind: ElementKind.BoundaryEvent, Event.Kind: EventKind.Compensation };

    private static FlowNode? Resolve(ProcessModel process, string? id) =>
        id?.Trim() is { Length: > 0 } key ? process.Nodes.GetValueOrDefault(key) : null;
}
