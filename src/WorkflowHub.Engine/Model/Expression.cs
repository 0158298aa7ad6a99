namespace WorkflowHub.Engine.Model;

/// <summary>
/// A value written in the BPMN file: either literal text, or text holding one or more
/// <c>${...}</c> JavaScript expressions. A text that is exactly one <c>${...}</c> yields the
/// expression's own value (number, boolean, date); a mixed text yields a string.
/// </summary>
public sealed class Expression
{
    public Expression(string text)
    {
        Text = text;
        IsLiteral = !text.Contains("${", StringComparison.Ordinal);
    }

    /// <summary>The text as written in the file.</summary>
    public string Text { get; }

    /// <summary>True when the text holds no <c>${</c>: it is its own value.</summary>
    public bool IsLiteral { get; }

    public override string ToString() => Text;
}
