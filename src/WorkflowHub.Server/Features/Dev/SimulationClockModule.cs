using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WorkflowHub.Engine;
using WorkflowHub.Server.Hosting;

namespace WorkflowHub.Server.Features.Dev;

public static class SimulationClockModule
{
    public const string ProductionRefusal =
        "Engine:SimulationClock is on, but the simulation clock lets administrators move time and is refused in the " +
        "Production environment. Switch it off (Engine:SimulationClock=false) or run in Development or Staging.";

    /// <summary>Whether the clock is on; in Production it is refused (one line on stderr, exit code 2) before anything starts.</summary>
    public static bool IsSimulationClockOn(this WebApplication app)
    {
        var on = app.Configuration.GetValue<bool>("Engine:SimulationClock");
        if (on && app.Environment.IsProduction())
        {
            app.Services.GetRequiredService<StartupRefusals>().Add(ProductionRefusal);
            return false;
        }
        return on;
    }

    /// <summary>
    /// With Engine:SimulationClock on, the <see cref="TimeProvider"/> singleton (the engine's clock) becomes the
    /// <see cref="SimulationTimeProvider"/>; the setting is read when the clock is first resolved, and starting in
    /// the Production environment with it on is refused by <see cref="IsSimulationClockOn"/> (one line, exit code 2).
    /// </summary>
    public static IServiceCollection AddSimulationClock(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new SimulationTimeProvider(TimeProvider.System));
        services.RemoveAll<TimeProvider>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<EngineOptions>>().Value.SimulationClock
            ? sp.GetRequiredService<SimulationTimeProvider>()
            : TimeProvider.System);
        return services;
    }
}
