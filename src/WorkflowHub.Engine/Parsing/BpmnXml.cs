using System.Xml;
using System.Xml.Linq;
using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Parsing;

/// <summary>BPMN 2.0 namespaces and the small XML helpers every reader uses.</summary>
internal static class BpmnXml
{
    public static readonly XNamespace Model = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    public static readonly XNamespace Camunda = "http://camunda.org/schema/1.0/bpmn";
    public static readonly XNamespace Activiti = "http://activiti.org/bpmn";
    public static readonly XNamespace Flowable = "http://flowable.org/bpmn";

    /// <summary>Namespaces whose <c>id</c> attributes share the document's id space.</summary>
    public static readonly XNamespace[] IdNamespaces =
    [
        Model,
        "http://www.omg.org/spec/BPMN/20100524/DI",
        "http://www.omg.org/spec/DD/20100524/DI",
        "http://www.omg.org/spec/DD/20100524/DC",
    ];

    /// <summary>camunda, activiti and flowable extensions are read alike.</summary>
    private static readonly XNamespace[] ExtensionNamespaces = [Camunda, Activiti, Flowable];

    public static bool IsExtensionNamespace(XNamespace ns) => Array.IndexOf(ExtensionNamespaces, ns) >= 0;

    public static bool IsModel(XElement element) => element.Name.Namespace == Model;

    public static bool IsModel(XElement element, string localName) =>
        element.Name.Namespace == Model && element.Name.LocalName == localName;

    /// <summary>True for camunda:/activiti:/flowable:<paramref name="localName"/>.</summary>
    public static bool IsExtension(XElement element, string localName) =>
        element.Name.LocalName == localName && IsExtensionNamespace(element.Name.Namespace);

    /// <summary>An unqualified attribute's value.</summary>
    public static string? Attr(XElement element, string name) => element.Attribute(name)?.Value;

    /// <summary>An extension attribute's value under any of the camunda/activiti/flowable namespaces.</summary>
    public static string? Ext(XElement element, string name)
    {
        foreach (var ns in ExtensionNamespaces)
        {
            var attribute = element.Attribute(ns + name);
            if (attribute is not null)
            {
                return attribute.Value;
            }
        }
        return null;
    }

    public static bool IsTrue(string? value) =>
        value is not null && value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase);

    public static string? Id(XElement element) => element.Attribute("id")?.Value;

    /// <summary>The BPMN model child elements named <paramref name="localName"/>.</summary>
    public static IEnumerable<XElement> Children(XElement element, string localName) => element.Elements(Model + localName);

    public static XElement? Child(XElement element, string localName) => element.Element(Model + localName);

    /// <summary>The children of the element's bpmn:extensionElements.</summary>
    public static IEnumerable<XElement> ExtensionChildren(XElement element) =>
        element.Elements(Model + "extensionElements").Elements();

    /// <summary>Extension elements (camunda/activiti/flowable) named <paramref name="localName"/>.</summary>
    public static IEnumerable<XElement> ExtensionElements(XElement element, string localName) =>
        ExtensionChildren(element).Where(e => IsExtension(e, localName));

    /// <summary>The element's type for messages: the local name for BPMN elements, prefix:name otherwise.</summary>
    public static string TypeName(XElement element)
    {
        if (element.Name.Namespace == Model || element.Name.Namespace == XNamespace.None)
        {
            return element.Name.LocalName;
        }
        var prefix = element.GetPrefixOfNamespace(element.Name.Namespace);
        return string.IsNullOrEmpty(prefix) ? element.Name.LocalName : $"{prefix}:{element.Name.LocalName}";
    }

    public static SourcePosition Position(XObject node) =>
        node is IXmlLineInfo info && info.HasLineInfo() ? new SourcePosition(info.LineNumber, info.LinePosition) : default;

    /// <summary>The text content, trimmed; null when empty.</summary>
    public static string? Text(XElement? element)
    {
        if (element is null)
        {
            return null;
        }
        var text = element.Value.Trim();
        return text.Length == 0 ? null : text;
    }
}
