using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WorkflowHub.Engine;

namespace WorkflowHub.Server.Features.Dev;

public static class SimulationClockModule
{
    public const string ProductionRefusal =
        "Engine:SimulationClock is on, but the simulation clock lets administrators move time and is refused in the " +
        "Production environment. Switch it off (Engine:SimulationClock=false) or run in Development or Staging.";

    /// <summary>Whether the clock is on; throws the refusal in Production, before anything starts.</summary>
    public static bool IsSimulationClockOn(this WebApplication app)
    {
        var on = app.Configuration.GetValue<bool>("Engine:SimulationClock");
        return on && app.Environment.IsProduction() ? throw new InvalidOperationException(ProductionRefusal) : on;
    }

    /// <summary>
    /// With Engine:SimulationClock on, the <see cref="TimeProvider"/> singleton (the engine's clock) becomes the
    /// <see cref="SimulationTimeProvider"/>; the setting is read when the clock is first resolved, and starting in
    /// the Production environment with it on fails with a clear error.
    /// </summary>
    public static IServiceCollection AddSimulationClock(this IServiceCollection services)
    {
        services.AddOptions<EngineOptions>()
            .Validate<IHostEnvironment>((o, env) => !(o.SimulationClock && env.IsProduction()), ProductionRefusal)
            .ValidateOnStart();
        services.TryAddSingleton(sp => new SimulationTimeProvider(TimeProvider.System));
        services.RemoveAll<TimeProvider>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<EngineOptions>>().Value.SimulationClock
            ? sp.GetRequiredService<SimulationTimeProvider>()
            : TimeProvider.System);
        return services;
    }
}
