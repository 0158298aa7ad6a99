using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Server.Features.Webhooks;

/// <summary>
/// Whether any deployed process can receive a message: a message start event, or a message catch (intermediate
/// catch event, boundary event, receive task) of that name in any deployed version. Read from the engine's compiled
/// models, so a webhook naming a message nothing listens to is refused when it is registered, not at its first call.
/// </summary>
public sealed class ReceivableMessages(IDefinitionService definitions)
{
    public async Task<bool> IsReceivableAsync(string messageName, CancellationToken ct)
    {
        foreach (var latest in await definitions.ListLatestAsync(ct))
        {
            for (var version = latest.Version; version >= 1; version--)
            {
                var model = await definitions.GetModelAsync(latest.Key, version, ct);
                if (model is not null && model.Nodes.Values.Any(n => Receives(n, messageName)))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static bool Receives(FlowNode node, string messageName) =>
        node.Event.Kind == EventKind.Message && node.Event.MessageName == messageName
        && node.Kind is ElementKind.StartEvent or ElementKind.IntermediateCatchEvent or ElementKind.BoundaryEvent or ElementKind.ReceiveTask;
}
