using System.Text;
using System.Text.RegularExpressions;

namespace WorkflowHub.Server.Features.Notices;

/// <summary>The editable parts of a template, as a file holds them or the editor sends them.</summary>
public sealed record NoticeTemplateDraft(string Name, string? Description, string Subject, string Html, string Text);

/// <summary>
/// A template file of <c>workflows/templates</c>: <c>KEY.notice</c>, a front matter of <c>name:</c> and
/// <c>description:</c> between <c>---</c> lines, then the parts after <c>=== subject ===</c>, <c>=== html ===</c> and
/// <c>=== text ===</c> lines; its sample data is <c>KEY.sample.json</c> beside it.
/// </summary>
public static partial class NoticeTemplateFile
{
    public const string Extension = ".notice";
    public const string SampleSuffix = ".sample.json";

    public static bool IsValidKey(string key) => KeyPattern().IsMatch(key);

    /// <summary>Reads a file's text; a <see cref="FormatException"/> names the line that is wrong.</summary>
    public static NoticeTemplateDraft Parse(string content)
    {
        var lines = content.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var meta = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        if (lines.Length > 0 && lines[0].Trim() == "---")
        {
            for (i = 1; i < lines.Length && lines[i].Trim() != "---"; i++)
            {
                var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
                if (lines[i].Trim().Length == 0)
                {
                    continue;
                }
                if (colon <= 0)
                {
                    throw new FormatException($"line {i + 1}: expected 'name: value' in the front matter");
                }
                meta[lines[i][..colon].Trim()] = lines[i][(colon + 1)..].Trim();
            }
            if (i == lines.Length)
            {
                throw new FormatException("line 1: the front matter is not closed by a '---' line");
            }
            i++;
        }
        var parts = new Dictionary<string, StringBuilder>(StringComparer.OrdinalIgnoreCase);
        StringBuilder? current = null;
        for (; i < lines.Length; i++)
        {
            var match = SectionPattern().Match(lines[i]);
            if (match.Success)
            {
                var name = match.Groups[1].Value.ToLowerInvariant();
                if (name is not ("subject" or "html" or "text") || parts.ContainsKey(name))
                {
                    throw new FormatException($"line {i + 1}: unknown or repeated part '{name}' (subject, html, text)");
                }
                parts[name] = current = new StringBuilder();
                continue;
            }
            if (current is null)
            {
                if (lines[i].Trim().Length > 0)
                {
                    throw new FormatException($"line {i + 1}: text before the first '=== subject ===' line");
                }
                continue;
            }
            current.Append(lines[i]).Append('\n');
        }
        foreach (var required in new[] { "subject", "text" })
        {
            if (!parts.ContainsKey(required))
            {
                throw new FormatException($"line {lines.Length}: the part '=== {required} ===' is missing");
            }
        }
        if (!meta.TryGetValue("name", out var title) || title.Length == 0)
        {
            throw new FormatException("line 1: the front matter needs 'name:'");
        }
        return new NoticeTemplateDraft(title, meta.GetValueOrDefault("description"),
            parts["subject"].ToString().Trim(), parts.TryGetValue("html", out var html) && html.ToString().Trim().Length > 0 ? html.ToString().TrimEnd() + "\n" : "",
            parts["text"].ToString().TrimEnd() + "\n");
    }

    /// <summary>The file form of a draft (what <see cref="Parse"/> reads back).</summary>
    public static string Format(NoticeTemplateDraft draft) =>
        $"---\nname: {draft.Name}\n" + (draft.Description is { Length: > 0 } d ? $"description: {d}\n" : "") +
        $"---\n=== subject ===\n{draft.Subject}\n=== html ===\n{draft.Html}=== text ===\n{draft.Text}";

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"^===\s*([A-Za-z]+)\s*===\s*$")]
    private static partial Regex SectionPattern();
}
