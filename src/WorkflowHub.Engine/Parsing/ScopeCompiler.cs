using System.Xml.Linq;
using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Parsing;

/// <summary>
/// Compiles the flow content of a process and of its embedded sub-processes: first every node of
/// every scope, then, scope by scope, the sequence flows (both ends in the same scope), the boundary
/// events and the structural checks.
/// </summary>
internal sealed class ScopeCompiler(ParseContext ctx, ProcessModel process)
{
    private readonly List<(ScopeModel Scope, XElement Container, List<XElement> Flows)> _scopes = [];

    /// <summary>The element each node and flow was read from, for positions of later problems.</summary>
    private readonly Dictionary<object, XElement> _elements = new(ReferenceEqualityComparer.Instance);

    private readonly List<(ScopeModel Scope, XElement Element)> _associations = [];

    /// <summary>Every id written in the process, so that generated flow ids never take one.</summary>
    private HashSet<string> _takenIds = [];

    public void Compile(XElement processElement)
    {
        _takenIds = processElement.DescendantsAndSelf().Select(e => BpmnXml.Id(e)?.Trim()).OfType<string>().ToHashSet(StringComparer.Ordinal);
        BuildNodes(processElement, process.Root);
        foreach (var (scope, _, flows) in _scopes)
        {
            WireFlows(scope, flows);
            AttachBoundaryEvents(scope);
        }
        CompensationWiring.Wire(_associations, process, ctx, _elements);
        CompensationWiring.MarkCompensable(_scopes.Select(s => s.Scope));
        var validator = new ScopeValidator(ctx, _elements);
        foreach (var (scope, container, _) in _scopes)
        {
            validator.Validate(scope, container);
            WaitlessCycleFinder.Find(scope, process, ctx, _elements);
        }
    }

    private void BuildNodes(XElement container, ScopeModel scope)
    {
        var flows = new List<XElement>();
        _scopes.Add((scope, container, flows));
        foreach (var child in container.Elements())
        {
            if (!BpmnXml.IsModel(child))
            {
                continue; // foreign elements of the container: listed by its owner reader
            }
            var name = child.Name.LocalName;
            if (ElementCatalog.OwnerChildren.Contains(name) || ElementCatalog.IsEventDefinition(name))
            {
                continue; // the container's own parts
            }
            if (name == "sequenceFlow")
            {
                flows.Add(child);
                FlowNodeReader.ReadOwnerChildren(child, FlowNodeReader.FlowExtensions, ctx);
            }
            else if (name == "association")
            {
                _associations.Add((scope, child)); // a compensation boundary's link to its handler, else ignored
            }
            else if (ElementCatalog.ScopeArtifacts.Contains(name))
            {
                ctx.Ignore(child);
            }
            else if (ElementCatalog.IsFlowNode(name))
            {
                AddNode(child, scope);
            }
            else
            {
                ctx.CannotExecute(child, $"{name}: this element is not supported by the engine");
            }
        }
    }

    private void AddNode(XElement element, ScopeModel scope)
    {
        var node = FlowNodeReader.Read(element, inSubProcess: scope.Owner is not null, ctx);
        if (node is null || !process.Nodes.TryAdd(node.Id, node))
        {
            return; // no id, or a duplicate id (reported for the whole document)
        }
        node.Scope = scope;
        scope.Nodes.Add(node);
        if (node.Kind == ElementKind.EventSubProcess)
        {
            scope.AddEventSubProcess(node);
        }
        _elements[node] = element;
        if (Behaviours.ElementTypes.For(node.Kind)?.Is(Behaviours.ElementTraits.Scope) == true)
        {
            var inner = new ScopeModel { Id = node.Id, Owner = node };
            node.InnerScope = inner;
            BuildNodes(element, inner);
        }
    }

