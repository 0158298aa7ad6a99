using System.Xml.Linq;
using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Parsing;

/// <summary>
/// Reads camunda:executionListener and camunda:taskListener (and their activiti/flowable twins). A listener that is
/// read runs; one the engine cannot run (a Groovy script, a timeout task listener) is refused, because ignoring it
/// would silently change what the flow does.
/// </summary>
internal static class ListenerReader
{
    private static readonly string[] NodeEvents = ["start", "end"];
    private static readonly string[] FlowEvents = ["take"];
    private static readonly string[] TaskEvents = ["create", "assignment", "complete", "delete"];

    /// <summary>The listeners of a flow node (execution listeners; task listeners too on a user task).</summary>
    public static IReadOnlyList<ListenerDefinition> ReadNode(XElement element, ParseContext ctx, Action<string, XElement> cannotExecute) =>
        Read(element, ctx, cannotExecute, NodeEvents, element.Name.LocalName == "userTask");

    /// <summary>The take listeners of a sequence flow.</summary>
    public static IReadOnlyList<ListenerDefinition> ReadFlow(XElement element, ParseContext ctx) =>
        Read(element, ctx, (reason, at) => ctx.CannotExecute(at, $"sequenceFlow: {reason}"), FlowEvents, allowTask: false);

    private static List<ListenerDefinition> Read(XElement element, ParseContext ctx, Action<string, XElement> cannotExecute,
        string[] executionEvents, bool allowTask)
    {
        var listeners = new List<ListenerDefinition>();
        foreach (var listener in BpmnXml.ExtensionChildren(element))
        {
            var isTask = BpmnXml.IsExtension(listener, "taskListener");
            if (!isTask && !BpmnXml.IsExtension(listener, "executionListener"))
            {
                continue;
            }
            var kind = isTask ? "taskListener" : "executionListener";
            var events = isTask ? TaskEvents : executionEvents;
            var eventName = BpmnXml.Attr(listener, "event")?.Trim() ?? (isTask ? "create" : executionEvents[0]);
            if (isTask && !allowTask)
            {
                cannotExecute("a task listener outside a user task", listener);
                continue;
            }
            if (!events.Contains(eventName, StringComparer.Ordinal))
            {
                cannotExecute($"{kind} event \"{eventName}\" (supported here: {string.Join(", ", events)})", listener);
                continue;
            }
            var expression = ActivityDefinitionReader.NullIfBlank(BpmnXml.Attr(listener, "expression"));
            var handler = ActivityDefinitionReader.DelegateName(name => BpmnXml.Attr(listener, name));
            string? script = null;
            if (listener.Elements().FirstOrDefault(e => BpmnXml.IsExtension(e, "script")) is { } scriptElement)
            {
                var format = BpmnXml.Attr(scriptElement, "scriptFormat");
                if (!ActivityDefinitionReader.IsJavaScript(format) || BpmnXml.Attr(scriptElement, "resource") is not null)
                {
                    cannotExecute($"a {kind} script must be inline JavaScript (scriptFormat \"{format}\")", scriptElement);
                    continue;
                }
                script = scriptElement.Value;
                ctx.CheckScript(scriptElement, script, kind);
            }
            if ((expression is null ? 0 : 1) + (handler is null ? 0 : 1) + (script is null ? 0 : 1) != 1)
            {
                ctx.Error(listener, $"{kind} needs exactly one of expression, delegateExpression, class or script");
                continue;
            }
            listeners.Add(new ListenerDefinition(isTask, eventName, ctx.Expr(listener, expression, kind), script, handler,
                ActivityDefinitionReader.ReadFields(listener.Elements(), ctx)));
        }
        return listeners;
    }
}
