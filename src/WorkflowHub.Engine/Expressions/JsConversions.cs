using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using JintEngine = Jint.Engine;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;

namespace WorkflowHub.Engine.Expressions;

/// <summary>A value could not be converted between JSON and JavaScript (too large, cyclic, a Proxy...).</summary>
internal sealed class JsConversionException(string message) : Exception(message);

/// <summary>
/// Converts JSON variables into JavaScript values and JavaScript results back into JSON, without CLR interop.
/// </summary>
/// <remarks>
/// JS → JSON reads <em>data</em> properties only and never runs script code, so it is safe after the sandboxed
/// run has ended: own accessor properties and <c>toJSON</c> methods are ignored (a Date is the exception: it
/// becomes an ISO-8601 UTC string in the round-trip "o" format), functions and symbols are dropped from objects
/// and become null in arrays, NaN and ±Infinity become null, a Proxy is refused. Numbers come back as
/// JsonElement-backed values (as if parsed), so callers may read them with any numeric <c>GetValue&lt;T&gt;</c>.
/// </remarks>
internal static class JsConversions
{
    /// <summary>Deepest nesting accepted in either direction (also what stops a cyclic JS value).</summary>
    public const int MaxDepth = 128;

    private static readonly JsString LengthKey = JsString.Create("length");

    // ---------------------------------------------------------------- JSON -> JS

    public static JsValue ToJs(JintEngine engine, JsonNode? node) => ToJs(engine, node, 0);

    private static JsValue ToJs(JintEngine engine, JsonNode? node, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new JsConversionException($"a variable is nested more than {MaxDepth} levels deep");
        }

        switch (node)
        {
            case null:
                return JsValue.Null;
            case JsonObject obj:
            {
                var result = new JsObject(engine);
                foreach (var (key, child) in obj)
                {
                    result.FastSetDataProperty(key, ToJs(engine, child, depth + 1));
                }

                return result;
            }

            case JsonArray array:
            {
                var items = new JsValue[array.Count];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = ToJs(engine, array[i], depth + 1);
                }

                return new JsArray(engine, items);
            }

