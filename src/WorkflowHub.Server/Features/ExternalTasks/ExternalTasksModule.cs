using WorkflowHub.Server.Api;
using WorkflowHub.Server.Identity;
using WorkflowHub.Server.Localization;

namespace WorkflowHub.Server.Features.ExternalTasks;

/// <summary>
/// External tasks (外部任务执行者 fetch and complete service tasks in any language): the protocol under
/// /api/external-tasks, and Camunda 7's REST shape of it under /engine-rest/external-task. Workers sign in as users
/// with the role Worker; administrators may call too. Flowable's external-worker REST (/external-job-api) serves the
/// same store for Flowable's workers.
/// </summary>
public static class ExternalTasksModule
{
    public const string CamundaRestPrefix = "/engine-rest";

    public static IServiceCollection AddHubExternalTasks(this IServiceCollection services)
    {
        services.AddOptions<ExternalTaskOptions>().BindConfiguration(ExternalTaskOptions.Section);
        services.AddProblemTexts<ExternalTaskText>();
        return services;
    }

    public static WebApplication MapHubExternalTasks(this WebApplication app)
    {
        app.UseWhen(http => http.Request.Path.StartsWithSegments(CamundaRestPrefix),
            branch => branch.Use(CamundaExternalTaskEndpoints.CamundaErrors));
        app.UseWhen(http => http.Request.Path.StartsWithSegments(FlowableExternalJobEndpoints.Prefix),
            branch => branch.Use(FlowableExternalJobEndpoints.FlowableErrors));
        app.MapApiGroup("/api/external-tasks")
            .RequireAuthorization(p => p.RequireRole(HubRoles.Worker, HubRoles.Administrator))
            .WithTags("External tasks")
            .MapExternalTaskEndpoints();
        app.MapApiGroup(CamundaRestPrefix + "/external-task")
            .RequireAuthorization(p => p.RequireRole(HubRoles.Worker, HubRoles.Administrator))
            .WithTags("Camunda 7 external tasks")
            .MapCamundaExternalTaskEndpoints();
        app.MapApiGroup(FlowableExternalJobEndpoints.Prefix)
            .RequireAuthorization(p => p.RequireRole(HubRoles.Worker, HubRoles.Administrator))
            .WithTags("Flowable external worker jobs")
            .MapFlowableExternalJobEndpoints();
        return app;
    }
}
