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

        // Camunda's "external" and Flowable's "external-worker" both hand the task to a worker polling its topic.
        if (type is not null && type is not ("external" or "external-worker"))
        {
            draft.CannotExecute($"camunda:type=\"{type}\" is not supported (only \"external\" or \"external-worker\" with camunda:topic)");
            return null;
        }
        if (type is not null && topic is null)
        {
            draft.CannotExecute("camunda:type=\"external\" needs a camunda:topic");
            return null;
        }
        var handler = DelegateName(element);
        if (topic is null && expression is null && handler is null)
        {
            draft.CannotExecute("it has neither camunda:topic, camunda:expression, camunda:delegateExpression nor camunda:class");
            return null;
        }
        if (handler is not null && (topic is not null || expression is not null))
        {
            ctx.Warning(element, "camunda:delegateExpression/class is set beside camunda:topic or camunda:expression: the delegate is used");
            (topic, expression) = (null, null);
        }
        if (topic is not null && expression is not null)
        {
            ctx.Warning(element, "both camunda:topic and camunda:expression are set: the topic is used");
            expression = null;
        }
        return new ServiceDefinition
        {
            Topic = topic,
            IsExternal = type is not null && topic is not null,
            TaskPriority = topic is null ? null : ctx.Expr(element, NullIfBlank(BpmnXml.Ext(element, "taskPriority")), "camunda:taskPriority"),
            Delegate = handler,
            Fields = ReadFields(element, ctx),
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
        var bindingText = NullIfBlank(BpmnXml.Ext(element, "calledElementBinding")) ?? "latest";
        if (!Enum.TryParse<CalledElementBinding>(bindingText, ignoreCase: true, out var binding) || !Enum.IsDefined(binding))
        {
            ctx.Error(element, $"calledElementBinding \"{bindingText}\" is not one of latest, deployment, version, versionTag");
        }
        var bindingValue = binding switch
        {
            CalledElementBinding.Version => ctx.Expr(element, BpmnXml.Ext(element, "calledElementVersion"), "calledElementVersion"),
            CalledElementBinding.VersionTag => ctx.Expr(element, BpmnXml.Ext(element, "calledElementVersionTag"), "calledElementVersionTag"),
            _ => null,
        };
        if (binding is CalledElementBinding.Version or CalledElementBinding.VersionTag && bindingValue is null)
        {
            ctx.Error(element, $"calledElementBinding=\"{bindingText}\" needs camunda:calledElement{(binding == CalledElementBinding.Version ? "Version" : "VersionTag")}");
        }
        return new CallActivityDefinition
        {
            CalledElement = calledElement, In = inputs, Out = outputs, PassBusinessKey = passBusinessKey, Binding = binding, BindingValue = bindingValue,
        };
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

    /// <summary>
    /// The handler a Java-platform model names: <c>delegateExpression="${name}"</c> gives "name", <c>class="a.b.Name"</c>
    /// gives "a.b.Name" (found under that name or "Name"). A C# handler registered under it runs in its place.
    /// </summary>
    public static string? DelegateName(XElement element) => DelegateName(name => BpmnXml.Ext(element, name));

    /// <summary>As <see cref="DelegateName(XElement)"/>, reading the attributes through <paramref name="attribute"/> (listeners' are unqualified).</summary>
    public static string? DelegateName(Func<string, string?> attribute)
    {
        if (NullIfBlank(attribute("delegateExpression")) is { } expression)
        {
            var inner = expression.Length > 3 && expression[0] is '$' or '#' && expression[1] == '{' && expression[^1] == '}'
                ? expression[2..^1].Trim()
                : expression;
            return inner;
        }
        return NullIfBlank(attribute("class"));
    }

    /// <summary>camunda/activiti/flowable:field: fixed inputs of a handler (stringValue, expression, or a string/expression child).</summary>
    public static IReadOnlyList<FieldInjection> ReadFields(XElement element, ParseContext ctx) =>
        ReadFields(BpmnXml.ExtensionElements(element, "field"), ctx);

    /// <summary>The fields among <paramref name="candidates"/> (a listener holds them directly, a task in its extensionElements).</summary>
    public static IReadOnlyList<FieldInjection> ReadFields(IEnumerable<XElement> candidates, ParseContext ctx)
    {
        var fields = new List<FieldInjection>();
        foreach (var field in candidates.Where(e => BpmnXml.IsExtension(e, "field")))
        {
            var name = NullIfBlank(BpmnXml.Attr(field, "name"));
            var text = BpmnXml.Attr(field, "stringValue") ?? BpmnXml.Attr(field, "expression")
                ?? field.Elements().FirstOrDefault(e => BpmnXml.IsExtension(e, "string") || BpmnXml.IsExtension(e, "expression"))?.Value;
            if (name is null || text is null)
            {
                ctx.Error(field, $"{BpmnXml.TypeName(field)} needs a name and a stringValue, expression or string/expression child");
                continue;
            }
            fields.Add(new FieldInjection(name, ctx.Expr(field, text, $"field '{name}'") ?? new Expression(text)));
        }
        return fields;
    }

    internal static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
