using System.Globalization;
using System.Text.RegularExpressions;
using Jint;
using JintEngine = Jint.Engine;
using Jint.Native;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace WorkflowHub.Engine.Expressions;

/// <summary>
/// The date helpers every expression and script can call (see <see cref="ExpressionEvaluator"/>), written as
/// native JS functions: they take and return JS values only, no CLR object is ever exposed.
/// </summary>
internal static partial class ScriptHelpers
{
    private static readonly string[] BuiltInNames = ["now", "parseDate", "addSeconds", "addMinutes", "addHours", "addDays", "addDuration", "execution"];

    public static void Install(JintEngine engine, TimeProvider time, IReadOnlyList<IExpressionFunction> hostFunctions)
    {
        foreach (var function in hostFunctions)
        {
            Define(engine, function.Name, 0, (_, args) => InvokeHost(engine, function, args, time));
        }

        Define(engine, "now", 0, (_, _) => new JsDate(engine, time.GetUtcNow()));
        Define(engine, "parseDate", 1, (_, args) => new JsDate(engine, ToDate(engine, Arg(args, 0), "parseDate")));
        Define(engine, "addSeconds", 2, (_, args) => AddMilliseconds(engine, args, "addSeconds", 1_000d));
        Define(engine, "addMinutes", 2, (_, args) => AddMilliseconds(engine, args, "addMinutes", 60_000d));
        Define(engine, "addHours", 2, (_, args) => AddMilliseconds(engine, args, "addHours", 3_600_000d));
        Define(engine, "addDays", 2, (_, args) => AddMilliseconds(engine, args, "addDays", 86_400_000d));
        Define(engine, "addDuration", 2, (_, args) =>
        {
            var start = ToDate(engine, Arg(args, 0), "addDuration");
            var text = Arg(args, 1);
            if (!text.IsString() || !TryAddDuration(start, text.ToString(), out var result))
            {
                throw TypeError(engine, $"addDuration: {Quote(text)} is not an ISO-8601 duration such as 'P1DT2H'");
            }

            return new JsDate(engine, result);
        });
    }

    /// <summary>Refuses host functions that would shadow a helper or each other, or are not plain identifiers.</summary>
    public static IReadOnlyList<IExpressionFunction> CheckHostFunctions(IEnumerable<IExpressionFunction>? functions)
    {
        var list = functions?.ToList() ?? [];
        var names = new HashSet<string>(BuiltInNames, StringComparer.Ordinal);
        foreach (var function in list)
        {
            if (!IdentifierRegex().IsMatch(function.Name) || !names.Add(function.Name))
            {
                throw new InvalidOperationException($"The expression function '{function.Name}' is not an identifier or its name is taken.");
            }
        }

        return list;
    }

    private static JsValue InvokeHost(JintEngine engine, IExpressionFunction function, JsValue[] args, TimeProvider time)
    {
        var arguments = new System.Text.Json.Nodes.JsonNode?[args.Length];
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                arguments[i] = JsConversions.ToJson(args[i], 10_000);
            }

            var result = function.Invoke(arguments, time.GetUtcNow());
            return ExpressionFunctionResult.TryGetDate(result, out var date) ? new JsDate(engine, date) : JsConversions.ToJs(engine, result);
        }
        catch (Exception ex) when (ex is ExpressionFunctionException or JsConversionException)
        {
            throw TypeError(engine, $"{function.Name}: {ex.Message}");
        }
    }

    [GeneratedRegex(@"^[A-Za-z_$][A-Za-z0-9_$]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierRegex();

    /// <summary>Parses an ISO-8601 date or date-time; a text without an offset is taken as UTC.</summary>
    public static bool TryParseDate(string text, out DateTimeOffset value)
    {
        if (DateTimeOffset.TryParse(
                text.Trim(),
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces,
                out value))
        {
            value = value.ToUniversalTime();
            return true;
        }

        return false;
    }

    /// <summary>Adds an ISO-8601 duration (<see cref="Model.IsoDuration"/>: years and months move the calendar).</summary>
    public static bool TryAddDuration(DateTimeOffset start, string duration, out DateTimeOffset result)
    {
        result = start;
        return Model.IsoDuration.TryParse(duration, out var parsed) && parsed.TryAddTo(start, out result);
    }

    private static JsValue AddMilliseconds(JintEngine engine, JsValue[] args, string name, double unit)
    {
        var start = ToDate(engine, Arg(args, 0), name);
        var amount = TypeConverter.ToNumber(Arg(args, 1));
        if (!double.IsFinite(amount))
        {
            throw TypeError(engine, $"{name}: the amount must be a finite number");
        }

        try
        {
            return new JsDate(engine, start.AddMilliseconds(amount * unit));
        }
        catch (ArgumentOutOfRangeException)
        {
            throw TypeError(engine, $"{name}: the result is outside the supported date range");
        }
    }

    /// <summary>A JS Date, an ISO-8601 string or a number of ms since the epoch, as a UTC DateTimeOffset.</summary>
    private static DateTimeOffset ToDate(JintEngine engine, JsValue value, string name)
    {
        if (value is JsDate date)
        {
            return JsConversions.ToDateTimeOffset(date.DateValue)
                ?? throw TypeError(engine, $"{name}: invalid Date");
        }

        if (value.IsString())
        {
            return TryParseDate(value.ToString(), out var parsed)
                ? parsed
                : throw TypeError(engine, $"{name}: {Quote(value)} is not an ISO-8601 date");
        }

        if (value.IsNumber())
        {
            return JsConversions.ToDateTimeOffset(value.AsNumber())
                ?? throw TypeError(engine, $"{name}: {value} is not a valid time in milliseconds");
        }

        throw TypeError(engine, $"{name}: expected a Date, an ISO-8601 string or milliseconds since 1970 but got {JsConversions.Describe(value)}");
    }

    private static string Quote(JsValue value) => value.IsString() ? $"'{value}'" : JsConversions.Describe(value);

    private static JsValue Arg(JsValue[] args, int index) => index < args.Length ? args[index] : JsValue.Undefined;

    private static JavaScriptException TypeError(JintEngine engine, string message) => new(engine.Intrinsics.TypeError, message);

    private static void Define(JintEngine engine, string name, int length, Func<JsValue, JsValue[], JsValue> body)
    {
        // Created on first use: most evaluations never touch the helpers, and a fresh engine should stay cheap.
        engine.Global.FastSetProperty(
            name,
            PropertyDescriptor.CreateLazy(
                () => new ClrFunction(engine, name, body, length, PropertyFlag.Configurable),
                PropertyFlag.Writable | PropertyFlag.Configurable));
    }
}
