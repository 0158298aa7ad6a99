using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Browser.Tests.Support;

/// <summary>
/// The `notice` topic the ladder editor writes is served by the notices module (another issue). Until the server
/// registers one, the browser tests' server answers the topic with this recorder; once it does, the real handler
/// runs and this one is never asked.
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

    /// <summary>Wraps the engine's handler registry: its own handlers first, the stand-in for a missing `notice`.</summary>
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
        public IReadOnlyCollection<IServiceTaskHandler> All =>
            inner.Find(standIn.Topic) is null ? [.. inner.All, standIn] : inner.All;

        public IServiceTaskHandler? Find(string topic) =>
            inner.Find(topic) ?? (topic == standIn.Topic ? standIn : null);
    }
}
