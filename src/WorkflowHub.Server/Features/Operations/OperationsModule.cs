using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Metrics;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Cli;
using WorkflowHub.Server.Health;
using WorkflowHub.Server.Identity;

namespace WorkflowHub.Server.Features.Operations;

/// <summary>
/// What operators run the server with: metrics (OpenTelemetry, Prometheus text at <c>/metrics</c>), 503 while the
/// database is unavailable, cross-node job wake-ups on PostgreSQL, and the <c>backup</c> verb.
/// </summary>
public static class OperationsModule
{
    public const string MetricsPath = "/metrics";
    public const string MetricsPolicy = "MetricsReaders";

    /// <summary>
    /// ASP.NET Core meters the instrumentation turns on that record several measurements on every request (the route
    /// matched, the rate limiter's lease, each authentication and authorization) and tell an operator nothing that
    /// <c>http.server.request.duration</c> (method, route, status) does not. A dropped instrument is not listened to,
    /// so its measurements are never taken: on issue 15's HTTP path they were about 1.5 % of the server's CPU.
    /// </summary>
    internal static readonly IReadOnlySet<string> PerRequestDetail = new HashSet<string>(StringComparer.Ordinal)
    {
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Authentication",
        "Microsoft.AspNetCore.Authorization",
        "Microsoft.AspNetCore.MemoryPool",
    };

    public static IServiceCollection AddHubOperations(this IServiceCollection services)
    {
        services.AddOptions<OperationsOptions>().BindConfiguration(OperationsOptions.Section);
        services.AddSingleton<DatabaseOutageMonitor>();
        services.AddExceptionHandler<DatabaseOutageHandler>();
        services.AddHealthChecks().AddCheck<RecentOutageHealthCheck>("database-writes");
        services.AddHostedService<PostgresNotifications>();
        services.AddCliVerb<BackupVerb>();

        services.AddOperationalGauge<JobsDueGauge>();
        services.AddOperationalGauge<JobsLeasedGauge>();
        services.AddOperationalGauge<JobsSuspendedGauge>();
        services.AddOperationalGauge<OpenIncidentsGauge>();
        services.AddSingleton<OperationalGaugeSampler>();
        services.AddHostedService(sp => sp.GetRequiredService<OperationalGaugeSampler>());

        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(EngineMetrics.MeterName, HubMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddView(instrument => PerRequestDetail.Contains(instrument.Meter.Name) ? MetricStreamConfiguration.Drop : null)
            .AddNpgsqlInstrumentation()
            .AddPrometheusExporter());

        services.AddAuthorizationBuilder().AddPolicy(MetricsPolicy, p => p
            .AddAuthenticationSchemes(ApiModule.AuthScheme)
            .RequireAssertion(c => c.User.IsInRole(HubRoles.Administrator)
                || (c.Resource is HttpContext http && HasScrapeToken(http))));
        return services;
    }

    /// <summary>Adds a database gauge to /metrics (e.g. the outbox's backlog); it is read every Operations:GaugeInterval.</summary>
    public static IServiceCollection AddOperationalGauge<TGauge>(this IServiceCollection services)
        where TGauge : class, IOperationalGauge
    {
        services.AddSingleton<IOperationalGauge, TGauge>();
        return services;
    }

    public static WebApplication MapHubOperations(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(MetricsPolicy);
        return app;
    }

    private static bool HasScrapeToken(HttpContext http)
    {
        var expected = http.RequestServices.GetRequiredService<IOptions<OperationsOptions>>().Value.MetricsScrapeToken;
        var header = http.Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (string.IsNullOrEmpty(expected) || !header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[prefix.Length..].Trim()), Encoding.UTF8.GetBytes(expected));
    }
}
