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
            var x = await step.GetInstanceAsync(subscription.InstanceId!, ct).ConfigureAwait(false);
            var waiter = x?.FindToken(subscription.TokenId!);
            if (x is null || waiter is null || waiter.SubscriptionIds?.Contains(subscription.Id) != true)
            {
                continue;
            }
            x.History(HistoryTypes.SignalReceived, waiter, data: new JsonObject { ["signalName"] = signalName });
            await x.TriggerAsync(waiter, new SignalReceived(subscription.ElementId, signalName) { Variables = variables }, ct).ConfigureAwait(false);
            moved.Add(x.Id);
        }
        var started = new List<string>();
        foreach (var start in starts)
        {
            var definition = await InstanceStore.DefinitionByIdAsync(step, start.DefinitionId!, ct).ConfigureAwait(false);
            if (definition is null)
            {
                continue;
            }
            var model = await step.Services.Definitions.GetAsync(step, definition.Id, ct).ConfigureAwait(false);
            var x = step.CreateInstance(definition, model, null);
            x.Begin(model.GetNode(start.ElementId), variables);
            started.Add(x.Id);
        }
        return (moved, started);
    }
}
