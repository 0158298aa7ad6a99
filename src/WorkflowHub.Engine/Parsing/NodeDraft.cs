using System.Xml.Linq;
using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Parsing;

/// <summary>
/// A flow node being read: the readers of its parts report through it when something makes it
/// impossible to execute, so that the node is compiled as <see cref="Model.ElementKind.Unsupported"/>.
/// </summary>
internal sealed class NodeDraft(XElement element, ParseContext ctx)
{
    public XElement Element { get; } = element;

    /// <summary>The element's local name, e.g. "userTask".</summary>
    public string Type { get; } = element.Name.LocalName;

    public string? Id { get; } = BpmnXml.Id(element);

    /// <summary>False once a reader found something the engine cannot execute.</summary>
    public bool Executable { get; private set; } = true;

    public ParseContext Context { get; } = ctx;

    /// <summary>The node stands inside an embedded sub-process rather than directly in the process.</summary>
    public bool InSubProcess { get; init; }

    /// <summary>The event definition's kind in lower case, for messages ("a timer start event...").</summary>
    public static string KindName(EventDefinition definition) => definition.Kind.ToString().ToLowerInvariant();

    /// <summary>Reports "cannot execute &lt;type&gt;: reason" (error in deploy mode, warning otherwise).</summary>
    public void CannotExecute(string reason, XElement? at = null)
    {
        Executable = false;
        Context.CannotExecute(at ?? Element, $"{Type}: {reason}");
    }
}
