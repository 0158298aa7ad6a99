using WorkflowHub.Server.Localization;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Expressions;
using WorkflowHub.Server.Hosting;

namespace WorkflowHub.Server.Features.Calendar;

/// <summary>The working-day calendar (工作日历): settings, stored holiday schedules, expression helpers and endpoints.</summary>
public static class CalendarModule
{
    public static IServiceCollection AddHubCalendar(this IServiceCollection services)
    {
        services.AddProblemTexts<CalendarText>();
        services.AddOptions<CalendarOptions>().BindConfiguration(CalendarOptions.Section)
            .PostConfigure(o => o.WithDefaults())
            .Validate(o => WorkingPeriod.ParseAll(o.WorkingHours).Count > 0, "Calendar:WorkingHours names no working period.")
            .ValidateOnStart();
        services.AddSingleton<CalendarStore>();
        services.AddSingleton<IExpressionFunction, WorkHoursFunction>();
        services.AddSingleton<IExpressionFunction, WorkDaysFunction>();
        services.AddSingleton<IExpressionFunction, CalendarHoursFunction>();
        services.AddHostedService<CalendarStartup>();
        return services;
    }

    public static WebApplication MapHubCalendar(this WebApplication app)
    {
        app.MapCalendarEndpoints();
        return app;
    }

    public static ModelBuilder ApplyCalendarModel(this ModelBuilder builder)
    {
        builder.Entity<CalendarYearRecord>(e =>
        {
            e.ToTable("hub_calendar_years");
            e.HasKey(y => y.Year);
            e.Property(y => y.Year).ValueGeneratedNever();
            e.Property(y => y.Source).HasMaxLength(500);
            e.Property(y => y.UpdatedBy).HasMaxLength(256);
            e.HasMany(y => y.Days).WithOne().HasForeignKey(d => d.Year).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<CalendarDayRecord>(e =>
        {
            e.ToTable("hub_calendar_days");
            e.HasKey(d => d.Date);
            e.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(d => d.Name).HasMaxLength(50);
            e.HasIndex(d => d.Year);
        });
        return builder.UseUnixMilliseconds(typeof(CalendarYearRecord));
    }

    /// <summary>Loads the shipped schedules the database lacks, then the calendar; runs after the migration.</summary>
    private sealed class CalendarStartup(CalendarStore store, HubPaths paths, TimeProvider time) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await store.ImportShippedAsync(paths, time, cancellationToken);
            await store.ReloadAsync(cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
