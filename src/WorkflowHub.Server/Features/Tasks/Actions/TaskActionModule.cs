using Microsoft.Extensions.Options;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;

namespace WorkflowHub.Server.Features.Tasks.Actions;

/// <summary>The task actions Chinese offices use (通过/不通过, 退回, 转办, 委派, 加签/减签, 抄送, 撤回, 催办, 延期申请), comments and attachments.</summary>
public static class TaskActionModule
{
    public static IServiceCollection AddHubTaskActions(this IServiceCollection services)
    {
        services.AddOptions<TaskAttachmentOptions>().BindConfiguration(TaskAttachmentOptions.Section);
        services.AddScoped<TaskActions>();
        services.AddScoped<TaskCompletion>();
        services.AddSingleton<ITaskReminderSender, InAppTaskReminderSender>();
        services.AddSingleton<ITaskReminderSender, NoticeTaskReminderSender>();
        services.AddSingleton<IServiceTaskHandler, CarbonCopyStepHandler>();
        return services;
    }

    public static WebApplication MapHubTaskActions(this WebApplication app)
    {
        var limits = app.Services.GetRequiredService<IOptions<ServerOptions>>().Value;
        var api = app.MapGroup("/api")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(limits.MaxJsonBodyBytes))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        var tasks = api.MapGroup("/tasks").WithTags("Tasks");
        ApproveAction.Map(tasks);
        ReturnAction.Map(tasks);
        TransferAction.Map(tasks);
        DelegateAction.Map(tasks);
        CoSignAction.Map(tasks, api);
        CarbonCopyAction.Map(tasks, api);
        WithdrawAction.Map(tasks);
        UrgeAction.Map(tasks, api);
        ExtensionAction.Map(tasks, api);
        CommentAction.Map(tasks);
        AttachmentAction.Map(tasks, api, app.Services.GetRequiredService<IOptions<TaskAttachmentOptions>>().Value);
        TaskActionSummary.Map(tasks);
        TaskContextEndpoint.Map(tasks);
        return app;
    }
}
