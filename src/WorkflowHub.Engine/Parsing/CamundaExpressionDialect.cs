using System.Text;
using WorkflowHub.Engine.Expressions;

namespace WorkflowHub.Engine.Parsing;

/// <summary>
/// Reads expressions as Camunda and Flowable files write them and hands JavaScript on: <c>#{...}</c> is taken as
/// <c>${...}</c>, and JUEL's word operators inside a placeholder become their JavaScript spelling
/// (<c>eq ne lt gt le ge and or not div mod</c>; <c>empty x</c> becomes a test for null, "", [] and {}).
/// It translates, it does not evaluate: JavaScript stays the one expression language underneath.
/// </summary>
internal static class CamundaExpressionDialect
{
    private static readonly Dictionary<string, string> Operators = new(StringComparer.Ordinal)
    {
        ["eq"] = "==", ["ne"] = "!=", ["lt"] = "<", ["gt"] = ">", ["le"] = "<=", ["ge"] = ">=",
        ["and"] = "&&", ["or"] = "||", ["not"] = "!", ["div"] = "/", ["mod"] = "%",
    };

    // Written inline, as the template conversion is, so that it depends on no helper a host may or may not install.
    private const string EmptyTest =
        "((v) => v == null || v === '' || (Array.isArray(v) ? v.length === 0 : typeof v === 'object' && !(v instanceof Date) && Object.keys(v).length === 0))";

    public static string ToJavaScript(string text)
    {
        if (!text.Contains('{', StringComparison.Ordinal))
        {
            return text;
        }
        var result = new StringBuilder(text.Length + 16);
        var copied = 0;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (text[i] is not ('$' or '#') || text[i + 1] != '{')
            {
                continue;
            }
            var end = ExpressionTemplate.FindClosingBrace(text, i + 2);
            if (end < 0)
            {
                break; // reported as unclosed by the caller
            }
            result.Append(text, copied, i - copied).Append("${").Append(Translate(text[(i + 2)..end])).Append('}');
            copied = end + 1;
            i = end;
        }
        return result.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>Replaces JUEL word operators in JavaScript code, leaving strings, template literals and member names alone.</summary>
    private static string Translate(string code)
    {
        var result = new StringBuilder(code.Length + 8);
        var i = 0;
        while (i < code.Length)
        {
            var c = code[i];
            if (c is '\'' or '"' or '`')
            {
                var close = c == '`' ? code.IndexOf('`', i + 1) : ExpressionTemplate.SkipString(code, i, c);
                var stop = close < 0 ? code.Length : close + 1;
                result.Append(code, i, stop - i);
                i = stop;
                continue;
            }
            if (!IsIdentifierStart(c))
            {
                result.Append(c);
                i++;
                continue;
            }
            var start = i;
            while (i < code.Length && IsIdentifierPart(code[i]))
            {
                i++;
            }
            var word = code[start..i];
            var member = PreviousSignificant(code, start) == '.';
            if (!member && word == "empty" && TryOperand(code, i, out var operandEnd))
            {
                result.Append(EmptyTest).Append('(').Append(Translate(code[i..operandEnd].Trim())).Append(')');
                i = operandEnd;
            }
            else if (!member && Operators.TryGetValue(word, out var op))
            {
                result.Append(' ').Append(op).Append(' ');
            }
            else
            {
                result.Append(word);
            }
        }
        return result.ToString();
    }

    /// <summary>The end of <c>empty</c>'s operand: a parenthesized expression, or a name with its members, indexes and calls.</summary>
    private static bool TryOperand(string code, int from, out int end)
    {
        end = from;
        while (end < code.Length && char.IsWhiteSpace(code[end]))
        {
            end++;
        }
        if (end < code.Length && code[end] == '(')
        {
            end = Matching(code, end);
            return end > 0;
        }
        if (end >= code.Length || !IsIdentifierStart(code[end]))
        {
            return false;
        }
        while (end < code.Length && IsIdentifierPart(code[end]))
        {
            end++;
        }
        while (end < code.Length)
        {
            if (code[end] == '.' && end + 1 < code.Length && IsIdentifierStart(code[end + 1]))
            {
                end++;
                while (end < code.Length && IsIdentifierPart(code[end]))
                {
                    end++;
                }
            }
            else if (code[end] is '[' or '(')
            {
                var close = Matching(code, end);
                if (close < 0)
                {
                    return false;
                }
                end = close;
            }
            else
            {
                break;
            }
        }
        return true;
    }

    /// <summary>The index after the bracket that closes the one at <paramref name="open"/>, or -1.</summary>
    private static int Matching(string code, int open)
    {
        var depth = 0;
        for (var i = open; i < code.Length; i++)
        {
            switch (code[i])
            {
                case '\'' or '"':
                    i = ExpressionTemplate.SkipString(code, i, code[i]);
                    if (i < 0)
                    {
                        return -1;
                    }
                    break;
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}':
                    if (--depth == 0)
                    {
                        return i + 1;
                    }
                    break;
            }
        }
        return -1;
    }

    private static char PreviousSignificant(string code, int before)
    {
        for (var i = before - 1; i >= 0; i--)
        {
            if (!char.IsWhiteSpace(code[i]))
            {
                return code[i];
            }
        }
        return '\0';
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c is '_' or '$';

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';
}
