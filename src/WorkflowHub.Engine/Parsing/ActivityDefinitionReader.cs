using System.Xml.Linq;
using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Parsing;

/// <summary>
/// Reads the camunda/activiti/flowable implementation parts of activities: user task attributes,
/// service/send task topic or expression, script, call activity and multi-instance loops.
/// </summary>
internal static class ActivityDefinitionReader
{
    private static readonly string[] JavaScriptFormats = ["javascript", "js", "ecmascript"];

    public static bool IsJavaScript(string? format) =>
        format is not null && JavaScriptFormats.Contains(format.Trim(), StringComparer.OrdinalIgnoreCase);

    public static UserTaskDefinition ReadUserTask(XElement element, ParseContext ctx) => new()
    {
        Assignee = ctx.Expr(element, BpmnXml.Ext(element, "assignee"), "assignee"),
        CandidateUsers = ctx.Expr(element, BpmnXml.Ext(element, "candidateUsers"), "candidateUsers"),
        CandidateGroups = ctx.Expr(element, BpmnXml.Ext(element, "candidateGroups"), "candidateGroups"),
        DueDate = ctx.Expr(element, BpmnXml.Ext(element, "dueDate"), "dueDate"),
        FollowUpDate = ctx.Expr(element, BpmnXml.Ext(element, "followUpDate"), "followUpDate"),
        Priority = ctx.Expr(element, BpmnXml.Ext(element, "priority"), "priority"),
        FormKey = NullIfBlank(BpmnXml.Ext(element, "formKey")),
    };

    /// <summary>A service or send task: camunda:type="external" + topic, topic alone, or camunda:expression.</summary>
    public static ServiceDefinition? ReadService(NodeDraft draft)
    {
        var element = draft.Element;
        var ctx = draft.Context;
        var type = NullIfBlank(BpmnXml.Ext(element, "type"));
        var topic = NullIfBlank(BpmnXml.Ext(element, "topic"));
        var expression = NullIfBlank(BpmnXml.Ext(element, "expression"));
        var resultVariable = NullIfBlank(BpmnXml.Ext(element, "resultVariable"));

        if (type is not null && !type.Equals("external", StringComparison.Ordinal))
        {
            draft.CannotExecute($"camunda:type=\"{type}\" is not supported (only \"external\" with camunda:topic)");
            return null;
        }
        if (type is not null && topic is null)
        {
            draft.CannotExecute("camunda:type=\"external\" needs a camunda:topic");
            return null;
        }
        if (topic is null && expression is null)
        {
            var java = BpmnXml.Ext(element, "class") is not null ? "camunda:class"
                : BpmnXml.Ext(element, "delegateExpression") is not null ? "camunda:delegateExpression"
                : null;
            draft.CannotExecute(java is null
                ? "it has neither camunda:topic nor camunda:expression"
                : $"{java} names Java code; use camunda:topic (a C# handler) or camunda:expression");
            return null;
        }
        if (topic is not null && expression is not null)
        {
            ctx.Warning(element, "both camunda:topic and camunda:expression are set: the topic is used");
            expression = null;
        }
        return new ServiceDefinition
        {
            Topic = topic,
            Expression = ctx.Expr(element, expression, "camunda:expression"),
            ResultVariable = resultVariable,
        };
    }

    /// <summary>A script task: JavaScript only, inline script text, optional camunda:resultVariable.</summary>
    public static ScriptDefinition ReadScript(NodeDraft draft)
    {
        var element = draft.Element;
        var format = BpmnXml.Attr(element, "scriptFormat")?.Trim() ?? "";
        var scriptElement = BpmnXml.Child(element, "script");
        var source = scriptElement?.Value ?? "";

        if (!IsJavaScript(format))
        {
            draft.CannotExecute(format.Length == 0
                ? "scriptFormat is missing (only javascript is supported)"
                : $"scriptFormat \"{format}\" is not supported (only javascript)");
        }
        if (BpmnXml.Ext(element, "resource") is { } resource)
        {
            draft.CannotExecute($"external script camunda:resource=\"{resource}\" is not supported; write the script inline");
        }
        else if (string.IsNullOrWhiteSpace(source))
        {
            draft.CannotExecute("it has no script");
        }
        else if (IsJavaScript(format))
        {
            draft.Context.CheckScript(scriptElement!, source, "script");
        }
        return new ScriptDefinition
        {
            Format = format,
            Source = source,
            ResultVariable = NullIfBlank(BpmnXml.Ext(element, "resultVariable")),
        };
    }

