using System.Text;
using System.Text.RegularExpressions;

namespace WorkflowHub.Server.Tests.Localization;

/// <summary>
/// Finds the message templates the engine writes, by reading its source: every string (or <c>+</c> chain of strings)
/// passed to a BPMN problem (<c>Error</c>, <c>Warning</c>, <c>CannotExecute</c>, <c>Ignore</c>, <c>new BpmnProblem</c>),
/// to an exception's constructor (<c>new …Exception(</c>, a script's <c>TypeError</c>), or held by a
/// <c>const string …Message</c> / <c>…Message() =&gt;</c>. Interpolation holes become <c>{0}</c>, <c>{1}</c>… in order,
/// which is how the translator's resource keys are written. A text counts as a message when it has a letter and a space.
/// </summary>
public static partial class EngineMessageScanner
{
    public sealed record Found(string Template, string File, int Line);

    public static IReadOnlyList<Found> Scan(string engineSourceRoot) => Scan(engineSourceRoot, Call());

    /// <summary>
    /// The same over another source tree with its own calls (<paramref name="calls"/>; a group named <c>const</c> takes
    /// the text up to the statement's end). Migrations are generated code and not read.
    /// </summary>
    public static IReadOnlyList<Found> Scan(string engineSourceRoot, Regex calls)
    {
        var found = new Dictionary<string, Found>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(engineSourceRoot, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(engineSourceRoot, file);
            if (Skipped(relative))
            {
                continue;
            }
            var text = DocComment().Replace(File.ReadAllText(file), "");
            foreach (Match call in calls.Matches(text))
            {
                var arguments = call.Groups["const"].Success ? [text[call.Index..StatementEnd(text, call.Index + call.Length)]] : Arguments(text, call.Index + call.Length);
                foreach (var template in arguments.SelectMany(Messages).Where(t => t.Contains(' ', StringComparison.Ordinal) && t.Any(char.IsAsciiLetter)))
                {
                    found.TryAdd(template, new Found(template, relative, text[..call.Index].Count(c => c == '\n') + 1));
                }
            }
        }
        return [.. found.Values];
    }

