using System.Text.Json.Nodes;
using WorkflowHub.Engine.Expressions;
using WorkflowHub.Server.Features.Calendar;

namespace WorkflowHub.Server.Features.Flows;

/// <summary><c>isWorkday([date])</c>: whether the date (default now) is a working day in the calendar's zone (holidays and 调休 counted).</summary>
public sealed class IsWorkdayFunction(CalendarStore calendar) : IExpressionFunction
{
    public string Name => "isWorkday";

    public JsonNode? Invoke(IReadOnlyList<JsonNode?> arguments, DateTimeOffset now) =>
        JsonValue.Create(Rhythm.IsWorkday(calendar.Current, FunctionArguments.Start(arguments, 0, now)));
}

/// <summary><c>isFirstWorkdayOfWeek([date])</c>: whether the date is the first working day of its Monday-based week (周调度 day).</summary>
public sealed class IsFirstWorkdayOfWeekFunction(CalendarStore calendar) : IExpressionFunction
{
    public string Name => "isFirstWorkdayOfWeek";

    public JsonNode? Invoke(IReadOnlyList<JsonNode?> arguments, DateTimeOffset now) =>
        JsonValue.Create(Rhythm.IsFirstWorkdayOfWeek(calendar.Current, FunctionArguments.Start(arguments, 0, now)));
}

/// <summary>The day arithmetic of the daily and weekly rhythm, in the calendar's zone.</summary>
public static class Rhythm
{
    public static DateOnly LocalDay(WorkingCalendar calendar, DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, calendar.Zone).DateTime);

    public static bool IsWorkday(WorkingCalendar calendar, DateTimeOffset at)
    {
        try
        {
            return calendar.IsWorkingDay(LocalDay(calendar, at));
        }
        catch (CalendarException ex)
        {
            throw new ExpressionFunctionException(ex.Message);
        }
    }

    public static bool IsFirstWorkdayOfWeek(WorkingCalendar calendar, DateTimeOffset at)
    {
        var day = LocalDay(calendar, at);
        try
        {
            if (!calendar.IsWorkingDay(day))
            {
                return false;
            }
            var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
            for (var d = monday; d < day; d = d.AddDays(1))
            {
                if (calendar.IsWorkingDay(d))
                {
                    return false;
                }
            }
            return true;
        }
        catch (CalendarException ex)
        {
            throw new ExpressionFunctionException(ex.Message);
        }
    }

    /// <summary>The instant of a local time of day (17:00) on the local day of <paramref name="at"/>.</summary>
    public static DateTimeOffset At(WorkingCalendar calendar, DateTimeOffset at, TimeOnly time)
    {
        var local = LocalDay(calendar, at).ToDateTime(time);
        return new DateTimeOffset(local, calendar.Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The local Monday 00:00 of the week of <paramref name="at"/>.</summary>
    public static DateTimeOffset WeekStart(WorkingCalendar calendar, DateTimeOffset at)
    {
        var day = LocalDay(calendar, at);
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7)).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(monday, calendar.Zone.GetUtcOffset(monday)).ToUniversalTime();
    }
}
