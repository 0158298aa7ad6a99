using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Data;

namespace WorkflowHub.Server.Health;

public static class HealthExtensions
{
    public const string Path = "/health";

    /// <summary>The health module: the database must answer a query on the migrated schema.</summary>
    public static IServiceCollection AddHubHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddDbContextCheck<HubDbContext>("database", customTestQuery: ProbeSchemaAsync);
        return services;
    }

    /// <summary>200 "Healthy" while the database is reachable, 503 "Unhealthy" otherwise.</summary>
    public static IEndpointRouteBuilder MapHubHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(Path).AllowAnonymous();
        return endpoints;
    }

    /// <summary>
    /// A query rather than CanConnect: opening a SQLite connection creates an empty file where the database
    /// vanished, so only reading a migrated table proves the real database is there.
    /// </summary>
    private static async Task<bool> ProbeSchemaAsync(HubDbContext db, CancellationToken ct)
    {
        await db.Roles.AsNoTracking().AnyAsync(ct);
        return true;
    }
}
