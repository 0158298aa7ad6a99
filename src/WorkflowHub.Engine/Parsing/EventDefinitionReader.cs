using System.Xml.Linq;
using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Parsing;

/// <summary>Reads the event definition of an event element and resolves its references (message, error, signal).</summary>
internal static class EventDefinitionReader
{
    /// <summary>
    /// The event's definition: <see cref="EventDefinition.None"/> without one,
    /// <see cref="EventKind.Multiple"/> with several. <paramref name="catching"/> says whether the event
    /// waits for its trigger (start, intermediate catch, boundary), which requires a message to be named.
    /// </summary>
    public static EventDefinition Read(XElement eventElement, bool catching, ParseContext ctx)
    {
        var definitions = new List<XElement>();
        foreach (var child in eventElement.Elements().Where(BpmnXml.IsModel))
        {
            var name = child.Name.LocalName;
            if (ElementCatalog.EventDefinitions.ContainsKey(name))
            {
                definitions.Add(child);
            }
            else if (name == "eventDefinitionRef")
            {
                var reference = child.Value.Trim();
                if (Resolve(ctx.RootEventDefinitions, reference, out var resolved))
                {
                    definitions.Add(resolved);
                }
                else
                {
                    ctx.Error(child, $"eventDefinitionRef '{reference}' does not name an event definition of this file");
                }
            }
        }

        if (definitions.Count == 0)
        {
            return EventDefinition.None;
        }
        if (definitions.Count > 1)
        {
            return new EventDefinition { Kind = EventKind.Multiple };
        }

        var definition = definitions[0];
        var kind = ElementCatalog.EventDefinitions[definition.Name.LocalName];
        return kind switch
        {
            EventKind.Message => new EventDefinition
            {
                Kind = kind,
                MessageName = ReadMessage(eventElement, definition, catching, ctx),
            },
            EventKind.Timer => new EventDefinition { Kind = kind, Timer = ReadTimer(eventElement, definition, ctx) },
            EventKind.Error => ReadError(eventElement, definition, catching, ctx),
            EventKind.Signal => new EventDefinition { Kind = kind, SignalName = ReadSignal(eventElement, definition, ctx) },
            EventKind.Escalation => new EventDefinition { Kind = kind, EscalationCode = ReadEscalation(definition, catching, ctx) },
            EventKind.Conditional => ReadConditional(eventElement, definition, ctx),
            EventKind.Link => new EventDefinition { Kind = kind, LinkName = ReadLink(eventElement, definition, ctx) },
            EventKind.Compensation => new EventDefinition
            {
                Kind = kind,
                ActivityRef = BpmnXml.Attr(definition, "activityRef")?.Trim() is { Length: > 0 } activity ? activity : null,
                WaitForCompletion = !string.Equals(BpmnXml.Attr(definition, "waitForCompletion")?.Trim(), "false", StringComparison.OrdinalIgnoreCase),
            },
            _ => new EventDefinition { Kind = kind },
        };
    }

    /// <summary>The message name a messageRef names (its bpmn:message's name, or its id without one).</summary>
    public static string? ResolveMessage(XElement owner, string? messageRef, bool required, ParseContext ctx)
    {
        if (string.IsNullOrWhiteSpace(messageRef))
        {
            if (required)
            {
                ctx.Error(owner, $"{BpmnXml.TypeName(owner)} has no message: set messageRef to a bpmn:message");
            }
            return null;
        }
        if (Resolve(ctx.MessageNames, messageRef, out var name))
        {
            return name;
        }
        ctx.Error(owner, $"messageRef '{messageRef}' does not name a bpmn:message of this file");
        return null;
    }

    private static string? ReadMessage(XElement eventElement, XElement definition, bool catching, ParseContext ctx) =>
        ResolveMessage(eventElement, BpmnXml.Attr(definition, "messageRef"), catching, ctx);

