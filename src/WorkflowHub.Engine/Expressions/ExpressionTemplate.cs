namespace WorkflowHub.Engine.Expressions;

/// <summary>
/// Splits a text into literal pieces and <c>${...}</c> code pieces. The closing brace is found by a small
/// JavaScript-aware scanner: braces nest, and braces inside string literals, template literals and comments
/// do not count (a regular-expression literal holding an unbalanced brace is the one thing it misreads).
/// </summary>
internal static class ExpressionTemplate
{
    internal readonly record struct Part(bool IsCode, string Text);

    /// <summary>Splits <paramref name="text"/>; returns an error message instead when a <c>${</c> is not closed.</summary>
    public static List<Part> Split(string text, out string? error)
    {
        error = null;
        var parts = new List<Part>();
        var literalStart = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var end = FindClosingBrace(text, i + 2);
                if (end < 0)
                {
                    error = $"'${{' at position {i} is not closed by a matching '}}'";
                    return parts;
                }

                if (i > literalStart)
                {
                    parts.Add(new Part(false, text[literalStart..i]));
                }

                parts.Add(new Part(true, text[(i + 2)..end]));
                i = end + 1;
                literalStart = i;
            }
            else
            {
                i++;
            }
        }

        if (literalStart < text.Length)
        {
            parts.Add(new Part(false, text[literalStart..]));
        }

        return parts;
    }

    /// <summary>Index of the '}' that closes code starting at <paramref name="start"/>, or -1.</summary>
    internal static int FindClosingBrace(string text, int start)
    {
        var depth = 0;
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            switch (c)
            {
                case '\'':
                case '"':
                    i = SkipString(text, i, c);
                    if (i < 0)
                    {
                        return -1;
                    }

                    break;
                case '`':
                    i = SkipTemplateLiteral(text, i);
                    if (i < 0)
                    {
                        return -1;
                    }

                    break;
                case '/' when i + 1 < text.Length && text[i + 1] == '/':
                    i = text.IndexOf('\n', i);
                    if (i < 0)
                    {
                        return -1;
                    }

                    break;
                case '/' when i + 1 < text.Length && text[i + 1] == '*':
                    i = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    if (i < 0)
                    {
                        return -1;
                    }

                    i++;
                    break;
                case '{':
                    depth++;
                    break;
                case '}':
                    if (depth == 0)
                    {
                        return i;
                    }

                    depth--;
                    break;
            }

            i++;
        }

        return -1;
    }

    /// <summary>Returns the index of the closing quote, or -1.</summary>
    internal static int SkipString(string text, int start, char quote)
    {
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == quote)
            {
                return i;
            }
            else if (text[i] == '\n')
            {
                return -1;
            }
        }

        return -1;
    }

    /// <summary>Returns the index of the closing backtick, or -1.</summary>
    private static int SkipTemplateLiteral(string text, int start)
    {
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '`')
            {
                return i;
            }
            else if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                i = FindClosingBrace(text, i + 2);
                if (i < 0)
                {
                    return -1;
                }
            }
        }

        return -1;
    }
}
