using System.Text.Json.Nodes;
using WorkflowHub.Engine.Persistence;

namespace WorkflowHub.Engine.Runtime;

/// <summary>
/// A signal (BPMN 2.0 §10.5.1, as Camunda 7 runs it) is a broadcast: every token waiting for it at that moment
/// (catch and boundary events, in every instance, this step's own new waits included) moves on, and every process
/// whose latest version starts with it starts. A token that starts waiting later gets nothing.
/// </summary>
internal static class SignalBroadcast
{
    public static async Task<(List<string> Moved, List<string> Started)> SendAsync(StepContext step, string signalName,
        IReadOnlyDictionary<string, JsonNode?>? variables, CancellationToken ct)
    {
        var stored = await InstanceStore.FindByKindAsync(step, signalName, SubscriptionKind.Signal, ct).ConfigureAwait(false);
        var waiting = stored.Where(s => !step.Effects.DeletedSubscriptions.Contains(s.Id))
            .Concat(step.Effects.NewSubscriptions.Where(s => s.Kind == SubscriptionKind.Signal && s.MessageName == signalName))
            .ToList();
        var starts = await InstanceStore.FindByKindAsync(step, signalName, SubscriptionKind.SignalStart, ct).ConfigureAwait(false);
        var moved = new List<string>();
        foreach (var subscription in waiting)
        {
            if (await SubscriptionDelivery.WakeAsync(step, subscription, new SignalReceived(subscription.ElementId, signalName) { Variables = variables },
                    HistoryTypes.SignalReceived, new JsonObject { ["signalName"] = signalName }, ct).ConfigureAwait(false) is { } id)
            {
                moved.Add(id);
            }
        }
        var started = new List<string>();
        foreach (var start in starts)
        {
            if (await SubscriptionDelivery.StartAsync(step, start, null, variables, ct).ConfigureAwait(false) is { } id)
            {
                started.Add(id);
            }
        }
        return (moved, started);
    }
}
