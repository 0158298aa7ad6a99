namespace WorkflowHub.Server.Features.Notices;

/// <summary>Where a template is wrong: the part (subject, html, text) and the 1-based line and column in it.</summary>
public sealed record NoticeTemplateProblem(string Part, int Line, int Column, string Message)
{
    public override string ToString() => $"{Part} line {Line}, column {Column}: {Message}";
}

/// <summary>A template that does not parse or fails while rendering; the message names the part, line and column.</summary>
public sealed class NoticeTemplateException(string templateKey, IReadOnlyList<NoticeTemplateProblem> problems)
    : Exception($"notice template '{templateKey}' is wrong: {string.Join("; ", problems)}")
{
    public string TemplateKey { get; } = templateKey;

    public IReadOnlyList<NoticeTemplateProblem> Problems { get; } = problems;
}
