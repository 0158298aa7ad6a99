using System.Text.Json.Nodes;

namespace WorkflowHub.Engine.Expressions;

/// <summary>
/// A function the host adds to every expression and script beside the built-in helpers (the server's
/// working-day calendar, for instance), so the engine stays free of any domain. Registered in DI; the engine
/// refuses two functions of one name or a name of a built-in helper.
/// </summary>
public interface IExpressionFunction
{
    /// <summary>The global name scripts call it by; a JavaScript identifier.</summary>
    string Name { get; }

    /// <summary>
    /// Runs the function. Arguments arrive as JSON (a JS <c>Date</c> as an ISO-8601 UTC string, undefined as null);
    /// <paramref name="now"/> is the engine's clock. Return <see cref="ExpressionFunctionResult.Date"/> for a date so
    /// scripts get a JS <c>Date</c>. Throw <see cref="ExpressionFunctionException"/> for a bad argument: the
    /// expression fails with its message (an incident where a flow evaluates it).
    /// </summary>
    JsonNode? Invoke(IReadOnlyList<JsonNode?> arguments, DateTimeOffset now);
}

/// <summary>What a host function's bad input or missing data is reported with.</summary>
public sealed class ExpressionFunctionException(string message) : Exception(message);

/// <summary>Values a host function returns that JSON cannot say by itself.</summary>
public static class ExpressionFunctionResult
{
    /// <summary>A date: becomes a JS <c>Date</c> in the script (and an ISO-8601 string when stored as a variable).</summary>
    public static JsonNode Date(DateTimeOffset value) => JsonValue.Create(value.ToUniversalTime());

    internal static bool TryGetDate(JsonNode? node, out DateTimeOffset value)
    {
        // Only a value created from a DateTimeOffset, never a string that happens to look like a date.
        if (node is JsonValue json && json.TryGetValue<object>(out var raw) && raw is DateTimeOffset date)
        {
            value = date;
            return true;
        }

        value = default;
        return false;
    }
}
