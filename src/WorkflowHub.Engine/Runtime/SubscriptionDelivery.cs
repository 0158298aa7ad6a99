using System.Text.Json.Nodes;
using WorkflowHub.Engine.Persistence;

namespace WorkflowHub.Engine.Runtime;

/// <summary>What messages and signals share: waking the token a subscription waits for, starting from a start subscription.</summary>
internal static class SubscriptionDelivery
{
    /// <summary>Wakes the subscription's token with <paramref name="trigger"/>; the instance id, or null when the wait is gone.</summary>
    public static async Task<string?> WakeAsync(StepContext step, MessageSubscriptionRecord subscription, Trigger trigger,
        string historyType, JsonObject historyData, CancellationToken ct)
    {
        var x = await step.GetInstanceAsync(subscription.InstanceId!, ct).ConfigureAwait(false);
        var waiter = x?.FindToken(subscription.TokenId!);
        if (x is null || waiter is null || waiter.SubscriptionIds?.Contains(subscription.Id) != true)
        {
            return null;
        }
        x.History(historyType, waiter, data: historyData);
        await x.TriggerAsync(waiter, trigger, ct).ConfigureAwait(false);
        return x.Id;
    }

    /// <summary>Starts an instance at the start event a start subscription names; null when its definition is gone.</summary>
    public static async Task<string?> StartAsync(StepContext step, MessageSubscriptionRecord start, string? businessKey,
        IReadOnlyDictionary<string, JsonNode?>? variables, CancellationToken ct)
    {
        var definition = await step.Services.Definitions.GetRecordAsync(step, start.DefinitionId!, ct).ConfigureAwait(false);
        if (definition is null)
        {
            return null;
        }
        var model = await step.Services.Definitions.GetAsync(step, definition.Id, ct).ConfigureAwait(false);
        var x = step.CreateInstance(definition, model, businessKey);
        x.Begin(model.GetNode(start.ElementId), variables);
        return x.Id;
    }
}
