namespace WorkflowHub.Engine.Parsing;

/// <summary>Checks the <c>${...}</c> placeholders of a text without evaluating them.</summary>
internal static class ExpressionSyntax
{
    /// <summary>
    /// The index of the first <c>${</c> that has no closing <c>}</c>, or -1. Braces nest and
    /// braces inside quoted strings ('...', "...", `...`) do not count, so
    /// <c>${ {a: '}'}.a }</c> is closed.
    /// </summary>
    public static int FindUnclosed(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var start = text.IndexOf("${", i, StringComparison.Ordinal);
            if (start < 0)
            {
                return -1;
            }
            var end = FindClose(text, start + 2);
            if (end < 0)
            {
                return start;
            }
            i = end + 1;
        }
        return -1;
    }

    /// <summary>The index of the '}' that closes a placeholder whose body starts at <paramref name="from"/>; -1 if none.</summary>
    private static int FindClose(string text, int from)
    {
        var depth = 1;
        char quote = '\0';
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }
                continue;
            }
            switch (c)
            {
                case '\'' or '"' or '`':
                    quote = c;
                    break;
                case '{':
                    depth++;
                    break;
                case '}':
                    depth--;
                    if (depth == 0)
                    {
                        return i;
                    }
                    break;
            }
        }
        return -1;
    }
}
