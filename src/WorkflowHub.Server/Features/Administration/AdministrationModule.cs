using WorkflowHub.Server.Api;
using WorkflowHub.Server.Localization;

namespace WorkflowHub.Server.Features.Administration;

/// <summary>The resource marker of the administration pages' texts (AdministrationText.zh-CN.resx).</summary>
public sealed class AdministrationText;

/// <summary>
/// What the administration pages need beyond the existing APIs: the system page (version, database, clock, node),
/// jobs across instances and the bulk retry of incidents.
/// </summary>
public static class AdministrationModule
{
    public static IServiceCollection AddHubAdministration(this IServiceCollection services) =>
        services.AddProblemTexts<AdministrationText>();

    public static WebApplication MapHubAdministration(this WebApplication app)
    {
        var api = app.MapApiGroup("/api");
        api.MapGroup("/admin").WithTags("Administration").RequireAuthorization(HubPolicies.Administrators)
            .MapSystemEndpoints()
            .MapJobEndpoints();
        api.MapBulkRetryEndpoints();
        return app;
    }
}
