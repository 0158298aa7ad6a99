using System.Net;
using Scriban;
using Scriban.Parsing;

namespace WorkflowHub.Server.Features.Notices;

/// <summary>
/// Renders the HTML part: every value a template writes is HTML-escaped unless it is <see cref="TrustedHtml"/>
/// (what <c>html_raw</c> returns), so a problem description typed by a citizen cannot add markup to a mail.
/// The template's own text is written as it stands.
/// </summary>
internal sealed class HtmlEscapingTemplateContext : TemplateContext
{
    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        if (textAsObject is null)
        {
            return this;
        }
        Write(Escape(textAsObject));
        return this;
    }

    public override ValueTask<TemplateContext> WriteAsync(SourceSpan span, object? textAsObject) =>
        textAsObject is null ? ValueTask.FromResult<TemplateContext>(this) : WriteAsync(Escape(textAsObject));

    private string Escape(object value) =>
        value is TrustedHtml trusted ? trusted.Markup : WebUtility.HtmlEncode(ObjectToString(value) ?? "");
}

/// <summary>Markup a template author marked as trusted with <c>html_raw</c>; written unescaped in the HTML part only.</summary>
public sealed record TrustedHtml(string Markup)
{
    public override string ToString() => Markup;
}
