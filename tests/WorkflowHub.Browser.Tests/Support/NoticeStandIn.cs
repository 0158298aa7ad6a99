using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Browser.Tests.Support;

/// <summary>
/// The browser tests check what the ladder editor writes, not mail delivery (the server's notice tests do that against
/// an SMTP server): their server answers the `notice` topic with this recorder, so a ladder row naming any template
/// and recipients climbs as drawn.
/// </summary>
public sealed class NoticeStandIn : IServiceTaskHandler
{
    public sealed record Notice(string InstanceId, string ElementId, string? Template, string? To, string? Level);

    public ConcurrentQueue<Notice> Sent { get; } = new();

    public string Topic => "notice";

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

    private sealed class Registry(IHandlerRegistry inner, NoticeStandIn standIn) : IHandlerRegistry
    {
        public IReadOnlyCollection<IServiceTaskHandler> All => [.. inner.All.Where(h => h.Topic != standIn.Topic), standIn];

        public IServiceTaskHandler? Find(string topic) => topic == standIn.Topic ? standIn : inner.Find(topic);
    }
}