    private void WireFlows(ScopeModel scope, List<XElement> flows)
    {
        foreach (var element in flows)
        {
            var id = BpmnXml.Id(element)?.Trim();
            if (string.IsNullOrEmpty(id))
            {
                id = GeneratedFlowId(element);
            }
            var source = FindEnd(scope, element, "sourceRef");
            var target = FindEnd(scope, element, "targetRef");
            var conditionElement = BpmnXml.Child(element, "conditionExpression");
            var condition = ctx.Expr(conditionElement ?? element, BpmnXml.Text(conditionElement), "conditionExpression");
            if (source is null || target is null)
            {
                continue;
            }
            var flow = new SequenceFlow
            {
                Id = id,
                Name = BpmnXml.Attr(element, "name"),
                SourceId = source.Id,
                TargetId = target.Id,
                Condition = condition,
                Position = BpmnXml.Position(element),
                Listeners = ListenerReader.ReadFlow(element, ctx),
            };
            if (!process.Flows.TryAdd(id, flow))
            {
                continue;
            }
            flow.Source = source;
            flow.Target = target;
            source.Outgoing.Add(flow);
            target.Incoming.Add(flow);
            _elements[flow] = element;
        }
    }

    /// <summary>
    /// BPMN's schema makes a sequence flow's id optional and Camunda accepts such flows: the id is made from its
    /// ends ("flow_a_b", then "flow_a_b_2"...), so it is the same on every deployment of the same file.
    /// </summary>
    private string GeneratedFlowId(XElement element)
    {
        var stem = $"flow_{BpmnXml.Attr(element, "sourceRef")?.Trim()}_{BpmnXml.Attr(element, "targetRef")?.Trim()}";
        var id = stem;
        for (var n = 2; !_takenIds.Add(id); n++)
        {
            id = $"{stem}_{n.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        }
        return id;
    }

    /// <summary>The node a sequence flow's sourceRef/targetRef names, in the flow's own scope; reported if not there.</summary>
    private FlowNode? FindEnd(ScopeModel scope, XElement flow, string attribute)
    {
        var reference = BpmnXml.Attr(flow, attribute)?.Trim();
        if (string.IsNullOrEmpty(reference))
        {
            ctx.Error(flow, $"sequence flow has no {attribute}");
            return null;
        }
        if (process.Nodes.TryGetValue(reference, out var node))
        {
            if (node.Scope == scope)
            {
                return node;
            }
            ctx.Error(flow, $"sequence flow {attribute} '{reference}' is in another scope ('{node.Scope.Id}', not '{scope.Id}'): "
                + "a sequence flow cannot cross a sub-process boundary");
            return null;
        }
        ctx.Error(flow, $"sequence flow {attribute} '{reference}' does not name a flow node of this {(scope.Owner is null ? "process" : "sub-process")}");
        return null;
    }

    private void AttachBoundaryEvents(ScopeModel scope)
    {
        foreach (var boundary in scope.Nodes.Where(n => n.ElementType == "boundaryEvent"))
        {
            var element = _elements[boundary];
            if (boundary.AttachedToId is null)
            {
                ctx.Error(element, "boundary event is attached to nothing (attachedToRef is missing)");
                continue;
            }
            if (!process.Nodes.TryGetValue(boundary.AttachedToId, out var activity))
            {
                ctx.Error(element, $"boundary event is attached to '{boundary.AttachedToId}', which is not a flow node of this process");
                continue;
            }
            if (!ElementCatalog.Activities.Contains(activity.ElementType))
            {
                ctx.Error(element, $"boundary event is attached to {activity}, which is not an activity");
                continue;
            }
            if (activity.Scope != scope)
            {
                ctx.Error(element, $"boundary event is attached to {activity} of another scope ('{activity.Scope.Id}')");
                continue;
            }
            boundary.AttachedTo = activity;
            if (boundary.Kind == ElementKind.BoundaryEvent)
            {
                activity.BoundaryEvents.Add(boundary);
            }
        }
    }
}
