using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowHub.Engine;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Benchmarks;

/// <summary>
/// The host's model: the engine's tables as the server's SQLite context (SqliteHubDbContext) maps them, the engine's
/// model and then, on SQLite, the history id as a plain rowid. (The server's Identity and feature tables are not
/// here: no measured statement touches them.)
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
/// The engine over a SQLite file: start → serviceTask (no-op handler) → userTask → end, driven like a client
/// does: start, find the task, complete it. Every step writes its history, as the engine always does.
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

    private readonly string _connectionString;
    private readonly string? _synchronous;
    private readonly ServiceProvider _services;
    private readonly DbContextOptions<BenchDbContext> _options;
    private readonly IRuntimeService _runtime;
    private readonly ITaskService _tasks;
    private readonly SqlProfile? _profile;

    /// <param name="synchronous">PRAGMA synchronous set on every connection open (FULL, NORMAL, OFF), or null for SQLite's default.</param>
    public EngineBench(string path, string? synchronous, bool profile, string? name = null)
    {
        _connectionString = SqliteFiles.ConnectionString(path);
        _synchronous = synchronous;
        _profile = profile ? new SqlProfile() : null;
        var builder = new DbContextOptionsBuilder<BenchDbContext>().UseSqlite(_connectionString);
        var hook = new SqliteOpenHook(synchronous, _profile);
        if (hook.Needed)
        {
            builder.AddInterceptors(hook);
        }
        if (_profile is not null)
        {
            builder.AddInterceptors(new EfTransactionProbe(_profile), new EfCommandProbe(_profile));
        }
        _options = builder.Options;
        Name = name ?? (profile ? "engine (profiled)" : "engine");

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        // The host's factory: contexts leased from EF Core's context pool, as the server's AddPooledDbContextFactory
        // does (on SQLite the engine takes one for its long-lived writer and a few for its readers, and keeps them).
        services.AddSingleton<IEngineDbContextFactory>(new PooledFactory(new PooledDbContextFactory<BenchDbContext>(_options)));
        services.AddSingleton<IServiceTaskHandler, NoopHandler>();
        services.AddWorkflowEngine();
        services.Configure<EngineOptions>(o => o.JobExecutor.Enabled = false);
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
        await using (var db = new BenchDbContext(_options))
        {
            await db.Database.EnsureCreatedAsync();
        }
        SqliteFiles.EnableWal(_connectionString);
        await _services.GetRequiredService<IDefinitionService>().DeployAsync("bench.bpmn", Xml);
    }

    /// <summary>
    /// The file's settings as a connection the engine's DbContext opens (through the open hook) sees them, how the
    /// host hands out contexts, and how the history table numbers its rows (checked in the file's schema).
    /// </summary>
    public string Describe()
    {
        using var db = new BenchDbContext(_options);
        db.Database.OpenConnection();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var history = SqliteFiles.Scalar(connection, $"SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '{EngineTables.History}';") ?? "";
        var historyId = history.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase) ? "AUTOINCREMENT" : "rowid, no AUTOINCREMENT";
        return $"{SqliteFiles.Describe(connection, _synchronous)}; "
            + $"pooled DbContexts (PooledDbContextFactory); {EngineTables.History}.id {historyId}";
    }

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
        _profile?.Reset();
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
        if (_profile is not null)
        {
            foreach (var line in _profile.Report(instances, wallMs, clients))
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
        await using var db = new BenchDbContext(_options);
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

    private sealed class EfTransactionProbe(SqlProfile profile) : DbTransactionInterceptor
    {
        public override ValueTask<System.Data.Common.DbTransaction> TransactionStartedAsync(System.Data.Common.DbConnection connection,
            TransactionEndEventData eventData, System.Data.Common.DbTransaction result, CancellationToken cancellationToken = default)
        {
            profile.Began(eventData.Duration);
            return ValueTask.FromResult(result);
        }

        public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData,
            CancellationToken cancellationToken = default)
        {
            profile.Committed(eventData.Duration);
            return Task.CompletedTask;
        }
    }

    private sealed class EfCommandProbe(SqlProfile profile) : DbCommandInterceptor
    {
        public override ValueTask<System.Data.Common.DbDataReader> ReaderExecutedAsync(System.Data.Common.DbCommand command,
            CommandExecutedEventData eventData, System.Data.Common.DbDataReader result, CancellationToken cancellationToken = default)
        {
            profile.EfQuery(eventData.Duration);
            return ValueTask.FromResult(result);
        }
    }
}

/// <summary>One instance's rows as the engine wrote them: the instance after each step, the task, and each step's history.</summary>
internal sealed record EngineRows(
    ProcessInstanceRecord Started, ProcessInstanceRecord Ended, UserTaskRecord Task,
    IReadOnlyList<HistoryRecord> StartHistory, IReadOnlyList<HistoryRecord> CompleteHistory);
