using System.Xml.Linq;
using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Parsing;

/// <summary>
/// Builds one <see cref="FlowNode"/> from its element: kind, event definition, implementation parts,
/// and whether the engine can execute it (if not, it is reported and compiled as
/// <see cref="ElementKind.Unsupported"/>, so that flows to it still resolve).
/// </summary>
internal static class FlowNodeReader
{
    private static readonly string[] CommonExtensions = ["inputOutput", "failedJobRetryTimeCycle", "field", "executionListener"];
    private static readonly string[] FormExtensions = [.. CommonExtensions, "formData", "formProperty", "taskListener"];
    private static readonly string[] CallActivityExtensions = [.. CommonExtensions, "in", "out"];

    /// <summary>What a sequence flow's extensionElements may hold.</summary>
    public static readonly string[] FlowExtensions = ["executionListener"];

    /// <summary>The node, or null when it has no id (reported).</summary>
    public static FlowNode? Read(XElement element, bool inSubProcess, ParseContext ctx)
    {
        var type = element.Name.LocalName;
        var id = BpmnXml.Id(element)?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            ctx.Error(element, $"{type} has no id");
            return null;
        }

        var draft = new NodeDraft(element, ctx) { InSubProcess = inSubProcess };
        var elementType = Behaviours.ElementTypes.Find(element);
        if (elementType is null)
        {
            draft.CannotExecute(type == "transaction"
                ? "this element is not supported by the engine: transaction sub-processes and their cancel events are not run (use an embedded sub-process with compensation)"
                : "this element is not supported by the engine");
        }

        var catching = type is "startEvent" or "intermediateCatchEvent" or "boundaryEvent";
        var eventDefinition = ElementCatalog.Events.Contains(type)
            ? EventDefinitionReader.Read(element, catching, ctx)
            : EventDefinition.None;
        if (type == "receiveTask")
        {
            eventDefinition = new EventDefinition
            {
                Kind = EventKind.Message,
                // Without a messageRef it waits to be triggered (POST /api/instances/{id}/trigger), as in Camunda.
                MessageName = EventDefinitionReader.ResolveMessage(element, BpmnXml.Attr(element, "messageRef"), required: false, ctx),
            };
        }
        if (elementType is not null)
        {
            elementType.Check(draft, eventDefinition);
            if (elementType.Is(Behaviours.ElementTraits.Activity))
            {
                CheckActivity(draft);
            }
        }

        var isActivity = ElementCatalog.Activities.Contains(type);
        var userTask = type == "userTask" ? ActivityDefinitionReader.ReadUserTask(element, ctx) : null;
        var service = type is "serviceTask" or "sendTask" || type == "businessRuleTask" && !Behaviours.BusinessRuleTaskBehaviour.UsesDmn(element) ? ActivityDefinitionReader.ReadService(draft) : null;
        var script = type == "scriptTask" ? ActivityDefinitionReader.ReadScript(draft) : null;
        var callActivity = type == "callActivity" ? ActivityDefinitionReader.ReadCallActivity(draft) : null;
        var multiInstance = isActivity ? ActivityDefinitionReader.ReadMultiInstance(draft) : null;
        var inputOutput = IoMappingReader.Read(draft);
        var listeners = ListenerReader.ReadNode(element, ctx, (reason, at) => draft.CannotExecute(reason, at));
        ReadOwnerChildren(element, type switch
        {
            "callActivity" => CallActivityExtensions,
            "userTask" or "startEvent" => FormExtensions,
            _ => CommonExtensions,
        }, ctx);

        var retryCycle = ActivityDefinitionReader.NullIfBlank(BpmnXml.Ext(element, "failedJobRetryTimeCycle"))
            ?? ActivityDefinitionReader.NullIfBlank(BpmnXml.ExtensionElements(element, "failedJobRetryTimeCycle").FirstOrDefault()?.Value);
        if (retryCycle is not null)
        {
            try
            {
                Jobs.RetryCycle.Parse(retryCycle);
            }
            catch (FormatException ex)
            {
                ctx.Error(element, $"failedJobRetryTimeCycle: {ex.Message}");
            }
        }

