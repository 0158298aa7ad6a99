using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Parsing;

namespace WorkflowHub.Engine.Behaviours;

/// <summary>
/// Start events (BPMN 2.0 §10.5.2): the token passes. The process starts at a none, message, timer, signal or
/// conditional start event (all but the first registered at deploy; a conditional one starts only when asked to
/// evaluate start conditions, as Camunda's evaluateStartConditions); an embedded sub-process at its none start event.
/// </summary>
internal sealed class StartEventBehaviour : ElementBehaviour, IElementRules
{
    public static void Check(NodeDraft draft, EventDefinition definition)
    {
        var kind = definition.Kind;
        if (draft.Element.Parent is { } owner && EventSubProcessBehaviour.IsEventSubProcess(owner))
        {
            CheckEventSubProcessStart(draft, definition);
        }
        else if (draft.InSubProcess && kind != EventKind.None)
        {
            draft.CannotExecute($"a {NodeDraft.KindName(definition)} start event inside a sub-process (an embedded sub-process starts at its none start event)");
        }
        else if (kind is not (EventKind.None or EventKind.Message or EventKind.Timer or EventKind.Signal or EventKind.Conditional))
        {
            draft.CannotExecute($"a {NodeDraft.KindName(definition)} start event is not supported (none, message, timer, signal and conditional are)");
        }
    }

    private static void CheckEventSubProcessStart(NodeDraft draft, EventDefinition definition)
    {
        if (definition.Kind == EventKind.None)
        {
            draft.Context.Error(draft.Element, "the start event of an event sub-process needs a trigger (message, timer, signal, error, escalation, conditional or compensation)");
        }
        else if (!EventSubProcessBehaviour.IsSupportedTrigger(definition.Kind))
        {
            draft.CannotExecute($"a {NodeDraft.KindName(definition)} start event of an event sub-process is not supported (message, timer, signal, error, escalation, conditional and compensation are)");
        }
        else if (definition.Kind == EventKind.Compensation && draft.Element.Parent?.Parent?.Name.LocalName != "subProcess")
        {
            draft.CannotExecute("a compensation event sub-process belongs in an embedded sub-process (it compensates that sub-process)");
        }
        else if (definition.Kind == EventKind.Error && BpmnXml.Attr(draft.Element, "isInterrupting")?.Trim() == "false")
        {
            draft.Context.Warning(draft.Element, "an error start event always interrupts its scope: isInterrupting=\"false\" is ignored");
        }
    }
}
