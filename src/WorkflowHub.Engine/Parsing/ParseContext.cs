using System.Xml.Linq;
using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Parsing;

/// <summary>
/// The state of one parse: options, the document being filled, and the definitions-level elements
/// (messages, errors, signals) that event definitions refer to.
/// </summary>
internal sealed class ParseContext(BpmnParserOptions options, BpmnDocument document)
{
    public const string IgnoredMessage = "ignored: not executed";

    public BpmnParserOptions Options { get; } = options;
    public BpmnDocument Document { get; } = document;

    /// <summary>bpmn:message id → its name (or its id when it has no name).</summary>
    public Dictionary<string, string> MessageNames { get; } = new(StringComparer.Ordinal);

    /// <summary>bpmn:error id → its errorCode (null when it has none).</summary>
    public Dictionary<string, string?> ErrorCodes { get; } = new(StringComparer.Ordinal);

    /// <summary>bpmn:escalation id → its escalationCode (null when it has none).</summary>
    public Dictionary<string, string?> EscalationCodes { get; } = new(StringComparer.Ordinal);

    /// <summary>bpmn:signal id → its name (or its id).</summary>
    public Dictionary<string, string> SignalNames { get; } = new(StringComparer.Ordinal);

    /// <summary>Event definitions declared at definitions level, for eventDefinitionRef.</summary>
    public Dictionary<string, XElement> RootEventDefinitions { get; } = new(StringComparer.Ordinal);

    /// <summary>An error in every mode.</summary>
    public void Error(XElement at, string message) => Report(ProblemSeverity.Error, message, at);

    /// <summary>A warning in every mode.</summary>
    public void Warning(XElement at, string message) => Report(ProblemSeverity.Warning, message, at);

    /// <summary>Something the engine cannot execute: an error when deploying, a warning when validating.</summary>
    public void CannotExecute(XElement at, string message) =>
        Report(Options.DeployMode ? ProblemSeverity.Error : ProblemSeverity.Warning, "cannot execute " + message, at);

    /// <summary>Lists an element that is kept but not executed (one entry per element, its descendants not listed).</summary>
    public void Ignore(XElement element, string? reason = null)
    {
        var position = BpmnXml.Position(element);
        var message = reason is null ? IgnoredMessage : $"{IgnoredMessage} ({reason})";
        Document.Ignored.Add(new BpmnProblem(
            ProblemSeverity.Warning, message, position.Line, position.Column, BpmnXml.Id(element), BpmnXml.TypeName(element)));
    }

    /// <summary>
    /// An expression from a text of the file, or null for an absent or blank text. An unclosed
    /// <c>${</c> is reported (at <paramref name="at"/>) and the expression is still returned.
    /// </summary>
    public Expression? Expr(XElement at, string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        text = CamundaExpressionDialect.ToJavaScript(text);
        if (ExpressionSyntax.FindUnclosed(text) >= 0)
        {
            Error(at, $"{what}: '${{' without a closing '}}' in \"{Shorten(text)}\"");
        }
        else if (text.Contains("${", StringComparison.Ordinal) && Expressions.ExpressionEvaluator.SyntaxError(text) is { } error)
        {
            // Compiled once here, so a typo is a deploy problem at its element rather than an incident at run time.
            Error(at, $"{what}: {error} in \"{Shorten(text)}\"");
        }
        return new Expression(text);
    }

    /// <summary>Compiles a script at deploy: a syntax error is reported at <paramref name="at"/>.</summary>
    public void CheckScript(XElement at, string source, string what)
    {
        if (Expressions.ExpressionEvaluator.ScriptSyntaxError(source) is { } error)
        {
            Error(at, $"{what}: {error}");
        }
    }

    private void Report(ProblemSeverity severity, string message, XElement at)
    {
        var position = BpmnXml.Position(at);
        var owner = at.AncestorsAndSelf().FirstOrDefault(e => BpmnXml.IsModel(e) && e.Attribute("id") is not null) ?? at;
        Document.Problems.Add(new BpmnProblem(
            severity, message, position.Line, position.Column, BpmnXml.Id(owner), BpmnXml.TypeName(owner)));
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
