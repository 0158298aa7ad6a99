using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WorkflowHub.Engine.Behaviours;
using WorkflowHub.Engine.Expressions;
using WorkflowHub.Engine.Jobs;
using WorkflowHub.Engine.Runtime;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Engine;

/// <summary>The engine module's one registration entry point.</summary>
public static class EngineServiceCollectionExtensions
{
    /// <summary>The most due jobs one acquisition leases (each count is a statement of its own: SqlBatch.Limit).</summary>
    public const int MaxJobBatchSize = 1_000;

    /// <summary>
    /// Registers the engine's services. The host must also register an <see cref="IEngineDbContextFactory"/> whose
    /// model applies <c>ApplyWorkflowEngineModel</c>, and may register <see cref="IServiceTaskHandler"/>s and a
    /// <see cref="TimeProvider"/> (the system clock otherwise).
    /// </summary>
    public static IServiceCollection AddWorkflowEngine(this IServiceCollection services, IConfiguration? engineSection = null)
    {
        var options = services.AddOptions<EngineOptions>()
            .Validate(o => o.JobExecutor.BatchSize is >= 1 and <= MaxJobBatchSize, $"Engine:JobExecutor:BatchSize must be between 1 and {MaxJobBatchSize}.")
            .ValidateOnStart();
        var scripts = services.AddOptions<ScriptOptions>();
        if (engineSection is not null)
        {
            options.Bind(engineSection);
            scripts.Bind(engineSection.GetSection("Scripts"));
        }
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<JobWakeup>();
        services.TryAddSingleton<IHandlerRegistry, HandlerRegistry>();
        services.TryAddSingleton<ExpressionEvaluator>();
        services.TryAddSingleton<DefinitionCache>();
        services.TryAddSingleton<ServiceTaskBehaviour>();
        services.TryAddSingleton<BehaviourRegistry>();
        services.TryAddSingleton<ExecutionServices>();
        services.TryAddSingleton<Persistence.SqliteCheckpointer>();
        services.TryAddSingleton<StepConnections>();
        services.TryAddSingleton<StepRunner>();
        services.TryAddSingleton<IDefinitionService, DefinitionService>();
        services.TryAddSingleton<IRuntimeService, RuntimeService>();
        services.TryAddSingleton<ITaskService, TaskService>();
        services.TryAddSingleton<ITaskModificationService, TaskModificationService>();
        services.TryAddSingleton<IInstanceVariableService, InstanceVariableService>();
        services.TryAddSingleton<IInstanceModificationService, InstanceModificationService>();
        services.TryAddSingleton<IHistoryService, HistoryService>();
        services.TryAddSingleton<IIncidentService, IncidentService>();
        services.TryAddSingleton<ExternalTasks.ExternalTaskSignal>();
        services.TryAddSingleton<ExternalTasks.IExternalTaskService, ExternalTasks.ExternalTaskService>();
        services.TryAddSingleton<JobLeases>();
        services.TryAddSingleton<JobExecutor>();
        services.TryAddSingleton<IJobExecutor>(sp => sp.GetRequiredService<JobExecutor>());
        services.AddHostedService(sp => new JobExecutorHostedServiceGate(sp));
        services.AddHostedService(sp => new SqliteCheckpointerStart(sp.GetRequiredService<Persistence.SqliteCheckpointer>()));
        return services;
    }

    /// <summary>
    /// In a host, the checkpointer starts once every hosted service has started (the host's migration has put the file
    /// in WAL mode by then), so the host's other writers, which do not checkpoint at commit either, are covered before
    /// the engine's first step. Without a host it starts with the engine's writer.
    /// </summary>
    private sealed class SqliteCheckpointerStart(Persistence.SqliteCheckpointer checkpointer) : IHostedLifecycleService
    {
        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StartedAsync(CancellationToken cancellationToken) => checkpointer.EnsureStartedAsync(cancellationToken);
        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Starts the hosted executor only when Engine:JobExecutor:Enabled is on.</summary>
    private sealed class JobExecutorHostedServiceGate(IServiceProvider services) : IHostedService
    {
        private JobExecutorHostedService? _inner;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (!services.GetRequiredService<IOptions<EngineOptions>>().Value.JobExecutor.Enabled)
            {
                return Task.CompletedTask;
            }
            _inner = ActivatorUtilities.CreateInstance<JobExecutorHostedService>(services);
            return _inner.StartAsync(cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => _inner?.StopAsync(cancellationToken) ?? Task.CompletedTask;
    }
}
