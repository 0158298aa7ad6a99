namespace WorkflowHub.Engine.Services;

internal sealed class HandlerRegistry : IHandlerRegistry
{
    private readonly Dictionary<string, IServiceTaskHandler> _byTopic;

    public HandlerRegistry(IEnumerable<IServiceTaskHandler> handlers)
    {
        _byTopic = new(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            if (!_byTopic.TryAdd(handler.Topic, handler))
            {
                throw new InvalidOperationException($"Two service-task handlers claim topic '{handler.Topic}'.");
            }
        }
    }

    public IReadOnlyCollection<IServiceTaskHandler> All => _byTopic.Values;

    public IServiceTaskHandler? Find(string topic) => _byTopic.GetValueOrDefault(topic);

    /// <summary>The handler a delegateExpression or camunda:class names: by the full name, else by a class name's last part.</summary>
    public static IServiceTaskHandler? FindDelegate(IHandlerRegistry handlers, string name) =>
        handlers.Find(name) ?? (name.LastIndexOf('.') is var dot and > 0 && dot < name.Length - 1 ? handlers.Find(name[(dot + 1)..]) : null);
}
