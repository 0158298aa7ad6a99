using System.Globalization;

namespace WorkflowHub.Server.Features.Calendar;

/// <summary>Which clock a time limit runs on.</summary>
public enum DeadlineClock
{
    /// <summary>工作小时: only the working periods of working days count.</summary>
    WorkingHours = 0,

    /// <summary>工作日: close of business of the n-th working day after the start day.</summary>
    WorkingDays = 1,

    /// <summary>自然小时: elapsed hours, day and night (safety hazards).</summary>
    CalendarHours = 2,
}

/// <summary>A time limit (处置时限), e.g. 4 working hours.</summary>
public readonly record struct Deadline(double Amount, DeadlineClock Clock)
{
    public DateTimeOffset From(WorkingCalendar calendar, DateTimeOffset start) => Clock switch
    {
        DeadlineClock.WorkingHours => calendar.AddWorkingHours(start, Amount),
        DeadlineClock.WorkingDays => calendar.AddWorkingDays(start, WholeDays(Amount)),
        _ => WorkingCalendar.AddCalendarHours(start, Amount),
    };

    /// <summary>A check for stored limits: null when usable, else what is wrong.</summary>
    public string? Problem() => Clock switch
    {
        _ when !double.IsFinite(Amount) || Amount <= 0 => "The limit must be more than zero.",
        DeadlineClock.WorkingHours when Amount > WorkingCalendar.MaxWorkingHours => $"At most {WorkingCalendar.MaxWorkingHours} working hours.",
        DeadlineClock.WorkingDays when Amount != Math.Floor(Amount) || Amount > WorkingCalendar.MaxWorkingDays => $"Working days are a whole number from 1 to {WorkingCalendar.MaxWorkingDays}.",
        DeadlineClock.CalendarHours when Amount > WorkingCalendar.MaxCalendarHours => $"At most {WorkingCalendar.MaxCalendarHours} calendar hours.",
        _ => null,
    };

    public override string ToString() => Clock switch
    {
        DeadlineClock.WorkingHours => $"{Amount.ToString(CultureInfo.InvariantCulture)} 工作小时",
        DeadlineClock.WorkingDays => $"{Amount.ToString(CultureInfo.InvariantCulture)} 工作日",
        _ => $"{Amount.ToString(CultureInfo.InvariantCulture)} 自然小时",
    };

    private static int WholeDays(double amount) =>
        amount == Math.Floor(amount) && amount is >= 1 and <= WorkingCalendar.MaxWorkingDays
            ? (int)amount
            : throw new CalendarException($"Working days must be a whole number, not {amount.ToString(CultureInfo.InvariantCulture)}.");
}
