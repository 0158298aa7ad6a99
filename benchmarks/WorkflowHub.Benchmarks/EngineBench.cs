using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowHub.Engine;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Benchmarks;

/// <summary>
/// The host's model: the engine's tables as the server's contexts map them, the engine's model and then, on SQLite
/// (SqliteHubDbContext), the history id as a plain rowid; on PostgreSQL (PostgresHubDbContext) the engine's model
/// alone. (The server's Identity and feature tables are not here: no measured statement touches them.)
/// </summary>
internal sealed class BenchDbContext(DbContextOptions<BenchDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyWorkflowEngineModel();
        if (Database.IsSqlite())
        {
            // History is append-only and never deleted, so SQLite's plain rowid numbers it well enough; AUTOINCREMENT
            // would also write its sequence table on every step. Only the engine's own SQL inserts history rows.
            modelBuilder.Entity<HistoryRecord>().Property(h => h.Id).ValueGeneratedNever();
        }
    }
}

/// <summary>The measured service task: a C# handler that does nothing.</summary>
internal sealed class NoopHandler : IServiceTaskHandler
{
    public string Topic => "noop";

    public ValueTask ExecuteAsync(ServiceTaskContext context, CancellationToken ct) => ValueTask.CompletedTask;
}

/// <summary>
/// The engine over a SQLite file or a PostgreSQL database (<see cref="IEngineStorage"/>): start → serviceTask
/// (no-op handler) → userTask → end, driven like a client does: start, find the task, complete it. Every step
/// writes its history, as the engine always does.
/// </summary>
internal sealed class EngineBench : IScenario, IAsyncDisposable
{
    public const string ProcessKey = "bench";

    public static readonly string Xml = $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                          id="defs_bench" targetNamespace="http://workflowhub.bench">
          <bpmn:process id="{ProcessKey}" isExecutable="true">
            <bpmn:startEvent id="start"/>
            <bpmn:serviceTask id="call" name="No-op handler" camunda:topic="noop"/>
            <bpmn:userTask id="approve" name="Approve"/>
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call"/>
            <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="approve"/>
            <bpmn:sequenceFlow id="f3" sourceRef="approve" targetRef="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    private readonly IEngineStorage _storage;
    private readonly bool _backgroundCheckpoint;
    private readonly ServiceProvider _services;
    private readonly IRuntimeService _runtime;
    private readonly ITaskService _tasks;

    /// <param name="backgroundCheckpoint">Engine:SqliteCheckpoint:Enabled, on as the server runs it; off for SQLite's inline automatic checkpoint.</param>
    public EngineBench(IEngineStorage storage, string name, bool backgroundCheckpoint = true)
    {
        _backgroundCheckpoint = backgroundCheckpoint;
        _storage = storage;
        Name = name;

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        // The host's factory: contexts leased from EF Core's context pool, as the server's AddPooledDbContextFactory
        // does (on SQLite the engine takes one for its long-lived writer and a few for its readers, and keeps them;
        // on PostgreSQL every step and read leases one).
        services.AddSingleton<IEngineDbContextFactory>(new PooledFactory(new PooledDbContextFactory<BenchDbContext>(storage.Options)));
        services.AddSingleton<IServiceTaskHandler, NoopHandler>();
        services.AddWorkflowEngine();
        services.Configure<EngineOptions>(o =>
        {
            o.JobExecutor.Enabled = false;
            o.SqliteCheckpoint.Enabled = backgroundCheckpoint;
        });
        _services = services.BuildServiceProvider();
        _runtime = _services.GetRequiredService<IRuntimeService>();
        _tasks = _services.GetRequiredService<ITaskService>();
    }

    public string Name { get; }

    public PhaseTimer Start { get; } = new();
    public PhaseTimer Query { get; } = new();
    public PhaseTimer Complete { get; } = new();

    /// <summary>The rows one instance wrote, read back after the first warm-up instance (the ADO.NET baseline replays them).</summary>
    public EngineRows? Rows { get; private set; }

    public async Task SetupAsync()
    {
        await _storage.CreateSchemaAsync();
        await _services.GetRequiredService<IDefinitionService>().DeployAsync("bench.bpmn", Xml);
    }

