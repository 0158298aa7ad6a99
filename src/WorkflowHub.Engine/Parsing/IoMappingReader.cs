using System.Xml.Linq;
using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Parsing;

/// <summary>
/// Reads camunda:inputOutput: inputParameter / outputParameter, each with a text value
/// (with ${...}), a camunda:list, a camunda:map of camunda:entry key=..., or a camunda:script.
/// </summary>
internal static class IoMappingReader
{
    public static IoMapping? Read(NodeDraft draft)
    {
        var blocks = BpmnXml.ExtensionElements(draft.Element, "inputOutput").ToList();
        if (blocks.Count == 0)
        {
            return null;
        }
        var inputs = new List<IoParameter>();
        var outputs = new List<IoParameter>();
        foreach (var parameter in blocks.SelectMany(b => b.Elements()))
        {
            var isInput = BpmnXml.IsExtension(parameter, "inputParameter");
            if (!isInput && !BpmnXml.IsExtension(parameter, "outputParameter"))
            {
                draft.Context.Warning(parameter, $"{BpmnXml.TypeName(parameter)} is not an input or output parameter; ignored");
                continue;
            }
            var name = ActivityDefinitionReader.NullIfBlank(BpmnXml.Attr(parameter, "name"));
            if (name is null)
            {
                draft.Context.Error(parameter, $"{BpmnXml.TypeName(parameter)} has no name");
                continue;
            }
            (isInput ? inputs : outputs).Add(new IoParameter(name, ReadValue(parameter, draft)));
        }
        return new IoMapping { Inputs = inputs, Outputs = outputs };
    }

    /// <summary>The value held by a parameter, list value or map entry: a nested list/map/script, else its text.</summary>
    private static IoValue ReadValue(XElement holder, NodeDraft draft)
    {
        var nested = holder.Elements().FirstOrDefault(e => BpmnXml.IsExtensionNamespace(e.Name.Namespace));
        if (nested is null)
        {
            var text = holder.Value.Trim();
            return new IoText(draft.Context.Expr(holder, text, "input/output value") ?? new Expression(text));
        }
        return ReadStructured(nested, draft);
    }

    /// <summary>A camunda:list, camunda:map or camunda:script element (or a list's camunda:value).</summary>
    private static IoValue ReadStructured(XElement element, NodeDraft draft) => element.Name.LocalName switch
    {
        "list" => new IoList(element.Elements()
            .Where(e => BpmnXml.IsExtensionNamespace(e.Name.Namespace))
            .Select(item => ReadStructured(item, draft))
            .ToList()),
        "value" => ReadValue(element, draft),
        "map" => new IoMap(ReadEntries(element, draft)),
        "script" => ReadScript(element, draft),
        _ => Unknown(element, draft),
    };

    private static List<KeyValuePair<string, IoValue>> ReadEntries(XElement map, NodeDraft draft)
    {
        var entries = new List<KeyValuePair<string, IoValue>>();
        foreach (var entry in map.Elements())
        {
            if (!BpmnXml.IsExtension(entry, "entry"))
            {
                continue;
            }
            var key = BpmnXml.Attr(entry, "key");
            if (key is null)
            {
                draft.Context.Error(entry, "camunda:entry has no key");
                continue;
            }
            entries.Add(new KeyValuePair<string, IoValue>(key, ReadValue(entry, draft)));
        }
        return entries;
    }

    private static IoScript ReadScript(XElement script, NodeDraft draft)
    {
        var format = BpmnXml.Attr(script, "scriptFormat")?.Trim() ?? "";
        if (!ActivityDefinitionReader.IsJavaScript(format))
        {
            draft.CannotExecute($"an input/output script with scriptFormat \"{format}\" (only javascript)", script);
        }
        if (BpmnXml.Attr(script, "resource") is { } resource)
        {
            draft.CannotExecute($"an input/output script from resource \"{resource}\"; write it inline", script);
        }
        else if (ActivityDefinitionReader.IsJavaScript(format))
        {
            draft.Context.CheckScript(script, script.Value, "input/output script");
        }
        return new IoScript(format, script.Value);
    }

    private static IoText Unknown(XElement nested, NodeDraft draft)
    {
        draft.Context.Error(nested, $"{BpmnXml.TypeName(nested)} is not a value (expected text, list, map or script)");
        return new IoText(new Expression(""));
    }
}
