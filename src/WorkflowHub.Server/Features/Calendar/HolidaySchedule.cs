using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkflowHub.Server.Features.Calendar;

public sealed record HolidayRange(string? Name, string? From, string? To);

public sealed record MakeUpWorkday(string? Date, [property: JsonPropertyName("for")] string? For);

/// <summary>
/// A year's holiday schedule as the State Council publishes it (国务院办公厅关于部分节假日安排的通知): holiday ranges and
/// make-up working days. The shipped files (workflows/calendar/cn-YYYY.json) and the administrators' API share this shape.
/// </summary>
public sealed record HolidaySchedule(int Year, string? Source, IReadOnlyList<HolidayRange>? Holidays, IReadOnlyList<MakeUpWorkday>? MakeUpWorkdays)
{
    private const int MaxDays = 366;

    public static HolidaySchedule Parse(string json) =>
        JsonSerializer.Deserialize<HolidaySchedule>(json, JsonSerializerOptions.Web)
        ?? throw new JsonException("The file holds no schedule.");

    /// <summary>The schedule's days, or the field errors (e.g. <c>holidays[2].to</c>) that make it unusable.</summary>
    public (List<CalendarDayRecord> Days, Dictionary<string, string[]> Errors) ToDays()
    {
        var errors = new Dictionary<string, string[]>();
        var days = new Dictionary<DateOnly, CalendarDayRecord>();
        if (Year is < 2000 or > 2100)
        {
            errors["year"] = ["The year must be from 2000 to 2100."];
            return ([], errors);
        }
        var holidays = Holidays ?? [];
        for (var i = 0; i < holidays.Count && days.Count <= MaxDays; i++)
        {
            var h = holidays[i];
            var from = Date(h.From, $"holidays[{i}].from", errors);
            var to = Date(h.To, $"holidays[{i}].to", errors);
            if (string.IsNullOrWhiteSpace(h.Name))
            {
                errors[$"holidays[{i}].name"] = ["The holiday's name is required."];
            }
            if (from is null || to is null)
            {
                continue;
            }
            if (to < from || to.Value.DayNumber - from.Value.DayNumber > 31)
            {
                errors[$"holidays[{i}].to"] = ["The end must be on or after the start and within 31 days."];
                continue;
            }
            for (var d = from.Value; d <= to.Value; d = d.AddDays(1))
            {
                days[d] = new CalendarDayRecord { Year = Year, Date = d, Kind = CalendarDayKind.Holiday, Name = h.Name?.Trim() ?? "" };
            }
        }
        var makeUps = MakeUpWorkdays ?? [];
        for (var i = 0; i < makeUps.Count && days.Count <= MaxDays; i++)
        {
            var date = Date(makeUps[i].Date, $"makeUpWorkdays[{i}].date", errors);
            if (date is null)
            {
                continue;
            }
            if (days.TryGetValue(date.Value, out var clash) && clash.Kind == CalendarDayKind.Holiday)
            {
                errors[$"makeUpWorkdays[{i}].date"] = [$"{date:yyyy-MM-dd} is a holiday already ({clash.Name})."];
                continue;
            }
            days[date.Value] = new CalendarDayRecord { Year = Year, Date = date.Value, Kind = CalendarDayKind.MakeUpWorkday, Name = makeUps[i].For?.Trim() ?? "" };
        }
        return ([.. days.Values.OrderBy(d => d.Date)], errors);
    }

    /// <summary>The stored days back as a schedule: consecutive holidays of one name become one range.</summary>
    public static HolidaySchedule From(CalendarYearRecord year)
    {
        var ranges = new List<(string Name, DateOnly From, DateOnly To)>();
        foreach (var day in year.Days.Where(d => d.Kind == CalendarDayKind.Holiday).OrderBy(d => d.Date))
        {
            if (ranges.Count > 0 && ranges[^1].Name == day.Name && ranges[^1].To.AddDays(1) == day.Date)
            {
                ranges[^1] = ranges[^1] with { To = day.Date };
            }
            else
            {
                ranges.Add((day.Name, day.Date, day.Date));
            }
        }
        return new HolidaySchedule(
            year.Year,
            year.Source,
            [.. ranges.Select(r => new HolidayRange(r.Name, Text(r.From), Text(r.To)))],
            [.. year.Days.Where(d => d.Kind == CalendarDayKind.MakeUpWorkday).OrderBy(d => d.Date).Select(d => new MakeUpWorkday(Text(d.Date), d.Name))]);
    }

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private DateOnly? Date(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (!DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors[field] = [$"'{text}' is not a date yyyy-MM-dd."];
            return null;
        }
        if (Math.Abs(date.Year - Year) > 1)
        {
            errors[field] = [$"{text} is not near {Year}."];
            return null;
        }
        return date;
    }
}