    /// <summary>
    /// The database's settings as a connection the engine's DbContext opens sees them, how the host hands out
    /// contexts, and how the history table numbers its rows (checked in the schema).
    /// </summary>
    public string Describe() =>
        $"{_storage.Describe()}; pooled DbContexts (PooledDbContextFactory); {EngineTables.History}.id {_storage.HistoryId()}; "
        + (_backgroundCheckpoint ? "background checkpointer (Engine:SqliteCheckpoint, SQLite only)" : "SQLite's inline autocheckpoint (--autocheckpoint)");

    public async Task WarmupAsync(int count)
    {
        Rows = await CaptureRowsAsync();
        await Measurement.RunClientsAsync(count - 1, 1, i => InstanceAsync(-1 - i));
        Reset();
    }

    public void Reset()
    {
        Start.Reset();
        Query.Reset();
        Complete.Reset();
        _storage.Profile?.Reset();
    }

    public async Task<RunResult> RunAsync(int firstInstance, int count, int clients)
    {
        var measurement = new Measurement();
        await Measurement.RunClientsAsync(count, clients, i => InstanceAsync(firstInstance + i));
        return measurement.Stop(Name, count);
    }

    public IEnumerable<string> Details(int instances, double wallMs, int clients)
    {
        var summed = clients > 1 ? $"  (summed over {clients} clients)" : "";
        yield return string.Create(CultureInfo.InvariantCulture,
            $"  client phases, ms/inst: start {Start.MsPer(instances):F3}  task query {Query.MsPer(instances):F3}  complete {Complete.MsPer(instances):F3}{summed}");
        if (_storage.Profile is { } profile)
        {
            foreach (var line in profile.Report(instances, wallMs, clients))
            {
                yield return line;
            }
        }
    }

    private async Task InstanceAsync(int i)
    {
        var t0 = Stopwatch.GetTimestamp();
        var instance = await _runtime.StartAsync(new StartRequest(ProcessKey, $"order-{i}",
            new Dictionary<string, JsonNode?> { ["orderId"] = i }));
        var t1 = Stopwatch.GetTimestamp();
        var task = (await _tasks.QueryAsync(new TaskQuery { InstanceId = instance.Id })).Items.Single();
        var t2 = Stopwatch.GetTimestamp();
        await _tasks.CompleteAsync(task.Id, new Dictionary<string, JsonNode?> { ["approved"] = true });
        var t3 = Stopwatch.GetTimestamp();
        Start.Add(t1 - t0);
        Query.Add(t2 - t1);
        Complete.Add(t3 - t2);
    }

    /// <summary>Runs one instance and reads back what each of its two steps wrote.</summary>
    private async Task<EngineRows> CaptureRowsAsync()
    {
        var instance = await _runtime.StartAsync(new StartRequest(ProcessKey, "order-capture",
            new Dictionary<string, JsonNode?> { ["orderId"] = 0 }));
        await using var db = new BenchDbContext(_storage.Options);
        var started = await db.Set<ProcessInstanceRecord>().AsNoTracking().SingleAsync(x => x.Id == instance.Id);
        var task = await db.Set<UserTaskRecord>().AsNoTracking().SingleAsync(x => x.InstanceId == instance.Id);
        var firstHistory = await db.Set<HistoryRecord>().AsNoTracking().Where(h => h.InstanceId == instance.Id).OrderBy(h => h.Id).ToListAsync();
        await _tasks.CompleteAsync(task.Id, new Dictionary<string, JsonNode?> { ["approved"] = true });
        var ended = await db.Set<ProcessInstanceRecord>().AsNoTracking().SingleAsync(x => x.Id == instance.Id);
        var allHistory = await db.Set<HistoryRecord>().AsNoTracking().Where(h => h.InstanceId == instance.Id).OrderBy(h => h.Id).ToListAsync();
        if (ended.Status != InstanceStatus.Completed)
        {
            throw new InvalidOperationException($"The benchmark instance did not complete (status {ended.Status}).");
        }
        return new EngineRows(started, ended, task, firstHistory, allHistory.Skip(firstHistory.Count).ToList());
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private sealed class PooledFactory(PooledDbContextFactory<BenchDbContext> pool) : IEngineDbContextFactory
    {
        public DbContext CreateDbContext() => pool.CreateDbContext();
    }
}

/// <summary>One instance's rows as the engine wrote them: the instance after each step, the task, and each step's history.</summary>
internal sealed record EngineRows(
    ProcessInstanceRecord Started, ProcessInstanceRecord Ended, UserTaskRecord Task,
    IReadOnlyList<HistoryRecord> StartHistory, IReadOnlyList<HistoryRecord> CompleteHistory);
