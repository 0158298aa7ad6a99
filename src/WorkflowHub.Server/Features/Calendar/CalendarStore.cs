using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Hosting;

namespace WorkflowHub.Server.Features.Calendar;

/// <summary>
/// The working calendar the expression helpers read synchronously inside engine steps: built from the settings and
/// the stored holiday schedules, loaded on start and rebuilt after every edit on this node.
/// </summary>
public sealed class CalendarStore(IOptions<CalendarOptions> options, IDbContextFactory<HubDbContext> contexts, ILogger<CalendarStore> logger)
{
    private volatile WorkingCalendar? _current;

    public WorkingCalendar Current => _current ?? throw new InvalidOperationException("The working calendar is not loaded yet.");

    public TimeZoneInfo Zone { get; } = FindZone(options.Value.TimeZone);

    public async Task ReloadAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var years = await db.Set<CalendarYearRecord>().AsNoTracking().Select(y => y.Year).ToListAsync(ct);
        var days = await db.Set<CalendarDayRecord>().AsNoTracking().ToListAsync(ct);
        var special = new Dictionary<DateOnly, CalendarDayKind>();
        foreach (var day in days.OrderBy(d => d.Year))
        {
            special[day.Date] = day.Kind;
        }
        var settings = options.Value;
        _current = new WorkingCalendar(Zone, settings.WorkingDays, WorkingPeriod.ParseAll(settings.WorkingHours), years, special);
    }

    /// <summary>Stores the schedules of the data folder whose years the database does not have yet (a stored year may have been edited).</summary>
    public async Task ImportShippedAsync(HubPaths paths, TimeProvider time, CancellationToken ct)
    {
        var folder = paths.Resolve(options.Value.DataFolder);
        if (!Directory.Exists(folder))
        {
            logger.LogWarning("The calendar folder {Folder} does not exist; no holiday schedule was loaded", folder);
            return;
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var known = await db.Set<CalendarYearRecord>().Select(y => y.Year).ToListAsync(ct);
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var schedule = HolidaySchedule.Parse(await File.ReadAllTextAsync(file, ct));
            if (known.Contains(schedule.Year))
            {
                continue;
            }
            var (days, errors) = schedule.ToDays();
            if (errors.Count > 0)
            {
                throw new InvalidOperationException($"{file}: {string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value[0]}"))}");
            }
            db.Add(new CalendarYearRecord { Year = schedule.Year, Source = schedule.Source ?? Path.GetFileName(file), UpdatedAt = time.GetUtcNow(), UpdatedBy = "system", Days = days });
            known.Add(schedule.Year);
            logger.LogInformation("Loaded the holiday schedule of {Year} from {File}", schedule.Year, file);
        }
        await db.SaveChangesAsync(ct);
    }

    private static TimeZoneInfo FindZone(string id)
    {
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return zone;
        }
        // A bare system without tzdata: China Standard Time has had no daylight saving since 1991.
        return id is "Asia/Shanghai" or "China Standard Time"
            ? TimeZoneInfo.CreateCustomTimeZone(id, TimeSpan.FromHours(8), id, id)
            : throw new InvalidOperationException($"Calendar:TimeZone '{id}' is not a known time zone.");
    }
}
