using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHub.Engine;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Calendar;
using WorkflowHub.Server.Features.Dev;
using WorkflowHub.Server.Features.Identity;
using WorkflowHub.Server.Features.Webhooks;

namespace WorkflowHub.Server.Features.Administration;

/// <summary>
/// The engine's clock: <see cref="Simulated"/> when Engine:SimulationClock is on (模拟时钟), then <see cref="Offset"/>
/// is how far an administrator moved it ahead of <see cref="WallClock"/>.
/// </summary>
public sealed record SystemClock(DateTimeOffset Now, DateTimeOffset WallClock, bool Simulated, TimeSpan Offset);

public sealed record SystemCounts(int RunningInstances, int OpenIncidents, int DueJobs, int FailedJobs, int SuspendedJobs, int Users, int Groups);

/// <summary>What an administrator checks first: which build, which database, which clock, which node.</summary>
public sealed record SystemInfo(
    string Version, string Environment, string DatabaseProvider, string Database, SystemClock Clock,
    string? NodeId, bool JobExecutorEnabled, string? TimeZone, SystemCounts Counts);

public static class SystemEndpoints
{
    public static RouteGroupBuilder MapSystemEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/system", ReadAsync).WithSummary("The server's version, database provider, clock (simulated or not), node id and a few counts.");
        return admin;
    }

    private static async Task<IResult> ReadAsync(
        HubDatabase database, HubDbContext db, TimeProvider engineClock, [FromKeyedServices(WebhookReceiver.WallClockKey)] TimeProvider wallClock,
        IOptions<EngineOptions> engine, IOptions<CalendarOptions> calendar, IWebHostEnvironment environment, CancellationToken ct)
    {
        var now = engineClock.GetUtcNow();
        var simulation = engineClock as SimulationTimeProvider;
        var counts = new SystemCounts(
            await db.Set<ProcessInstanceRecord>().CountAsync(i => i.Status == InstanceStatus.Running, ct),
            await db.Set<IncidentRecord>().CountAsync(i => i.ResolvedAt == null, ct),
            await db.Set<JobRecord>().CountAsync(j => !j.Suspended && j.DueAt <= now, ct),
            await db.Set<JobRecord>().CountAsync(j => j.LastError != null, ct),
            await db.Set<JobRecord>().CountAsync(j => j.Suspended, ct),
            await db.Users.CountAsync(ct),
            await db.Set<HubGroup>().CountAsync(ct));
        return TypedResults.Ok(new SystemInfo(
            Version(),
            environment.EnvironmentName,
            database.Provider.ToString(),
            database.Describe(),
            new SystemClock(now, wallClock.GetUtcNow(), simulation is not null, simulation?.Offset ?? TimeSpan.Zero),
            engine.Value.JobExecutor.NodeId,
            engine.Value.JobExecutor.Enabled,
            calendar.Value.TimeZone,
            counts));
    }

    /// <summary>The server assembly's informational version (with the commit when the build stamped one).</summary>
    public static string Version()
    {
        var assembly = typeof(SystemEndpoints).Assembly;
        return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "unknown";
    }
}
