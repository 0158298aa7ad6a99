using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHub.Engine;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Server.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// The database module: options from "Database", both providers' context factories, the provider-neutral
    /// <see cref="HubDbContext"/> (scoped and as a factory), the engine's context factory and start-up migration.
    /// Everything reads the settings when first resolved, so overrides added while the host is built still apply.
    /// </summary>
    public static IServiceCollection AddHubData(this IServiceCollection services)
    {
        services.AddOptions<HubDatabaseOptions>()
            .BindConfiguration(HubDatabaseOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), "Database:ConnectionString is required.")
            .Validate(o => Enum.IsDefined(o.Provider), "Database:Provider must be Sqlite or Postgres.")
            .ValidateOnStart();
        services.AddSingleton<HubDatabase>();

        // Pooled: the engine takes a context for every step, and building one (with its DI scope) costs more than the step's SQL.
        services.AddPooledDbContextFactory<SqliteHubDbContext>((sp, options) =>
        {
            HubDatabase.UseSqlite(options, sp.GetRequiredService<HubDatabase>().ConnectionString,
                sp.GetRequiredService<IOptions<EngineOptions>>().Value.SqliteCheckpoint.Enabled);
            options.AddInterceptors(sp.GetRequiredService<Features.Identity.DirectoryChangeInterceptor>());
        });
        services.AddPooledDbContextFactory<PostgresHubDbContext>((sp, options) =>
        {
            HubDatabase.UsePostgres(options, sp.GetRequiredService<HubDatabase>().ConnectionString);
            options.AddInterceptors(sp.GetRequiredService<Features.Identity.DirectoryChangeInterceptor>());
        });
        // The per-node cache of group memberships is forgotten by every save on this node that changes the directory.
        services.AddSingleton<Features.Identity.GroupMembershipCache>();
        services.AddSingleton<Features.Identity.DirectoryChangeInterceptor>();

        services.AddSingleton<IDbContextFactory<HubDbContext>>(sp => sp.GetRequiredService<HubDatabase>().Provider switch
        {
            DatabaseProvider.Postgres => new HubDbContextFactory<PostgresHubDbContext>(
                sp.GetRequiredService<IDbContextFactory<PostgresHubDbContext>>()),
            _ => new HubDbContextFactory<SqliteHubDbContext>(sp.GetRequiredService<IDbContextFactory<SqliteHubDbContext>>()),
        });
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContext());
        services.AddSingleton<IEngineDbContextFactory, EngineDbContextFactory>();

        services.AddSingleton<HubDatabaseMigrator>();
        services.AddHostedService<DatabaseMigrationHostedService>();
        return services;
    }
}
