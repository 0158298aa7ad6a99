using System.Globalization;

namespace WorkflowHub.Server.Features.Calendar;

/// <summary>A due date could not be computed: the year's holidays are unknown, or the amount is out of range.</summary>
public sealed class CalendarException(string message) : Exception(message)
{
    public static CalendarException YearMissing(int year) => new(
        $"{year}年的节假日安排尚未录入，无法计算工作日期限；请管理员在工作日历中录入。 " +
        $"The holidays of {year} are not entered yet, so working-day due dates cannot be computed; an administrator must enter them.");
}

/// <summary>
/// Working-day arithmetic (工作日历): working periods of ordinary working days, with public holidays and make-up
/// working days (调休) per year. Immutable; <see cref="CalendarStore"/> swaps in a new one when an administrator edits it.
/// </summary>
public sealed class WorkingCalendar
{
    /// <summary>The longest span a computation walks (about three years), so no amount can loop for long.</summary>
    public const int MaxDaysWalked = 1100;
    public const double MaxWorkingHours = 2000;
    public const int MaxWorkingDays = 250;
    public const double MaxCalendarHours = 24 * 366;

    private readonly HashSet<int> _years;
    private readonly IReadOnlyDictionary<DateOnly, CalendarDayKind> _specialDays;
    private readonly HashSet<DayOfWeek> _workingDays;

    /// <param name="years">The years whose holiday schedule is known.</param>
    /// <param name="specialDays">Holidays and make-up working days (a schedule may reach into the next or previous year).</param>
    public WorkingCalendar(
        TimeZoneInfo zone,
        IEnumerable<DayOfWeek> workingDays,
        IReadOnlyList<WorkingPeriod> periods,
        IEnumerable<int> years,
        IReadOnlyDictionary<DateOnly, CalendarDayKind> specialDays)
    {
        Zone = zone;
        _workingDays = [.. workingDays];
        Periods = periods;
        _years = [.. years];
        _specialDays = specialDays;
    }

    public TimeZoneInfo Zone { get; }

    public IReadOnlyList<WorkingPeriod> Periods { get; }

    public IEnumerable<int> Years => _years.Order();

    public bool HasYear(int year) => _years.Contains(year);

    /// <summary>Whether people work on <paramref name="date"/>; throws when the year's holidays are unknown.</summary>
    public bool IsWorkingDay(DateOnly date)
    {
        if (!_years.Contains(date.Year))
        {
            throw CalendarException.YearMissing(date.Year);
        }
        return _specialDays.TryGetValue(date, out var kind) ? kind == CalendarDayKind.MakeUpWorkday : _workingDays.Contains(date.DayOfWeek);
    }

    /// <summary>
    /// <paramref name="hours"/> working hours after <paramref name="start"/>: time outside the working periods does not
    /// count. Landing exactly on a period's end gives that end (due "by 12:00"), not the next period's start.
    /// </summary>
    public DateTimeOffset AddWorkingHours(DateTimeOffset start, double hours)
    {
        if (!double.IsFinite(hours) || hours < 0 || hours > MaxWorkingHours)
        {
            throw new CalendarException($"The working hours must be from 0 to {MaxWorkingHours}, not {hours.ToString(CultureInfo.InvariantCulture)}.");
        }
        var remaining = TimeSpan.FromHours(hours);
        if (remaining == TimeSpan.Zero)
        {
            return start;
        }
        var local = ToLocal(start);
        var day = DateOnly.FromDateTime(local);
        for (var walked = 0; walked < MaxDaysWalked; walked++, day = day.AddDays(1))
        {
            if (!IsWorkingDay(day))
            {
                continue;
            }
            foreach (var period in Periods)
            {
                var from = day.ToDateTime(period.Start);
                var to = day.ToDateTime(period.End);
                if (from < local)
                {
                    from = local;
                }
                if (from >= to)
                {
                    continue;
                }
                var available = to - from;
                if (remaining <= available)
                {
                    return FromLocal(from + remaining);
                }
                remaining -= available;
            }
        }
        throw new CalendarException($"There are not enough working hours within {MaxDaysWalked} days.");
    }

    /// <summary>
    /// The close of business (end of the last working period) of the <paramref name="days"/>-th working day after the
    /// day of <paramref name="start"/>: as in Chinese administrative practice, the starting day does not count, and a
    /// period ending on a holiday runs on to the next working day.
    /// </summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days)
    {
        if (days < 1 || days > MaxWorkingDays)
        {
            throw new CalendarException($"The working days must be from 1 to {MaxWorkingDays}, not {days}.");
        }
        var day = DateOnly.FromDateTime(ToLocal(start));
        var counted = 0;
        for (var walked = 0; walked < MaxDaysWalked; walked++)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day) && ++counted == days)
            {
                return FromLocal(day.ToDateTime(Periods[^1].End));
            }
        }
        throw new CalendarException($"There are not {days} working days within {MaxDaysWalked} days.");
    }

    /// <summary>Plain elapsed hours (自然小时), for what must not wait for office hours.</summary>
    public static DateTimeOffset AddCalendarHours(DateTimeOffset start, double hours)
    {
        if (!double.IsFinite(hours) || hours < 0 || hours > MaxCalendarHours)
        {
            throw new CalendarException($"The calendar hours must be from 0 to {MaxCalendarHours}, not {hours.ToString(CultureInfo.InvariantCulture)}.");
        }
        return start.AddHours(hours);
    }

    private DateTime ToLocal(DateTimeOffset value) => TimeZoneInfo.ConvertTime(value, Zone).DateTime;

    private DateTimeOffset FromLocal(DateTime local) =>
        new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone.GetUtcOffset(local)).ToUniversalTime();
}

/// <summary>One working period of a working day, e.g. 08:30–12:00.</summary>
public readonly record struct WorkingPeriod(TimeOnly Start, TimeOnly End)
{
    /// <summary>Parses "HH:mm-HH:mm" periods, which must be in order and must not overlap.</summary>
    public static IReadOnlyList<WorkingPeriod> ParseAll(IReadOnlyList<string> texts)
    {
        var periods = new List<WorkingPeriod>();
        for (var i = 0; i < texts.Count; i++)
        {
            var parts = texts[i].Split('-', StringSplitOptions.TrimEntries);
            if (parts.Length != 2
                || !TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                || !TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end)
                || end <= start
                || (periods.Count > 0 && start < periods[^1].End))
            {
                throw new InvalidOperationException(
                    $"Calendar:WorkingHours:{i} '{texts[i]}' is not a period 'HH:mm-HH:mm' after the previous one.");
            }
            periods.Add(new WorkingPeriod(start, end));
        }
        return periods.Count > 0 ? periods : throw new InvalidOperationException("Calendar:WorkingHours names no working period.");
    }
}
