using System.Globalization;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Runtime;

namespace WorkflowHub.Engine.Expressions;

/// <summary>Turning JavaScript values into the shapes the engine asks for.</summary>
internal sealed partial class ExpressionEvaluator
{
    private static string? ToText(SandboxEngine sandbox, JsValue value)
    {
        switch (value.Type)
        {
            case Types.Undefined:
            case Types.Null:
                return null;
            case Types.String:
                return value.ToString();
            case Types.Boolean:
            case Types.Number:
            case Types.BigInt:
                return TypeConverter.ToString(value);
            case Types.Symbol:
                throw new ValueException("expected a text but got a symbol");
        }

        if (value is JsDate date)
        {
            return JsConversions.FormatDate(date.DateValue);
        }

        return JsConversions.ToJson(value, sandbox.MaxJsonNodes)?.ToJsonString();
    }

    private static DateTimeOffset? ToDate(JsValue value)
    {
        if (value.IsNull() || value.IsUndefined())
        {
            return null;
        }

        if (value is JsDate date)
        {
            return JsConversions.ToDateTimeOffset(date.DateValue)
                ?? throw new ValueException("expected a date but got an invalid Date");
        }

        if (value.IsString())
        {
            return ParseDateText(value.ToString());
        }

        if (value.IsNumber())
        {
            return JsConversions.ToDateTimeOffset(value.AsNumber())
                ?? throw new ValueException($"expected a date but got {JsConversions.Describe(value)}");
        }

        throw new ValueException($"expected a date but got {JsConversions.Describe(value)}");
    }

    private static DateTimeOffset? ParseDateText(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return ScriptHelpers.TryParseDate(text, out var date)
            ? date
            : throw new ValueException($"expected a date but got the text '{text}' (use ISO-8601, e.g. 2024-05-01T12:00:00Z)");
    }

    private static IReadOnlyList<string> ToList(JsValue value)
    {
        if (value.IsNull() || value.IsUndefined())
        {
            return [];
        }

        if (value.IsString())
        {
            return SplitList(value.ToString());
        }

        if (!value.IsArray() || JsConversions.IsProxy(value))
        {
            throw new ValueException($"expected an array of strings or a comma-separated text but got {JsConversions.Describe(value)}");
        }

        var items = new List<string>();
        var array = value.AsObject();
        var length = TypeConverter.ToNumber(array.GetOwnProperty(JsString.Create("length")).Value);
        for (long i = 0; i < length; i++)
        {
            var descriptor = array.GetOwnProperty(JsNumber.Create(i));
            var item = descriptor.IsDataDescriptor() ? descriptor.Value : JsValue.Undefined;
            if (item.IsNull() || item.IsUndefined())
            {
                continue;
            }

            if (!item.IsString() && !item.IsNumber())
            {
                throw new ValueException($"expected an array of strings but item {i} is {JsConversions.Describe(item)}");
            }

            var text = TypeConverter.ToString(item).Trim();
            if (text.Length > 0)
            {
                items.Add(text);
            }
        }

        return items;
    }

    private static IReadOnlyList<string> SplitList(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static int? ToInt(JsValue value)
    {
        if (value.IsNull() || value.IsUndefined())
        {
            return null;
        }

        if (value.IsString())
        {
            return ParseIntText(value.ToString());
        }

        if (value.IsNumber())
        {
            var d = value.AsNumber();
            if (d == Math.Floor(d) && d >= int.MinValue && d <= int.MaxValue)
            {
                return (int)d;
            }
        }

        throw new ValueException($"expected an integer but got {JsConversions.Describe(value)}");
    }

    private static int? ParseIntText(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw new ValueException($"expected an integer but got the text '{text}'");
    }
}
