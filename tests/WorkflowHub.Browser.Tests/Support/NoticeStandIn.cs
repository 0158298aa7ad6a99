using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Browser.Tests.Support;

/// <summary>
/// The browser tests check what the ladder editor writes, not mail delivery (the server's notice tests do that against
/// an SMTP server): their server answers the `notice` topic with this recorder, so a ladder row naming any template
/// and recipients climbs as drawn. It declares the real handler's inputs, so the designer offers the same fields.
/// </summary>
public sealed class NoticeStandIn : IServiceTaskHandler
{
    public sealed record Notice(string InstanceId, string ElementId, string? Template, string? To, string? Level);

    public ConcurrentQueue<Notice> Sent { get; } = new();

    public string Topic => "notice";

    public IReadOnlyList<HandlerParameter> Parameters { get; private set; } = [];

    public ValueTask ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        string? Text(string name) => context.GetVariable(name)?.ToString();
        Sent.Enqueue(new Notice(context.InstanceId, context.ElementId, Text("template"), Text("to"), Text("level")));
        return ValueTask.CompletedTask;
    }

    /// <summary>Wraps the engine's handler registry: the stand-in for `notice`, the registry's own handlers otherwise.</summary>
    public static void Register(IServiceCollection services, NoticeStandIn standIn)
    {
        var original = services.Last(d => d.ServiceType == typeof(IHandlerRegistry));
        services.Remove(original);
        services.AddSingleton<IHandlerRegistry>(sp => new Registry(
            (IHandlerRegistry)(original.ImplementationInstance
                ?? original.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!)),
            standIn));
    }

    private sealed class Registry : IHandlerRegistry
    {
        private readonly IHandlerRegistry _inner;
        private readonly NoticeStandIn _standIn;

        public Registry(IHandlerRegistry inner, NoticeStandIn standIn)
        {
            _inner = inner;
            _standIn = standIn;
            standIn.Parameters = inner.Find(standIn.Topic)?.Parameters ?? [];
        }

        public IReadOnlyCollection<IServiceTaskHandler> All => [.. _inner.All.Where(h => h.Topic != _standIn.Topic), _standIn];

        public IServiceTaskHandler? Find(string topic) => topic == _standIn.Topic ? _standIn : _inner.Find(topic);
    }
}
