using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Behaviours;

/// <summary>
/// The behaviour of each element kind of <see cref="ElementTypes.All"/>; one instance per behaviour class, shared by
/// all steps (behaviours hold no state). Classes with dependencies come from DI.
/// </summary>
internal sealed class BehaviourRegistry
{
    private readonly ElementBehaviour?[] _byKind = new ElementBehaviour?[Enum.GetValues<ElementKind>().Length];

    public BehaviourRegistry(IServiceProvider services)
    {
        var instances = new Dictionary<Type, ElementBehaviour>();
        foreach (var type in ElementTypes.All)
        {
            if (!instances.TryGetValue(type.Behaviour, out var behaviour))
            {
                behaviour = (ElementBehaviour)ActivatorUtilities.GetServiceOrCreateInstance(services, type.Behaviour);
                instances[type.Behaviour] = behaviour;
            }
            _byKind[(int)type.Kind] ??= behaviour;
        }
    }

    public ElementBehaviour For(FlowNode node) =>
        _byKind[(int)node.Kind] ?? throw new NotSupportedException($"{node} cannot be executed.");
}
