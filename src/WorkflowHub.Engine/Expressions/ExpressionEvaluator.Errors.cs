using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;

namespace WorkflowHub.Engine.Expressions;

/// <summary>Error messages and the small infrastructure (bounded cache, clock) the evaluator needs.</summary>
internal sealed partial class ExpressionEvaluator
{
    /// <summary>A result of the wrong kind for the caller (a number where a boolean is needed...).</summary>
    private sealed class ValueException(string message) : Exception(message);

    /// <summary>A sandbox limit detected by the evaluator itself.</summary>
    private sealed class LimitException(string message) : Exception(message);

    [GeneratedRegex(@"^(?<name>[\p{L}\p{Nl}$_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$\u200C\u200D]*) is not defined$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex NotDefinedRegex();

    private string MemoryLimitMessage() => $"memory limit of {_options.MemoryLimitBytes} bytes exceeded";

    private ExpressionException Translate(string text, Exception ex)
    {
        var reason = ex switch
        {
            JavaScriptException js => DescribeJavaScriptError(js),
            StatementsCountOverflowException => $"statement limit of {_options.MaxStatements} statements exceeded",
            RegexMatchTimeoutException => $"a regular expression timed out after {_options.TimeoutMilliseconds} ms",
            TimeoutException => $"timed out after {_options.TimeoutMilliseconds} ms",
            RecursionDepthOverflowException => $"recursion limit of {_options.RecursionLimit} exceeded",
            MemoryLimitExceededException or OutOfMemoryException => MemoryLimitMessage(),
            InsufficientExecutionStackException => "recursion limit exceeded: the call stack is nearly exhausted",
            ExecutionCanceledException => "the evaluation was cancelled",
            ValueException or LimitException => ex.Message,
            JsConversionException => "cannot convert the result to JSON: " + ex.Message,
            _ => ex.Message,
        };
        return new ExpressionException(text, reason, ex);
    }

    private static string DescribeJavaScriptError(JavaScriptException ex)
    {
        var message = ex.Message;
        if (ex.Error is not ObjectInstance error)
        {
            return "uncaught exception: " + message;
        }

        var name = ReadDataString(error, "name");
        if (name == "ReferenceError" && NotDefinedRegex().Match(message) is { Success: true } match)
        {
            return $"unknown variable '{match.Groups["name"].Value}'";
        }

        return name is null || message.StartsWith(name, StringComparison.Ordinal) ? message : $"{name}: {message}";
    }

    /// <summary>Reads a string data property along the prototype chain without running any script code.</summary>
    private static string? ReadDataString(ObjectInstance obj, string key)
    {
        var current = obj;
        for (var hops = 0; current is not null && hops < 16 && !JsConversions.IsProxy(current); hops++)
        {
            var descriptor = current.GetOwnProperty(key);
            if (descriptor != Jint.Runtime.Descriptors.PropertyDescriptor.Undefined)
            {
                return descriptor.IsDataDescriptor() && descriptor.Value.IsString() ? descriptor.Value.ToString() : null;
            }

            current = current.Prototype;
        }

        return null;
    }

    private static string StripPrefix(string message, string prefix) =>
        message.StartsWith(prefix, StringComparison.Ordinal) ? message[prefix.Length..] : message;


    /// <summary>A string-keyed cache that empties itself when full (texts come from deployed definitions).</summary>
    private sealed class BoundedCache<TValue>(int capacity)
    {
        private readonly ConcurrentDictionary<string, TValue> _items = new(StringComparer.Ordinal);

        public TValue GetOrAdd(string key, Func<string, TValue> factory)
        {
            if (_items.TryGetValue(key, out var value))
            {
                return value;
            }

            value = factory(key);
            if (_items.Count >= capacity)
            {
                _items.Clear();
            }

            return _items.GetOrAdd(key, value);
        }
    }

    /// <summary>Jint's clock and calendar: the injected <see cref="TimeProvider"/>, in UTC.</summary>
    private sealed class UtcTimeSystem(TimeProvider time) : ITimeSystem
    {
        private readonly DefaultTimeSystem _inner = new(TimeZoneInfo.Utc, CultureInfo.InvariantCulture);

        public DateTimeOffset GetUtcNow() => time.GetUtcNow();

        public bool TryParse(string date, out long epochMilliseconds) => _inner.TryParse(date, out epochMilliseconds);

        public TimeSpan GetUtcOffset(long epochMilliseconds) => _inner.GetUtcOffset(epochMilliseconds);

        public TimeZoneInfo DefaultTimeZone => TimeZoneInfo.Utc;
    }
}