            case JsonValue value:
                return value.GetValueKind() switch
                {
                    JsonValueKind.String => JsString.Create(ReadString(value)),
                    JsonValueKind.Number => JsNumber.Create(ReadNumber(value)),
                    JsonValueKind.True => JsBoolean.True,
                    JsonValueKind.False => JsBoolean.False,
                    _ => JsValue.Null,
                };
            default:
                return JsValue.Null;
        }
    }

    private static string ReadString(JsonValue value)
    {
        if (value.TryGetValue<string>(out var s))
        {
            return s;
        }

        if (value.TryGetValue<JsonElement>(out var element))
        {
            return element.GetString() ?? string.Empty;
        }

        // A JsonValue over a CLR value that serialises as a string (DateTime, Guid, char...).
        using var document = JsonDocument.Parse(value.ToJsonString());
        return document.RootElement.GetString() ?? string.Empty;
    }

    private static double ReadNumber(JsonValue value)
    {
        if (value.TryGetValue<double>(out var d))
        {
            return d;
        }

        // A JsonValue over int, long, decimal...: its JSON text is the number.
        return double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    // ---------------------------------------------------------------- JS -> JSON

    /// <summary>
    /// Converts a JS value to JSON: undefined → null; at most <paramref name="maxNodes"/> values in all.
    /// </summary>
    public static JsonNode? ToJson(JsValue value, int maxNodes)
    {
        switch (value.Type)
        {
            case Types.Undefined:
            case Types.Null:
            case Types.Empty:
            case Types.Symbol:
                return null;
            case Types.Boolean:
                return JsonValue.Create(value.AsBoolean());
            case Types.String:
                return JsonValue.Create(value.ToString());
        }

        if (value.IsCallable())
        {
            return null;
        }

        if (value is JsDate date)
        {
            return FormatDate(date.DateValue) is { } text ? JsonValue.Create(text) : null;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            var budget = maxNodes;
            Write(writer, value, 0, ref budget);
        }

        return JsonNode.Parse(buffer.WrittenSpan);
    }

    /// <summary>A JS time value (ms since the epoch) as "o"-format UTC text, or null for an invalid date.</summary>
    public static string? FormatDate(double timeValue)
    {
        if (double.IsNaN(timeValue))
        {
            return null;
        }

        var dateTime = ToDateTimeOffset(timeValue)
            ?? throw new JsConversionException("the date is outside the range of years 1 to 9999");
        return dateTime.UtcDateTime.ToString("o", CultureInfo.InvariantCulture);
    }

    /// <summary>A JS time value as a UTC DateTimeOffset, or null when invalid or out of range.</summary>
    public static DateTimeOffset? ToDateTimeOffset(double timeValue)
    {
        const double min = -62_135_596_800_000d; // 0001-01-01
        const double max = 253_402_300_799_999d; // 9999-12-31T23:59:59.999
        if (double.IsNaN(timeValue) || timeValue < min || timeValue > max)
        {
            return null;
        }

        return DateTimeOffset.FromUnixTimeMilliseconds((long)timeValue);
    }

    /// <summary>True for a JS Proxy, whose traps would run script code if inspected.</summary>
    public static bool IsProxy(JsValue value) => value is ObjectInstance obj && obj.GetType().Name == "JsProxy";

    /// <summary>A short description of a JS value's type for error messages ("number 5", "object").</summary>
    public static string Describe(JsValue value)
    {
        switch (value.Type)
        {
            case Types.Undefined:
                return "undefined";
            case Types.Null:
                return "null";
            case Types.Boolean:
                return value.AsBoolean() ? "boolean true" : "boolean false";
            case Types.Number:
                return "number " + TypeConverter.ToString(value);
            case Types.BigInt:
                return "bigint " + value;
            case Types.String:
            {
                var s = value.ToString();
                return s.Length <= 60 ? $"string '{s}'" : $"string '{s[..60]}...'";
            }

            case Types.Symbol:
                return "symbol";
        }

        if (value.IsCallable())
        {
            return "function";
        }

        if (value is JsDate)
        {
            return "Date";
        }

        if (IsProxy(value))
        {
            return "Proxy";
        }

        return value.IsArray() ? "array" : "object";
    }

    private static void Write(Utf8JsonWriter writer, JsValue value, int depth, ref int budget)
    {
        if (--budget < 0)
        {
            throw new JsConversionException("the value is too large to convert to JSON");
        }

        switch (value.Type)
        {
            case Types.Undefined:
            case Types.Null:
            case Types.Empty:
            case Types.Symbol:
                writer.WriteNullValue();
                return;
            case Types.Boolean:
                writer.WriteBooleanValue(value.AsBoolean());
                return;
            case Types.String:
                writer.WriteStringValue(value.ToString());
                return;
            case Types.Number:
                WriteNumber(writer, value.AsNumber());
                return;
            case Types.BigInt:
                writer.WriteRawValue(value.ToString(), skipInputValidation: true);
                return;
        }

        if (value.IsCallable())
        {
            writer.WriteNullValue();
            return;
        }

        if (value is JsDate date)
        {
            if (FormatDate(date.DateValue) is { } text)
            {
                writer.WriteStringValue(text);
            }
            else
            {
                writer.WriteNullValue();
            }

            return;
        }

        if (IsProxy(value))
        {
            throw new JsConversionException("a Proxy cannot be converted to JSON");
        }

        if (depth >= MaxDepth)
        {
            throw new JsConversionException($"the value is nested more than {MaxDepth} levels deep (or is cyclic)");
        }

        var obj = value.AsObject();
        if (value.IsArray())
        {
            var lengthDescriptor = obj.GetOwnProperty(LengthKey);
            var length = lengthDescriptor.IsDataDescriptor() ? TypeConverter.ToNumber(lengthDescriptor.Value) : 0;
            if (length > budget)
            {
                throw new JsConversionException("the value is too large to convert to JSON");
            }

            writer.WriteStartArray();
            for (uint i = 0; i < (uint)length; i++)
            {
                var element = obj.GetOwnProperty(JsNumber.Create((long)i));
                if (element.IsDataDescriptor() && !element.Value.IsCallable())
                {
                    Write(writer, element.Value, depth + 1, ref budget);
                }
                else
                {
                    budget--;
                    writer.WriteNullValue();
                }
            }

            writer.WriteEndArray();
            return;
        }

        writer.WriteStartObject();
        foreach (var key in obj.GetOwnPropertyKeys(Types.String))
        {
            var descriptor = obj.GetOwnProperty(key);
            if (!descriptor.Enumerable || !descriptor.IsDataDescriptor())
            {
                continue;
            }

            var child = descriptor.Value;
            if (child.IsUndefined() || child.IsSymbol() || child.IsCallable())
            {
                continue;
            }

            writer.WritePropertyName(key.ToString());
            Write(writer, child, depth + 1, ref budget);
        }

        writer.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter writer, double d)
    {
        if (!double.IsFinite(d))
        {
            writer.WriteNullValue();
        }
        else if (d == Math.Floor(d) && Math.Abs(d) <= 9_007_199_254_740_992d)
        {
            writer.WriteNumberValue((long)d);
        }
        else
        {
            writer.WriteNumberValue(d);
        }
    }
}
