using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Services;
using WorkflowHub.Testing;

namespace WorkflowHub.Engine.Tests.Support;

/// <summary>
/// An engine over a fresh database of the given provider, with a fake clock and handlers registered by the test.
/// Disposing it only drops the services; the database lives as long as the owning test.
/// </summary>
public sealed class EngineHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Epoch = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;

    public EngineHarness(TestDatabase database, FakeTimeProvider? clock = null, Action<IServiceCollection>? configure = null)
    {
        Database = database;
        Clock = clock ?? new FakeTimeProvider(Epoch);
        var options = database.CreateOptions<EngineTestDbContext>();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IEngineDbContextFactory>(new Factory(options));
        services.AddWorkflowEngine();
        services.Configure<EngineOptions>(o => o.JobExecutor.Enabled = false);
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
    }

    public TestDatabase Database { get; }
    public FakeTimeProvider Clock { get; }
    public IServiceProvider Services => _services;
    public IDefinitionService Definitions => _services.GetRequiredService<IDefinitionService>();
    public IRuntimeService Runtime => _services.GetRequiredService<IRuntimeService>();
    public ITaskService Tasks => _services.GetRequiredService<ITaskService>();
    public IHistoryService History => _services.GetRequiredService<IHistoryService>();
    public IIncidentService Incidents => _services.GetRequiredService<IIncidentService>();
    public IJobExecutor Jobs => _services.GetRequiredService<IJobExecutor>();

    public static async Task<EngineHarness> CreateAsync(TestDatabase database, Action<IServiceCollection>? configure = null)
    {
        await using (var db = new EngineTestDbContext(database.CreateOptions<EngineTestDbContext>()))
        {
            await db.Database.EnsureCreatedAsync();
        }
        return new EngineHarness(database, configure: configure);
    }

    public EngineTestDbContext NewContext() => new(Database.CreateOptions<EngineTestDbContext>());

    public Task<DeploymentResult> DeployAsync(string xml, string name = "test.bpmn") => Definitions.DeployAsync(name, xml);

    public Task<InstanceSummary> StartAsync(string key, string? businessKey = null, object? variables = null) =>
        Runtime.StartAsync(new StartRequest(key, businessKey, Vars(variables)));

    /// <summary>Moves the clock and runs every job that became due, as the hosted executor would.</summary>
    public async Task<int> AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        return await Jobs.ExecuteDueJobsAsync();
    }

    public async Task<IReadOnlyList<TaskInfo>> OpenTasksAsync(string? instanceId = null) =>
        (await Tasks.QueryAsync(new TaskQuery { InstanceId = instanceId, PageSize = 500 })).Items;

    public async Task<TaskInfo> SingleTaskAsync(string instanceId, string? elementId = null)
    {
        var tasks = await OpenTasksAsync(instanceId);
        return Assert.Single(elementId is null ? tasks : tasks.Where(t => t.ElementId == elementId));
    }

    public async Task<InstanceDetail> InstanceAsync(string instanceId) =>
        await Runtime.GetInstanceAsync(instanceId) ?? throw new InvalidOperationException($"no instance {instanceId}");

    public async Task<JsonNode?> VariableAsync(string instanceId, string name) =>
        (await InstanceAsync(instanceId)).Variables.GetValueOrDefault(name);

    public async Task<List<T>> RowsAsync<T>() where T : class
    {
        await using var db = NewContext();
        return await db.Set<T>().AsNoTracking().ToListAsync();
    }

    public static IReadOnlyDictionary<string, JsonNode?>? Vars(object? values) =>
        values is null ? null : System.Text.Json.JsonSerializer.SerializeToNode(values)!.AsObject()
            .ToDictionary(kv => kv.Key, kv => kv.Value?.DeepClone());

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private sealed class Factory(DbContextOptions<EngineTestDbContext> options) : IEngineDbContextFactory
    {
        public DbContext CreateDbContext() => new EngineTestDbContext(options);
    }
}
