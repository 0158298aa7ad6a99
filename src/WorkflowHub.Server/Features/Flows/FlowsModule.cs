using WorkflowHub.Engine.Expressions;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Features.Flows.Handlers;
using WorkflowHub.Server.Features.Reports;

namespace WorkflowHub.Server.Features.Flows;

/// <summary>
/// The shipped flows (workflows/*.bpmn deployed on start), the intake webhooks, the handlers and expression functions
/// the flows use beyond the ledger's (case.describe, case.extend, case.lookback, case.negative-list, rhythm.*,
/// reports.weekly; isWorkday, isFirstWorkdayOfWeek), and the reports API (考核指标).
/// </summary>
public static class FlowsModule
{
    public static IServiceCollection AddHubFlows(this IServiceCollection services)
    {
        services.AddOptions<FlowsOptions>().BindConfiguration(FlowsOptions.Section);
        services.AddSingleton<IExpressionFunction, IsWorkdayFunction>();
        services.AddSingleton<IExpressionFunction, IsFirstWorkdayOfWeekFunction>();
        services.AddSingleton<IServiceTaskHandler, DescribeCaseHandler>();
        services.AddSingleton<IServiceTaskHandler, ExtendCaseHandler>();
        services.AddSingleton<IServiceTaskHandler, LookbackCaseHandler>();
        services.AddSingleton<IServiceTaskHandler, NegativeListHandler>();
        services.AddSingleton<IServiceTaskHandler, RhythmGroupsHandler>();
        services.AddSingleton<RhythmMissingHandler>();
        services.AddSingleton<IServiceTaskHandler>(sp => sp.GetRequiredService<RhythmMissingHandler>());
        services.AddSingleton<IServiceTaskHandler, DailySummaryHandler>();
        services.AddSingleton<IServiceTaskHandler, WeeklyFiguresHandler>();
        services.AddHostedService<ShippedWebhooks>();
        services.AddHostedService<ShippedFlows>();
        return services;
    }

    public static WebApplication MapHubFlows(this WebApplication app)
    {
        app.MapReportEndpoints();
        return app;
    }
}