    private static TimerDefinition? ReadTimer(XElement eventElement, XElement definition, ParseContext ctx)
    {
        var forms = new List<(TimerKind Kind, XElement Element)>();
        foreach (var (name, kind) in new[] { ("timeDate", TimerKind.Date), ("timeDuration", TimerKind.Duration), ("timeCycle", TimerKind.Cycle) })
        {
            var element = BpmnXml.Child(definition, name);
            if (element is not null && BpmnXml.Text(element) is not null)
            {
                forms.Add((kind, element));
            }
        }
        if (forms.Count == 0)
        {
            ctx.Error(eventElement, "timer event has no timeDate, timeDuration or timeCycle");
            return null;
        }
        if (forms.Count > 1)
        {
            ctx.Error(eventElement, "timer event has more than one of timeDate, timeDuration and timeCycle");
        }
        var (timerKind, valueElement) = forms[0];
        var value = ctx.Expr(valueElement, BpmnXml.Text(valueElement), "timer")!;
        // A literal is scheduled the same way at run time; what cannot be scheduled now never can.
        if (value.IsLiteral && Jobs.TimerSchedule.Check(timerKind, value.Text, DateTimeOffset.UtcNow) is { } problem)
        {
            ctx.Error(valueElement, $"the timer cannot be scheduled: {problem}");
        }
        return new TimerDefinition(timerKind, value);
    }

    private static EventDefinition ReadError(XElement eventElement, XElement definition, bool catching, ParseContext ctx)
    {
        string? code = null;
        var errorRef = BpmnXml.Attr(definition, "errorRef");
        if (!string.IsNullOrWhiteSpace(errorRef))
        {
            if (Resolve(ctx.ErrorCodes, errorRef, out var resolved))
            {
                // Without an errorCode the error is known by its id (as messages are by theirs).
                code = resolved ?? StripPrefix(errorRef);
            }
            else
            {
                // Camunda takes a reference to no bpmn:error as the error code itself.
                code = errorRef.Trim();
            }
        }
        else if (!catching)
        {
            ctx.Warning(eventElement, "error end event has no errorRef: the error it throws has no code");
        }
        return new EventDefinition
        {
            Kind = EventKind.Error,
            ErrorCode = code,
            ErrorCodeVariable = BpmnXml.Ext(definition, "errorCodeVariable"),
            ErrorMessageVariable = BpmnXml.Ext(definition, "errorMessageVariable"),
        };
    }

    /// <summary>The escalation code an escalationRef names; on a catch event no ref means "any escalation".</summary>
    private static string? ReadEscalation(XElement definition, bool catching, ParseContext ctx)
    {
        var reference = BpmnXml.Attr(definition, "escalationRef");
        if (string.IsNullOrWhiteSpace(reference))
        {
            if (!catching)
            {
                ctx.Error(definition, "an escalation throw event needs escalationRef naming a bpmn:escalation");
            }
            return null;
        }
        // As with errors, a reference to no bpmn:escalation is the code itself.
        return Resolve(ctx.EscalationCodes, reference, out var code) ? code ?? StripPrefix(reference) : reference.Trim();
    }

    private static EventDefinition ReadConditional(XElement eventElement, XElement definition, ParseContext ctx)
    {
        var conditionElement = BpmnXml.Child(definition, "condition");
        var condition = ctx.Expr(conditionElement ?? definition, BpmnXml.Text(conditionElement), "condition");
        if (condition is null)
        {
            ctx.Error(eventElement, "a conditional event needs a condition");
        }
        var names = BpmnXml.Ext(definition, "variableName")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        return new EventDefinition { Kind = EventKind.Conditional, Condition = condition, ConditionVariables = names };
    }

    private static string? ReadLink(XElement eventElement, XElement definition, ParseContext ctx)
    {
        var name = BpmnXml.Attr(definition, "name")?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            ctx.Error(eventElement, "a link event needs the name of its link (linkEventDefinition name=\"...\")");
            return null;
        }
        return name;
    }

    private static string? ReadSignal(XElement eventElement, XElement definition, ParseContext ctx)
    {
        var signalRef = BpmnXml.Attr(definition, "signalRef");
        if (string.IsNullOrWhiteSpace(signalRef))
        {
            ctx.Error(eventElement, "a signal event needs signalRef naming a bpmn:signal");
            return null;
        }
        if (Resolve(ctx.SignalNames, signalRef, out var name))
        {
            return name;
        }
        ctx.Error(eventElement, $"signalRef '{signalRef}' does not name a bpmn:signal of this file");
        return null;
    }

    /// <summary>Looks a reference up as written, then without a QName prefix ("tns:Message_1").</summary>
    internal static bool Resolve<T>(Dictionary<string, T> map, string reference, out T value)
    {
        var key = reference.Trim();
        if (map.TryGetValue(key, out value!))
        {
            return true;
        }
        var stripped = StripPrefix(key);
        return !ReferenceEquals(stripped, key) && map.TryGetValue(stripped, out value!);
    }

    private static string StripPrefix(string reference)
    {
        var colon = reference.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? reference[(colon + 1)..] : reference;
    }
}
