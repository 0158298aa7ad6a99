namespace WorkflowHub.Engine.Expressions;

/// <summary>
/// An expression or script could not be evaluated: a syntax error, a JavaScript error, an unknown variable,
/// a sandbox limit (time, statements, recursion, memory) or a result of the wrong type.
/// </summary>
public sealed class ExpressionException : Exception
{
    private const int MaxQuotedLength = 200;

    public ExpressionException()
        : this(string.Empty, "expression failed")
    {
    }

    public ExpressionException(string message)
        : this(string.Empty, message)
    {
    }

    public ExpressionException(string message, Exception? innerException)
        : this(string.Empty, message, innerException)
    {
    }

    /// <param name="expressionText">The expression (or script source) as written.</param>
    /// <param name="reason">What went wrong, e.g. <c>unknown variable 'x'</c>.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ExpressionException(string expressionText, string reason, Exception? innerException = null)
        : base(Format(expressionText, reason), innerException)
    {
        ExpressionText = expressionText;
        Reason = reason;
    }

    /// <summary>The expression (or script source) that failed, as written.</summary>
    public string ExpressionText { get; }

    /// <summary>What went wrong, without the expression text.</summary>
    public string Reason { get; }

    private static string Format(string expressionText, string reason)
    {
        if (string.IsNullOrEmpty(expressionText))
        {
            return reason;
        }

        var quoted = expressionText.Length <= MaxQuotedLength
            ? expressionText
            : string.Concat(expressionText.AsSpan(0, MaxQuotedLength), "...");
        return $"Expression '{quoted}' failed: {reason}";
    }
}
