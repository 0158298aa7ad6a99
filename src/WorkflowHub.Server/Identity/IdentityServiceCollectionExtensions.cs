using Microsoft.AspNetCore.Identity;
using WorkflowHub.Server.Data;

namespace WorkflowHub.Server.Identity;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>
    /// The identity module: users and roles on EF Core in <see cref="HubDbContext"/>, and the bootstrap
    /// administrator. Sign-in schemes and endpoints are added by the API module on top of this core.
    /// </summary>
    public static IServiceCollection AddHubIdentity(this IServiceCollection services)
    {
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section);
        services.AddIdentityCore<HubUser>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<HubDbContext>();

        services.AddScoped<AdminBootstrapper>();
        services.AddHostedService<AdminBootstrapHostedService>();
        return services;
    }
}