    /// <summary>A call activity: calledElement plus camunda:in / camunda:out.</summary>
    public static CallActivityDefinition? ReadCallActivity(NodeDraft draft)
    {
        var element = draft.Element;
        var ctx = draft.Context;
        var calledElement = ctx.Expr(element, BpmnXml.Attr(element, "calledElement")?.Trim(), "calledElement");
        var passBusinessKey = false;
        var inputs = new List<VariableMapping>();
        var outputs = new List<VariableMapping>();

        foreach (var child in BpmnXml.ExtensionChildren(element))
        {
            var isIn = BpmnXml.IsExtension(child, "in");
            if (!isIn && !BpmnXml.IsExtension(child, "out"))
            {
                continue;
            }
            if (isIn && child.Attribute("businessKey") is not null)
            {
                passBusinessKey = true;
                if (child.Attribute("source") is null && child.Attribute("sourceExpression") is null
                    && child.Attribute("variables") is null)
                {
                    continue;
                }
            }
            var mapping = ReadMapping(child, ctx);
            if (mapping is not null)
            {
                (isIn ? inputs : outputs).Add(mapping);
            }
        }

        if (calledElement is null)
        {
            draft.CannotExecute("calledElement is missing");
            return null;
        }
        return new CallActivityDefinition { CalledElement = calledElement, In = inputs, Out = outputs, PassBusinessKey = passBusinessKey };
    }

    private static VariableMapping? ReadMapping(XElement mapping, ParseContext ctx)
    {
        var all = string.Equals(BpmnXml.Attr(mapping, "variables")?.Trim(), "all", StringComparison.Ordinal);
        var source = NullIfBlank(BpmnXml.Attr(mapping, "source"));
        var sourceExpression = ctx.Expr(mapping, BpmnXml.Attr(mapping, "sourceExpression"), "sourceExpression");
        var target = NullIfBlank(BpmnXml.Attr(mapping, "target"));
        if (!all && ((source is null && sourceExpression is null) || target is null))
        {
            ctx.Error(mapping, $"{BpmnXml.TypeName(mapping)} needs variables=\"all\", or source (or sourceExpression) and target");
            return null;
        }
        return new VariableMapping(source, sourceExpression, target, all);
    }

    /// <summary>multiInstanceLoopCharacteristics: isSequential, loopCardinality, camunda:collection/elementVariable, completionCondition.</summary>
    public static MultiInstanceDefinition? ReadMultiInstance(NodeDraft draft)
    {
        var loop = BpmnXml.Child(draft.Element, "multiInstanceLoopCharacteristics");
        if (loop is null)
        {
            return null;
        }
        var ctx = draft.Context;
        var cardinalityElement = BpmnXml.Child(loop, "loopCardinality");
        var conditionElement = BpmnXml.Child(loop, "completionCondition");
        var definition = new MultiInstanceDefinition
        {
            IsSequential = BpmnXml.IsTrue(BpmnXml.Attr(loop, "isSequential")),
            LoopCardinality = ctx.Expr(cardinalityElement ?? loop, BpmnXml.Text(cardinalityElement), "loopCardinality"),
            Collection = ctx.Expr(loop, BpmnXml.Ext(loop, "collection")?.Trim(), "camunda:collection"),
            ElementVariable = NullIfBlank(BpmnXml.Ext(loop, "elementVariable")),
            CompletionCondition = ctx.Expr(conditionElement ?? loop, BpmnXml.Text(conditionElement), "completionCondition"),
        };
        if (definition.Collection is null && definition.LoopCardinality is null)
        {
            draft.CannotExecute(BpmnXml.Child(loop, "loopDataInputRef") is not null
                ? "multi-instance over loopDataInputRef is not supported; use camunda:collection"
                : "multi-instance needs a loopCardinality or a camunda:collection", loop);
        }
        return definition;
    }

    internal static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
