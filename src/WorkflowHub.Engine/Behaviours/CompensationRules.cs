using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Parsing;

namespace WorkflowHub.Engine.Behaviours;

/// <summary>Deploy rules compensation throw events share (intermediate throw and end events).</summary>
internal static class CompensationRules
{
    public const string CancelRefused =
        "cancel events belong to transaction sub-processes, which the engine does not run (use an embedded sub-process with compensation)";

    /// <summary>activityRef names an activity of the scope the throw compensates: its own, or for a throw inside an event sub-process, the enclosing one.</summary>
    public static void ValidateThrow(ScopeCheck check, FlowNode node)
    {
        if (node.Event.Kind != EventKind.Compensation || node.Event.ActivityRef is not { } activityRef)
        {
            return;
        }
        var scope = node.Scope.Owner is { Kind: ElementKind.EventSubProcess } sub ? sub.Scope : node.Scope;
        var activity = scope.Nodes.Find(n => n.Id == activityRef);
        if (activity is null || !activity.IsActivity)
        {
            check.Error(node, $"activityRef '{activityRef}' does not name an activity of the scope this compensation event compensates ('{scope.Id}')");
        }
    }
}
