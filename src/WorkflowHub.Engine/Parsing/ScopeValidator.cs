using System.Xml.Linq;
using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Parsing;

/// <summary>
/// Structural checks of one wired scope: start events (and <see cref="ScopeModel.NoneStart"/>),
/// default flows, conditions on parallel gateways, event-based gateway targets, flows into
/// start and boundary events.
/// </summary>
internal sealed class ScopeValidator(ParseContext ctx, Dictionary<object, XElement> elements)
{
    public void Validate(ScopeModel scope, XElement container)
    {
        CheckStartEvents(scope, container);
        foreach (var node in scope.Nodes)
        {
            var element = elements[node];
            CheckDefaultFlow(node, element);
            switch (node.Kind)
            {
                case ElementKind.ParallelGateway:
                    foreach (var flow in node.Outgoing.Where(f => f.Condition is not null))
                    {
                        ctx.Warning(elements[flow], $"the condition of a sequence flow leaving parallel gateway '{node.Id}' is ignored (BPMN 2.0 §10.6.4)");
                    }
                    break;
                case ElementKind.EventBasedGateway:
                    CheckEventGatewayTargets(node, element);
                    break;
            }
            if (node.Event.Kind == EventKind.Link)
            {
                CheckLink(scope, node, element);
            }
            if (node.Incoming.Count > 0 && node.ElementType is "startEvent" or "boundaryEvent")
            {
                ctx.Error(element, $"a {node.ElementType} cannot have incoming sequence flows");
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

    /// <summary>A link throw needs exactly one link catch of its name in the same scope (BPMN 2.0 §10.5.6).</summary>
    private void CheckLink(ScopeModel scope, FlowNode node, XElement element)
    {
        if (node.ElementType == "intermediateThrowEvent" && node.Event.LinkName is { } name)
        {
            var catches = scope.Nodes.Count(n => n.ElementType == "intermediateCatchEvent" && n.Event.Kind == EventKind.Link && n.Event.LinkName == name);
            if (catches != 1)
            {
                ctx.Error(element, $"link throw event '{node.Id}' needs exactly one link catch event named '{name}' in its scope, there are {catches}");
            }
        }
        if (node.ElementType == "intermediateCatchEvent" && node.Incoming.Count > 0)
        {
            ctx.Error(element, "a link catch event cannot have incoming sequence flows: it is reached from its link throw event");
        }
    }

    private void CheckEventGatewayTargets(FlowNode gateway, XElement element)
    {
        foreach (var target in gateway.Outgoing.Select(f => f.Target))
        {
            var valid = (target.ElementType == "receiveTask" && target.Event.MessageName is not null)
                || (target.ElementType == "intermediateCatchEvent" && target.Event.Kind is EventKind.Message or EventKind.Timer);
            if (!valid)
            {
                ctx.Error(element, $"event-based gateway leads to {target}: its targets must be message or timer intermediate catch events or receive tasks with a messageRef");
            }
        }
    }
}
