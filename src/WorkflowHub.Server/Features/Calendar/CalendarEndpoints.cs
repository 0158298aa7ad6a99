using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Data;

namespace WorkflowHub.Server.Features.Calendar;

public sealed record CalendarYearDto(int Year, string Source, DateTimeOffset UpdatedAt, string? UpdatedBy, int Holidays, int MakeUpWorkdays);

public sealed record CalendarDto(string TimeZone, IReadOnlyList<DayOfWeek> WorkingDays, IReadOnlyList<string> WorkingHours, IReadOnlyList<CalendarYearDto> Years);

public sealed record DueDto(DateTimeOffset From, DateTimeOffset Due, string Limit);

/// <summary>Reading the calendar, previewing due dates, and administrators' edits of a year's holidays.</summary>
public static class CalendarEndpoints
{
    public static void MapCalendarEndpoints(this WebApplication app)
    {
        var calendar = app.MapApiGroup("/api/calendar").WithTags("Calendar");
        calendar.MapGet("", ListAsync).WithSummary("Working days and hours, and the years whose holidays (节假日/调休) are known.");
        calendar.MapGet("/due", Due).WithSummary("Previews a due date: ?workhours=4 | workdays=3 | calendarHours=2, &from= (default now).");
        calendar.MapGet("/{year:int}", GetAsync).WithSummary("A year's holidays and make-up working days; 404 when not entered yet.");
        calendar.MapPut("/{year:int}", PutAsync).RequireAuthorization(HubPolicies.Administrators)
            .WithSummary("Replaces a year's holidays and make-up working days (the State Council's schedule).");
    }

    private static async Task<IResult> ListAsync(HubDbContext db, CalendarStore store, Microsoft.Extensions.Options.IOptions<CalendarOptions> options, CancellationToken ct)
    {
        var years = await db.Set<CalendarYearRecord>().AsNoTracking().Include(y => y.Days).OrderBy(y => y.Year).ToListAsync(ct);
        return TypedResults.Ok(new CalendarDto(store.Zone.Id, options.Value.WorkingDays, options.Value.WorkingHours,
            [.. years.Select(y => new CalendarYearDto(y.Year, y.Source, y.UpdatedAt, y.UpdatedBy,
                y.Days.Count(d => d.Kind == CalendarDayKind.Holiday), y.Days.Count(d => d.Kind == CalendarDayKind.MakeUpWorkday)))]));
    }

    private static async Task<IResult> GetAsync(int year, HubDbContext db, CancellationToken ct)
    {
        var record = await db.Set<CalendarYearRecord>().AsNoTracking().Include(y => y.Days).FirstOrDefaultAsync(y => y.Year == year, ct)
            ?? throw NotEntered(year);
        return TypedResults.Ok(HolidaySchedule.From(record));
    }

    private static async Task<IResult> PutAsync(int year, HolidaySchedule schedule, HubDbContext db, CalendarStore store, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        if (schedule.Year != year)
        {
            throw ApiRequestException.Invalid("year", $"The body's year {schedule.Year} is not the address's {year}.");
        }
        var (days, errors) = schedule.ToDays();
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: string.Join(" ", errors.Values.Select(v => v[0])));
        }
        var record = await db.Set<CalendarYearRecord>().Include(y => y.Days).FirstOrDefaultAsync(y => y.Year == year, ct);
        if (record is null)
        {
            record = new CalendarYearRecord { Year = year };
            db.Add(record);
        }
        record.Source = string.IsNullOrWhiteSpace(schedule.Source) ? $"{http.User.UserName()} 录入" : schedule.Source.Trim();
        record.UpdatedAt = time.GetUtcNow();
        record.UpdatedBy = http.User.UserName();
        db.RemoveRange(record.Days);
        await db.SaveChangesAsync(ct);
        record.Days = days;
        await db.SaveChangesAsync(ct);
        await store.ReloadAsync(ct);
        return TypedResults.Ok(HolidaySchedule.From(record));
    }

    private static IResult Due(string? from, string? workhours, string? workdays, string? calendarHours, CalendarStore store, TimeProvider time)
    {
        var start = ApiRequest.Date(from, "from") ?? time.GetUtcNow();
        var given = new[] { ("workhours", workhours, DeadlineClock.WorkingHours), ("workdays", workdays, DeadlineClock.WorkingDays), ("calendarHours", calendarHours, DeadlineClock.CalendarHours) }
            .Where(g => !string.IsNullOrWhiteSpace(g.Item2)).ToList();
        if (given.Count != 1)
        {
            throw ApiRequestException.Invalid("workhours", "Give exactly one of workhours, workdays, calendarHours.");
        }
        var (field, text, clock) = given[0];
        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var amount))
        {
            throw ApiRequestException.Invalid(field, $"'{text}' is not a number.");
        }
        var limit = new Deadline(amount, clock);
        if (limit.Problem() is { } problem)
        {
            throw ApiRequestException.Invalid(field, problem);
        }
        return TypedResults.Ok(new DueDto(start, Compute(() => limit.From(store.Current, start)), limit.ToString()));
    }

    /// <summary>A computation that needs a year not entered yet answers 422 with the calendar's own words.</summary>
    public static DateTimeOffset Compute(Func<DateTimeOffset> compute)
    {
        try
        {
            return compute();
        }
        catch (CalendarException ex)
        {
            throw new ApiRequestException(new ProblemDetails { Status = 422, Title = "Due date not computable", Detail = ex.Message });
        }
    }

    private static ApiRequestException NotEntered(int year) => new(new ProblemDetails
    {
        Status = 404, Title = "Not found", Detail = CalendarException.YearMissing(year).Message,
    });
}
