using WorkflowHub.Server.Features.Calendar;
using WorkflowHub.Server.Hosting;

namespace WorkflowHub.Server.Tests.Domain;

/// <summary>The shipped 2026 schedule (workflows/calendar/cn-2026.json) with the default working hours, in Beijing time.</summary>
public sealed class WorkingCalendarTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    internal static WorkingCalendar Shipped2026()
    {
        var file = Path.Combine(HubPaths.Discover(AppContext.BaseDirectory).Root, "workflows", "calendar", "cn-2026.json");
        var (days, errors) = HolidaySchedule.Parse(File.ReadAllText(file)).ToDays();
        Assert.Empty(errors);
        return new WorkingCalendar(
            TimeZoneInfo.CreateCustomTimeZone("CST", Beijing, "CST", "CST"),
            CalendarOptions.DefaultWorkingDays,
            WorkingPeriod.ParseAll(CalendarOptions.DefaultWorkingHours),
            [2026],
            days.ToDictionary(d => d.Date, d => d.Kind));
    }

    private static DateTimeOffset At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, Beijing);

    [Theory]
    [InlineData(2, 13, true)]   // Friday before the Spring Festival
    [InlineData(2, 14, true)]   // Saturday, 调休 for the Spring Festival
    [InlineData(2, 15, false)]  // 春节 begins (Sunday)
    [InlineData(2, 16, false)]  // Monday, holiday
    [InlineData(2, 23, false)]  // Monday, last day of the holiday
    [InlineData(2, 24, true)]
    [InlineData(2, 28, true)]   // Saturday, 调休
    [InlineData(3, 1, false)]   // plain Sunday
    [InlineData(9, 20, true)]   // Sunday, 调休 for National Day
    [InlineData(10, 1, false)]
    [InlineData(10, 7, false)]
    [InlineData(10, 8, true)]
    [InlineData(10, 10, true)]  // Saturday, 调休 for National Day
    [InlineData(10, 11, false)]
    public void Holidays_and_make_up_days_decide_what_is_a_working_day(int month, int day, bool working) =>
        Assert.Equal(working, Shipped2026().IsWorkingDay(new DateOnly(2026, month, day)));

    [Fact]
    public void Three_working_days_from_the_Friday_before_the_Spring_Festival_end_on_the_second_day_after_it()
    {
        // Fri 13 Feb → Sat 14 (调休) is the 1st, 15–23 are the holiday, Tue 24 the 2nd, Wed 25 the 3rd.
        Assert.Equal(At(2, 25, 17, 30), Shipped2026().AddWorkingDays(At(2, 13, 16, 0), 3));
    }

    [Fact]
    public void Three_working_days_from_the_eve_of_National_Day_end_on_its_make_up_Saturday()
    {
        // Wed 30 Sep → 1–7 Oct holiday, Thu 8 the 1st, Fri 9 the 2nd, Sat 10 (调休) the 3rd.
        Assert.Equal(At(10, 10, 17, 30), Shipped2026().AddWorkingDays(At(9, 30, 9, 0), 3));
    }

    [Fact]
    public void Working_hours_skip_lunch_nights_weekends_and_holidays_but_count_make_up_saturdays()
    {
        var calendar = Shipped2026();
        // 16:00 on Fri 13 Feb: 1.5 h left that day, then 3.5 h on the 调休 Saturday morning → 12:00 on Sat 14.
        Assert.Equal(At(2, 14, 12, 0), calendar.AddWorkingHours(At(2, 13, 16, 0), 5));
        // 4 working hours from 17:00 on Sat 14 Feb (调休): 0.5 h, then the holiday, then 3.5 h on Tue 24 → 12:00.
        Assert.Equal(At(2, 24, 12, 0), calendar.AddWorkingHours(At(2, 14, 17, 0), 4));
        // Registered during lunch: the clock starts at 14:00.
        Assert.Equal(At(3, 2, 16, 0), calendar.AddWorkingHours(At(3, 2, 12, 30), 2));
        // On the eve of National Day, 2 h at 16:30: 1 h on Wed 30 Sep, 1 h on Thu 8 Oct.
        Assert.Equal(At(10, 8, 9, 30), calendar.AddWorkingHours(At(9, 30, 16, 30), 2));
        // Saturday 19 Sep is an ordinary weekend day; Sunday 20 Sep is a 调休 working day.
        Assert.Equal(At(9, 20, 10, 30), calendar.AddWorkingHours(At(9, 19, 10, 0), 2));
    }

    [Fact]
    public void Calendar_hours_run_through_the_holiday() =>
        Assert.Equal(At(2, 16, 2, 0), WorkingCalendar.AddCalendarHours(At(2, 15, 22, 0), 4));

    [Fact]
    public void A_year_without_a_schedule_is_refused_rather_than_guessed()
    {
        var ex = Assert.Throws<CalendarException>(() => Shipped2026().AddWorkingDays(At(12, 30, 9, 0), 3));
        Assert.Contains("2027", ex.Message);
        Assert.Contains("尚未录入", ex.Message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(1e9)]
    public void Out_of_range_amounts_are_refused(double hours) =>
        Assert.Throws<CalendarException>(() => Shipped2026().AddWorkingHours(At(3, 2, 9, 0), hours));
}