    /// <summary>
    /// Every string literal of the C# files under <paramref name="root"/> outside comments, holes as {0}, {1}…,
    /// with the line it starts on and that line's text (raw string literals are skipped: they hold data, not texts).
    /// </summary>
    public static IEnumerable<(string Text, string File, int Line, string LineText)> Literals(string root)
    {
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, file);
            if (Skipped(relative))
            {
                continue;
            }
            var text = File.ReadAllText(file);
            for (var i = 0; i < text.Length;)
            {
                if (text[i] == '/' && i + 1 < text.Length && text[i + 1] is '/' or '*')
                {
                    var end = text[i + 1] == '/' ? text.IndexOf('\n', i) : text.IndexOf("*/", i, StringComparison.Ordinal);
                    i = end < 0 ? text.Length : end + 1;
                    continue;
                }
                if (text[i] == '\'')
                {
                    var close = text.IndexOf('\'', text[i + 1] == '\\' ? i + 3 : i + 2);
                    i = close < 0 ? text.Length : close + 1;
                    continue;
                }
                if (!StartsString(text, i))
                {
                    i++;
                    continue;
                }
                var quote = text.IndexOf('"', i);
                if (string.CompareOrdinal(text, quote, "\"\"\"", 0, 3) == 0)
                {
                    var close = text.IndexOf("\"\"\"", quote + 3, StringComparison.Ordinal);
                    i = close < 0 ? text.Length : close + 3;
                    continue;
                }
                var start = i;
                i = ReadString(text, i, out var value, out _);
                var lineStart = text.LastIndexOf('\n', start) + 1;
                var lineEnd = text.IndexOf('\n', start);
                yield return (value, relative, text[..start].Count(c => c == '\n') + 1, text[lineStart..(lineEnd < 0 ? text.Length : lineEnd)]);
            }
        }
    }

    /// <summary>Where the statement that <paramref name="start"/> is in ends: its ';', skipping strings (which may hold one).</summary>
    private static int StatementEnd(string text, int start)
    {
        for (var i = start; i < text.Length;)
        {
            if (StartsString(text, i))
            {
                i = ReadString(text, i, out _, out _);
                continue;
            }
            if (text[i] == ';')
            {
                return i;
            }
            i++;
        }
        return text.Length;
    }

    private static bool Skipped(string relative) =>
        relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal)
        || relative.Contains("Migrations", StringComparison.Ordinal);

    /// <summary>The top-level arguments of the call whose '(' ends just before <paramref name="start"/>.</summary>
    private static List<string> Arguments(string text, int start)
    {
        var arguments = new List<string>();
        var depth = 1;
        var from = start;
        for (var i = start; i < text.Length;)
        {
            var c = text[i];
            if (StartsString(text, i))
            {
                i = ReadString(text, i, out _, out _);
                continue;
            }
            if (c == '\'')
            {
                var close = text.IndexOf('\'', text[i + 1] == '\\' ? i + 3 : i + 2);
                if (close < 0)
                {
                    break; // an apostrophe in a comment: nothing more to read here
                }
                i = close + 1;
                continue;
            }
            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}' && --depth == 0)
            {
                arguments.Add(text[from..i]);
                return arguments;
            }
            else if (c == ',' && depth == 1)
            {
                arguments.Add(text[from..i]);
                from = i + 1;
            }
            i++;
        }
        return arguments;
    }

    /// <summary>Every string chain in an argument (both branches of a conditional, a chain joined by '+').</summary>
    private static IEnumerable<string> Messages(string argument)
    {
        for (var i = 0; i < argument.Length;)
        {
            if (argument[i] == '\'' && i + 2 < argument.Length)
            {
                var close = argument.IndexOf('\'', argument[i + 1] == '\\' ? i + 3 : i + 2);
                i = close < 0 ? argument.Length : close + 1;
                continue;
            }
            if (!StartsString(argument, i))
            {
                i++;
                continue;
            }
            var template = new StringBuilder();
            var holes = 0;
            while (true)
            {
                i = ReadString(argument, i, out var piece, out var pieceHoles);
                template.Append(Placeholder().Replace(piece, m => $"{{{int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + holes}}}"));
                holes += pieceHoles;
                var rest = argument[i..].TrimStart();
                if (!rest.StartsWith('+'))
                {
                    break;
                }
                var next = rest[1..].TrimStart();
                i = argument.Length - next.Length;
                if (!StartsString(argument, i))
                {
                    template.Append($"{{{holes}}}"); // "text: " + ex.Message
                    break;
                }
            }
            yield return template.ToString();
        }
    }

    private static bool StartsString(string text, int i) =>
        text[i] == '"' || (text[i] is '$' or '@' && i + 1 < text.Length && text[i + 1] is '"' or '$' or '@');

    /// <summary>Reads a (possibly interpolated or verbatim) string literal; holes become {0}, {1}… and escapes their characters.</summary>
    private static int ReadString(string text, int i, out string value, out int holes)
    {
        bool interpolated = false, verbatim = false;
        for (; text[i] != '"'; i++)
        {
            interpolated |= text[i] == '$';
            verbatim |= text[i] == '@';
        }
        i++;
        var builder = new StringBuilder();
        holes = 0;
        while (true)
        {
            var c = text[i];
            if (c == '\\' && !verbatim)
            {
                builder.Append(text[i + 1] switch { 'n' => '\n', 't' => '\t', var other => other });
                i += 2;
            }
            else if (c == '"' && verbatim && text[i + 1] == '"')
            {
                builder.Append('"');
                i += 2;
            }
            else if (c == '"')
            {
                value = builder.ToString();
                return i + 1;
            }
            else if (interpolated && c == '{' && text[i + 1] == '{')
            {
                builder.Append('{');
                i += 2;
            }
            else if (interpolated && c == '}' && text[i + 1] == '}')
            {
                builder.Append('}');
                i += 2;
            }
            else if (interpolated && c == '{')
            {
                i++;
                for (var depth = 1; depth > 0;)
                {
                    if (StartsString(text, i))
                    {
                        i = ReadString(text, i, out _, out _);
                        continue;
                    }
                    depth += text[i] switch { '{' => 1, '}' => -1, _ => 0 };
                    i++;
                }
                builder.Append('{').Append(holes++).Append('}');
            }
            else
            {
                builder.Append(c);
                i++;
            }
        }
    }

    [GeneratedRegex(@"\b(?:new\s+)?(?:\w*Exception|Error|Warning|CannotExecute|Ignore|BpmnProblem|TypeError)\s*\(|(?<const>\bconst\s+string\s+\w*Message\s*=|\b\w*Message\(\)\s*=>)")]
    private static partial Regex Call();

    [GeneratedRegex(@"(?m)^\s*///.*$")]
    private static partial Regex DocComment();

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();
}
