using System.Xml.Linq;
using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Parsing;

/// <summary>
/// Structural checks of one wired scope: start events (and <see cref="ScopeModel.NoneStart"/>),
/// default flows and flows into start and boundary events; then each node's own rules
/// (<see cref="Behaviours.IElementRules.Validate"/>).
/// </summary>
internal sealed class ScopeValidator(ParseContext ctx, Dictionary<object, XElement> elements)
{
    private readonly ScopeCheck _check = new(ctx, elements);

    public void Validate(ScopeModel scope, XElement container)
    {
        CheckStartEvents(scope, container);
        foreach (var node in scope.Nodes)
        {
            var element = elements[node];
            CheckDefaultFlow(node, element);
            Behaviours.ElementTypes.For(node.Kind)?.Validate(_check, node);
            if (node.Incoming.Count > 0 && node.ElementType is "startEvent" or "boundaryEvent")
            {
                ctx.Error(element, $"a {node.ElementType} cannot have incoming sequence flows");
            }
            if (node.IsForCompensation && (node.Incoming.Count > 0 || node.Outgoing.Count > 0))
            {
                ctx.Error(element, "a compensation handler (isForCompensation=\"true\") cannot have sequence flows: it runs when its activity is compensated");
            }
        }
    }

    private void CheckStartEvents(ScopeModel scope, XElement container)
    {
        var starts = scope.Nodes.Where(n => n.ElementType == "startEvent").ToList();
        var noneStarts = starts.Where(n => n.Kind == ElementKind.StartEvent && n.Event.Kind == EventKind.None).ToList();
        if (scope.Owner is null)
        {
            if (starts.Count == 0)
            {
                ctx.Error(container, "process has no start event");
            }
            foreach (var extra in noneStarts.Skip(1))
            {
                ctx.Error(elements[extra], $"process has more than one none start event ('{noneStarts[0].Id}' and '{extra.Id}')");
            }
        }
        else if (scope.Owner.Kind == ElementKind.EventSubProcess)
        {
            if (starts.Count != 1)
            {
                ctx.Error(container, $"an event sub-process needs exactly one start event, it has {starts.Count}");
            }
            scope.EventStart = starts.FirstOrDefault(s => s.Kind == ElementKind.StartEvent);
            return;
        }
        else if (scope.Nodes.Count == 0)
        {
            ctx.CannotExecute(container, "an empty sub-process: it needs exactly one none start event");
        }
        else if (noneStarts.Count != 1)
        {
            ctx.Error(container, $"sub-process needs exactly one none start event, it has {noneStarts.Count}");
        }
        scope.NoneStart = noneStarts.FirstOrDefault();
    }

    private void CheckDefaultFlow(FlowNode node, XElement element)
    {
        if (node.DefaultFlowId is null)
        {
            return;
        }
        var flow = node.Outgoing.FirstOrDefault(f => f.Id == node.DefaultFlowId);
        if (flow is null)
        {
            ctx.Error(element, $"default flow '{node.DefaultFlowId}' is not an outgoing sequence flow of {node}");
            return;
        }
        if (flow.Condition is not null)
        {
            ctx.Warning(elements[flow], $"the condition of default flow '{flow.Id}' is ignored: a default flow is taken when no other condition holds");
        }
        if (node.ElementType is "parallelGateway" or "eventBasedGateway")
        {
            ctx.Warning(element, $"a {node.ElementType} has no default flow: default=\"{node.DefaultFlowId}\" is ignored");
        }
    }
}
