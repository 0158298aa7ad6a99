using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace WorkflowHub.Server.Features.Notices;

/// <summary>A notice rendered for one recipient: subject, HTML body (null when the template has none) and text body.</summary>
public sealed record RenderedNotice(string Subject, string? Html, string Text);

/// <summary>The three parsed parts of one template version.</summary>
public sealed class CompiledNoticeTemplate
{
    internal CompiledNoticeTemplate(string key, int version, Template subject, Template? html, Template text)
    {
        Key = key;
        Version = version;
        Subject = subject;
        Html = html;
        Text = text;
    }

    public string Key { get; }
    public int Version { get; }
    internal Template Subject { get; }
    internal Template? Html { get; }
    internal Template Text { get; }
}

/// <summary>
/// Parses and renders templates with Scriban in a sandbox: the template sees only the model it is given (script
/// objects built from JSON and our helper functions; no .NET member access, no includes), loops, recursion, output
/// and time are bounded, and the HTML part escapes every value. Errors name the part, line and column.
/// </summary>
public sealed class NoticeRenderer(IOptions<NoticesOptions> options)
{
    private readonly ConcurrentDictionary<(string, int), CompiledNoticeTemplate> _cache = new();

    /// <summary>A stored version, parsed once.</summary>
    public CompiledNoticeTemplate Compile(NoticeTemplateRecord record) =>
        _cache.GetOrAdd((record.Key, record.Version), _ => Compile(record.Key, record.Version, record.Subject, record.Html, record.Text));

    /// <summary>Parses the parts; throws <see cref="NoticeTemplateException"/> listing every problem found.</summary>
    public CompiledNoticeTemplate Compile(string key, int version, string subject, string html, string text)
    {
        var problems = new List<NoticeTemplateProblem>();
        var max = options.Value.Render.MaxTemplateLength;
        var s = Parse("subject", subject, max, problems);
        var h = string.IsNullOrWhiteSpace(html) ? null : Parse("html", html, max, problems);
        var t = Parse("text", text, max, problems);
        if (string.IsNullOrWhiteSpace(subject))
        {
            problems.Add(new NoticeTemplateProblem("subject", 1, 1, "the subject is empty"));
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add(new NoticeTemplateProblem("text", 1, 1, "the text body is empty"));
        }
        return problems.Count > 0 ? throw new NoticeTemplateException(key, problems) : new CompiledNoticeTemplate(key, version, s!, h, t!);
    }

    public RenderedNotice Render(CompiledNoticeTemplate template, ScriptObject model)
    {
        var subject = RenderPart(template.Key, "subject", template.Subject, model, html: false);
        var html = template.Html is null ? null : RenderPart(template.Key, "html", template.Html, model, html: true);
        var text = RenderPart(template.Key, "text", template.Text, model, html: false);
        // A subject is one line: a line break in a value must not start new mail headers or a second line.
        subject = string.Join(' ', subject.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return new RenderedNotice(subject, html, text);
    }

    private static Template? Parse(string part, string source, int max, List<NoticeTemplateProblem> problems)
    {
        if (source.Length > max)
        {
            problems.Add(new NoticeTemplateProblem(part, 1, 1, $"longer than {max} characters"));
            return null;
        }
        var template = Template.Parse(source, part);
        if (template.HasErrors)
        {
            problems.AddRange(template.Messages.Select(m =>
                new NoticeTemplateProblem(part, m.Span.Start.Line + 1, m.Span.Start.Column + 1, m.Message)));
            return null;
        }
        return template;
    }

    private string RenderPart(string key, string part, Template template, ScriptObject model, bool html)
    {
        var limits = options.Value.Render;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(limits.TimeoutMilliseconds));
        var context = html ? new HtmlEscapingTemplateContext() : new TemplateContext();
        context.StrictVariables = true;
        context.EnableRelaxedMemberAccess = true;
        context.EnableRelaxedTargetAccess = true;
        context.LoopLimit = limits.LoopLimit;
        context.LoopLimitQueryable = limits.LoopLimit;
        context.RecursiveLimit = limits.RecursionLimit;
        context.ObjectRecursionLimit = limits.RecursionLimit;
        context.OutputLimit = limits.OutputLimit;
        context.LimitToString = limits.OutputLimit;
        context.RegexTimeOut = TimeSpan.FromMilliseconds(limits.TimeoutMilliseconds);
        // Only script objects: no property or field of any .NET object is readable from a template.
        context.MemberFilter = _ => false;
        context.TemplateLoader = null;
        context.CancellationToken = timeout.Token;
        context.PushGlobal(model);
        try
        {
            return template.Render(context);
        }
        catch (ScriptRuntimeException e)
        {
            throw new NoticeTemplateException(key, [new NoticeTemplateProblem(part, e.Span.Start.Line + 1, e.Span.Start.Column + 1, e.OriginalMessage)]);
        }
        catch (OperationCanceledException)
        {
            var at = context.CurrentNode?.Span.Start;
            throw new NoticeTemplateException(key, [new NoticeTemplateProblem(part, (at?.Line ?? 0) + 1, (at?.Column ?? 0) + 1,
                $"took longer than {limits.TimeoutMilliseconds} ms")]);
        }
    }
}
