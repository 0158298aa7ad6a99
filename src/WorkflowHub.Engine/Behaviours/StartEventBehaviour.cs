using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Parsing;

namespace WorkflowHub.Engine.Behaviours;

/// <summary>
/// Start events (BPMN 2.0 §10.5.2): the token passes. The process starts at a none, message, timer or signal start
/// event (the latter three registered at deploy); an embedded sub-process at its none start event.
/// </summary>
internal sealed class StartEventBehaviour : ElementBehaviour, IElementRules
{
    public static void Check(NodeDraft draft, EventDefinition definition)
    {
        var kind = definition.Kind;
        if (draft.InSubProcess && kind != EventKind.None)
        {
            draft.CannotExecute($"a {NodeDraft.KindName(definition)} start event inside a sub-process (an embedded sub-process starts at its none start event)");
        }
        else if (kind is not (EventKind.None or EventKind.Message or EventKind.Timer or EventKind.Signal))
        {
            draft.CannotExecute($"a {NodeDraft.KindName(definition)} start event is not supported (none, message, timer and signal are)");
        }
    }
}
