using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Behaviours;

/// <summary>The behaviour of each element kind; one instance each, shared by all steps (behaviours hold no state).</summary>
internal sealed class BehaviourRegistry
{
    private readonly Dictionary<ElementKind, ElementBehaviour> _byKind;
    private readonly ElementBehaviour _passThrough = new PassThroughBehaviour();

    public BehaviourRegistry(ServiceTaskBehaviour serviceTask, CallActivityBehaviour callActivity)
    {
        _byKind = new()
        {
            [ElementKind.StartEvent] = _passThrough,
            [ElementKind.EndEvent] = new EndEventBehaviour(),
            [ElementKind.IntermediateCatchEvent] = new IntermediateCatchEventBehaviour(),
            [ElementKind.IntermediateThrowEvent] = new IntermediateThrowEventBehaviour(),
            [ElementKind.BoundaryEvent] = _passThrough,
            [ElementKind.UserTask] = new UserTaskBehaviour(),
            [ElementKind.ServiceTask] = serviceTask,
            [ElementKind.SendTask] = serviceTask,
            [ElementKind.ScriptTask] = new ScriptTaskBehaviour(),
            [ElementKind.ReceiveTask] = new ReceiveTaskBehaviour(),
            [ElementKind.ManualTask] = _passThrough,
            [ElementKind.Task] = _passThrough,
            [ElementKind.ExclusiveGateway] = new ExclusiveGatewayBehaviour(),
            [ElementKind.ParallelGateway] = new ParallelGatewayBehaviour(),
            [ElementKind.EventBasedGateway] = new EventBasedGatewayBehaviour(),
            [ElementKind.InclusiveGateway] = new InclusiveGatewayBehaviour(),
            [ElementKind.SubProcess] = new SubProcessBehaviour(),
            [ElementKind.CallActivity] = callActivity,
        };
    }

    public ElementBehaviour For(FlowNode node) =>
        _byKind.TryGetValue(node.Kind, out var behaviour)
            ? behaviour
            : throw new NotSupportedException($"{node} cannot be executed.");
}
