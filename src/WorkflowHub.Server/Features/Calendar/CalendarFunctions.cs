using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowHub.Engine.Expressions;

namespace WorkflowHub.Server.Features.Calendar;

/// <summary>Reading the arguments of the server's expression functions; every bad one is an <see cref="ExpressionFunctionException"/>.</summary>
public static class FunctionArguments
{
    public static double Number(IReadOnlyList<JsonNode?> args, int index, string what) =>
        index < args.Count && args[index] is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? v.GetValue<double>()
            : throw new ExpressionFunctionException($"Argument {index + 1} ({what}) must be a number.");

    public static string Text(IReadOnlyList<JsonNode?> args, int index, string what) =>
        index < args.Count && args[index] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Trim() is { Length: > 0 } text
            ? text
            : throw new ExpressionFunctionException($"Argument {index + 1} ({what}) must be a text.");

    /// <summary>The optional start argument (a Date or an ISO-8601 text); now when absent or null.</summary>
    public static DateTimeOffset Start(IReadOnlyList<JsonNode?> args, int index, DateTimeOffset now)
    {
        if (index >= args.Count || args[index] is null)
        {
            return now;
        }
        return args[index] is JsonValue v && v.GetValueKind() == JsonValueKind.String
            && DateTimeOffset.TryParse(v.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var start)
            ? start
            : throw new ExpressionFunctionException($"Argument {index + 1} (the start) must be a date.");
    }

    /// <summary>Runs a calendar computation, turning its refusal into the expression's error.</summary>
    public static JsonNode Compute(Func<DateTimeOffset> compute)
    {
        try
        {
            return ExpressionFunctionResult.Date(compute());
        }
        catch (CalendarException ex)
        {
            throw new ExpressionFunctionException(ex.Message);
        }
    }
}

/// <summary><c>workhours(n[, from])</c>: n working hours after from (default now).</summary>
public sealed class WorkHoursFunction(CalendarStore calendar) : IExpressionFunction
{
    public string Name => "workhours";

    public JsonNode? Invoke(IReadOnlyList<JsonNode?> arguments, DateTimeOffset now)
    {
        var hours = FunctionArguments.Number(arguments, 0, "working hours");
        var start = FunctionArguments.Start(arguments, 1, now);
        return FunctionArguments.Compute(() => calendar.Current.AddWorkingHours(start, hours));
    }
}

/// <summary><c>workdays(n[, from])</c>: close of business of the n-th working day after from's day (default today).</summary>
public sealed class WorkDaysFunction(CalendarStore calendar) : IExpressionFunction
{
    public string Name => "workdays";

    public JsonNode? Invoke(IReadOnlyList<JsonNode?> arguments, DateTimeOffset now)
    {
        var days = FunctionArguments.Number(arguments, 0, "working days");
        var start = FunctionArguments.Start(arguments, 1, now);
        return FunctionArguments.Compute(() => new Deadline(days, DeadlineClock.WorkingDays).From(calendar.Current, start));
    }
}

/// <summary><c>calendarHours(n[, from])</c>: n elapsed hours after from (default now).</summary>
public sealed class CalendarHoursFunction : IExpressionFunction
{
    public string Name => "calendarHours";

    public JsonNode? Invoke(IReadOnlyList<JsonNode?> arguments, DateTimeOffset now)
    {
        var hours = FunctionArguments.Number(arguments, 0, "calendar hours");
        var start = FunctionArguments.Start(arguments, 1, now);
        return FunctionArguments.Compute(() => WorkingCalendar.AddCalendarHours(start, hours));
    }
}
