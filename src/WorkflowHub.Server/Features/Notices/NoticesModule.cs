using WorkflowHub.Server.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Features.Operations;

namespace WorkflowHub.Server.Features.Notices;

/// <summary>
/// The notices module (通知): templates loaded from workflows/templates and edited with versions, the sandboxed
/// Scriban renderer, the <c>notice</c> service-task handler writing the outbox in the step, the hosted sender (SMTP,
/// pickup folder, group robots) and the API under /api/notices.
/// </summary>
public static class NoticesModule
{
    public static IServiceCollection AddHubNotices(this IServiceCollection services)
    {
        services.AddProblemTexts<NoticeText>();
        services.AddOptions<NoticesOptions>().BindConfiguration(NoticesOptions.Section);
        services.AddSingleton<NoticeRenderer>();
        services.AddSingleton<NoticeModelFactory>();
        services.AddSingleton<NoticeOutboxWriter>();
        services.TryAddSingleton<INoticeRecipientResolver, DirectoryRecipientResolver>();
        services.TryAddSingleton<INoticeOrganisation, ConfiguredNoticeOrganisation>();
        services.AddSingleton<IServiceTaskHandler, NoticeHandler>();
        services.AddSingleton<RobotSecrets>();
        services.AddHttpClient(RobotTransport.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<MailTransport>();
        services.AddSingleton<RobotTransport>();
        services.AddSingleton<NoticeSender>();
        services.AddSingleton<NoticeTemplateLoader>();
        services.AddHostedService(sp => sp.GetRequiredService<NoticeTemplateLoader>());
        services.AddHostedService<NoticeSenderHostedService>();
        services.AddOperationalGauge<NoticeOutboxBacklogGauge>();
        services.AddOperationalGauge<NoticeOutboxFailedGauge>();
        return services;
    }

    public static WebApplication MapHubNotices(this WebApplication app)
    {
        var notices = app.MapGroup("/api/notices")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        notices.MapNoticeTemplateEndpoints();
        notices.MapNoticeOutboxEndpoints();
        notices.MapMailboxEndpoints();
        notices.MapGroupRobotEndpoints();
        return app;
    }
}