        return new FlowNode
        {
            Id = id,
            Name = BpmnXml.Attr(element, "name"),
            Kind = draft.Executable && elementType is not null ? elementType.Kind : ElementKind.Unsupported,
            IsActivity = draft.Executable && elementType?.Is(Behaviours.ElementTraits.Activity) == true,
            IsForCompensation = BpmnXml.IsTrue(BpmnXml.Attr(element, "isForCompensation")),
            ElementType = type,
            Position = BpmnXml.Position(element),
            DefaultFlowId = ActivityDefinitionReader.NullIfBlank(BpmnXml.Attr(element, "default")),
            Event = eventDefinition,
            AttachedToId = type == "boundaryEvent" ? ActivityDefinitionReader.NullIfBlank(BpmnXml.Attr(element, "attachedToRef")) : null,
            CancelActivity = !string.Equals(BpmnXml.Attr(element, "cancelActivity")?.Trim(), "false", StringComparison.OrdinalIgnoreCase),
            // An error start event always interrupts (BPMN 2.0 §10.5.2); Check warned when the file says otherwise.
            IsInterrupting = eventDefinition.Kind == EventKind.Error
                || !string.Equals(BpmnXml.Attr(element, "isInterrupting")?.Trim(), "false", StringComparison.OrdinalIgnoreCase),
            UserTask = userTask,
            FormFields = type is "userTask" or "startEvent" ? FormFieldReader.Read(element, ctx) : [],
            Service = service,
            Script = script,
            CallActivity = callActivity,
            MultiInstance = multiInstance,
            InputOutput = inputOutput,
            Listeners = listeners,
            AsyncBefore = BpmnXml.IsTrue(BpmnXml.Ext(element, "asyncBefore")) || BpmnXml.IsTrue(BpmnXml.Ext(element, "async")),
            AsyncAfter = BpmnXml.IsTrue(BpmnXml.Ext(element, "asyncAfter")),
            FailedJobRetryTimeCycle = retryCycle,
        };
    }

    /// <summary>What no activity the engine executes may carry: loops other than multi-instance.</summary>
    private static void CheckActivity(NodeDraft draft)
    {
        var element = draft.Element;
        if (BpmnXml.Child(element, "standardLoopCharacteristics") is { } loop)
        {
            draft.CannotExecute("standardLoopCharacteristics (a loop) is not supported; use multi-instance", loop);
        }
    }

    /// <summary>
    /// Goes over the children that belong to a flow node, sub-process or process itself (not to its scope):
    /// extension elements the engine does not read are listed as ignored (foreign namespaces, metadata) or
    /// warned about (camunda behaviour such as listeners); documentation, performers, data associations
    /// and the like are listed as ignored.
    /// </summary>
    public static void ReadOwnerChildren(XElement owner, IReadOnlyCollection<string> handledExtensions, ParseContext ctx)
    {
        var isScope = owner.Name.LocalName is "process" or "subProcess" or "transaction" or "adHocSubProcess";
        foreach (var child in owner.Elements())
        {
            if (!BpmnXml.IsModel(child))
            {
                ctx.Ignore(child);
                continue;
            }
            var name = child.Name.LocalName;
            if (name == "extensionElements")
            {
                ReadExtensionElements(child, handledExtensions, ctx);
            }
            else if (name is "incoming" or "outgoing" or "script" or "conditionExpression" or "multiInstanceLoopCharacteristics" or "standardLoopCharacteristics"
                     || ElementCatalog.IsEventDefinition(name))
            {
                // Read by the node itself.
            }
            else if (ElementCatalog.OwnerChildren.Contains(name))
            {
                ctx.Ignore(child);
            }
            else if (!isScope)
            {
                ctx.Ignore(child);
            }
        }
    }

    private static void ReadExtensionElements(XElement extensionElements, IReadOnlyCollection<string> handled, ParseContext ctx)
    {
        foreach (var extension in extensionElements.Elements())
        {
            if (!BpmnXml.IsExtensionNamespace(extension.Name.Namespace))
            {
                ctx.Ignore(extension, "unknown extension namespace");
            }
            else if (handled.Contains(extension.Name.LocalName))
            {
                // Read by the node's readers.
            }
            else if (ElementCatalog.MetadataExtensions.Contains(extension.Name.LocalName))
            {
                ctx.Ignore(extension);
            }
            else if (extension.Name.LocalName is "executionListener" or "taskListener")
            {
                // A listener that does not run would silently change what the flow does.
                ctx.CannotExecute(extension, $"{BpmnXml.TypeName(extension)} on {BpmnXml.TypeName(extension.Parent!.Parent!)}: listeners run on flow nodes and sequence flows only");
            }
            else
            {
                ctx.Warning(extension, $"{BpmnXml.TypeName(extension)} is not supported by the engine and is ignored");
            }
        }
    }
}
