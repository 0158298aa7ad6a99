using System.Xml.Linq;
using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Parsing;

/// <summary>
/// Reads the form fields an element declares, under every prefix: Camunda's <c>formData/formField</c> (required
/// and readonly as validation constraints) and Activiti's and Flowable's <c>formProperty</c> (common in Chinese
/// Activiti-based systems).
/// </summary>
internal static class FormFieldReader
{
    public static IReadOnlyList<FormField> Read(XElement element, ParseContext ctx)
    {
        var fields = new List<FormField>();
        foreach (var formData in BpmnXml.ExtensionElements(element, "formData"))
        {
            foreach (var field in formData.Elements().Where(e => BpmnXml.IsExtension(e, "formField")))
            {
                var constraints = field.Elements().Where(e => BpmnXml.IsExtension(e, "validation")).Elements()
                    .Where(e => BpmnXml.IsExtension(e, "constraint")).Select(c => BpmnXml.Attr(c, "name")?.Trim()).ToList();
                Add(fields, field, ctx, BpmnXml.Attr(field, "label"), BpmnXml.Attr(field, "defaultValue"),
                    required: constraints.Contains("required"), writable: !constraints.Contains("readonly"), readable: true);
            }
        }
        foreach (var property in BpmnXml.ExtensionElements(element, "formProperty"))
        {
            Add(fields, property, ctx, BpmnXml.Attr(property, "name"), BpmnXml.Attr(property, "default") ?? BpmnXml.Attr(property, "value"),
                required: BpmnXml.IsTrue(BpmnXml.Attr(property, "required")),
                writable: !string.Equals(BpmnXml.Attr(property, "writable")?.Trim(), "false", StringComparison.OrdinalIgnoreCase),
                readable: !string.Equals(BpmnXml.Attr(property, "readable")?.Trim(), "false", StringComparison.OrdinalIgnoreCase));
        }
        return fields;
    }

    private static void Add(List<FormField> fields, XElement field, ParseContext ctx, string? label, string? defaultValue,
        bool required, bool writable, bool readable)
    {
        var id = BpmnXml.Id(field)?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            ctx.Error(field, $"{BpmnXml.TypeName(field)} has no id");
            return;
        }
        if (fields.Exists(f => f.Id == id))
        {
            ctx.Error(field, $"form field '{id}' is declared twice");
            return;
        }
        var values = field.Elements().Where(e => BpmnXml.IsExtension(e, "value"))
            .Select(v => new FormFieldValue(BpmnXml.Id(v)?.Trim() ?? "", BpmnXml.Attr(v, "name")))
            .Where(v => v.Id.Length > 0).ToList();
        var type = BpmnXml.Attr(field, "type")?.Trim();
        fields.Add(new FormField(id, label, string.IsNullOrEmpty(type) ? "string" : type, required, defaultValue, values, readable, writable));
    }
}
