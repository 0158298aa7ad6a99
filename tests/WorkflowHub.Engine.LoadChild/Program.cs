using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowHub.Engine;
using WorkflowHub.Engine.LoadChild;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Services;

// Load generator for the crash-safety test: drives one engine over a SQLite file (WAL) as fast as it can,
// on a clock that moves 10 seconds per iteration so that timers fall due while it runs, and prints one
// "progress" line after each iteration, only once everything it counts has been committed.
//
//   dotnet exec WorkflowHub.Engine.LoadChild.dll <sqlite file> [--iterations N] [--clock <unix ms>] [--concurrent-jobs 1]
//
// The clock starts at --clock (default 2026-03-02T08:00Z), so a second run on the same file goes on from the first.
// With --concurrent-jobs 1 a second loop runs due jobs all the time, concurrently with the starts and completions.
// Each iteration: starts 3 instances, runs every due job (asyncBefore continuations, cycle timers),
// completes the oldest and the newest open task.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: WorkflowHub.Engine.LoadChild <sqlite file> [--iterations N] [--clock <unix ms>]");
    return 2;
}
var path = args[0];
var iterations = int.MaxValue;
var clockStart = LoadFlow.Epoch;
var concurrentJobs = false;
for (var i = 1; i + 1 < args.Length; i += 2)
{
    var value = long.Parse(args[i + 1], CultureInfo.InvariantCulture);
    switch (args[i])
    {
        case "--iterations":
            iterations = checked((int)value);
            break;
        case "--clock":
            clockStart = DateTimeOffset.FromUnixTimeMilliseconds(value);
            break;
        case "--concurrent-jobs":
            concurrentJobs = value != 0;
            break;
        default:
            Console.Error.WriteLine($"unknown option {args[i]}");
            return 2;
    }
}

var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
var options = new DbContextOptionsBuilder<ChildDbContext>().UseSqlite(connectionString).Options;
await using (var db = new ChildDbContext(options))
{
    await db.Database.EnsureCreatedAsync();
    await db.Database.OpenConnectionAsync();
    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
}

var clock = new SteppedClock(clockStart);
var services = new ServiceCollection();
services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
services.AddSingleton<TimeProvider>(clock);
services.AddSingleton<IEngineDbContextFactory>(new ChildContextFactory(options));
services.AddSingleton<IServiceTaskHandler, NoopHandler>();
services.AddWorkflowEngine();
services.Configure<EngineOptions>(o => o.JobExecutor.Enabled = false);
await using var provider = services.BuildServiceProvider();
var runtime = provider.GetRequiredService<IRuntimeService>();
var tasks = provider.GetRequiredService<ITaskService>();
var jobs = provider.GetRequiredService<IJobExecutor>();

var deployment = await provider.GetRequiredService<IDefinitionService>().DeployAsync("load.bpmn", LoadFlow.Xml);
Console.WriteLine($"ready definition={deployment.Processes[0].Id}");

long started = 0, completed = 0, jobsRun = 0;
using var stop = new CancellationTokenSource();
var jobLoop = concurrentJobs
    ? Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested)
        {
            Interlocked.Add(ref jobsRun, await jobs.ExecuteDueJobsAsync(stop.Token));
            await Task.Yield();
        }
    })
    : Task.CompletedTask;
try
{
    for (var n = 1; n <= iterations; n++)
    {
        clock.Advance(TimeSpan.FromSeconds(10));
        for (var k = 0; k < 3; k++)
        {
            await runtime.StartAsync(new StartRequest(LoadFlow.Key, $"load-{n}-{k}"));
            started++;
        }
        if (!concurrentJobs)
        {
            jobsRun += await jobs.ExecuteDueJobsAsync();
        }
        if (jobLoop.IsFaulted)
        {
            await jobLoop;
        }
        var oldest = (await tasks.QueryAsync(new TaskQuery { ProcessKey = LoadFlow.Key, PageSize = 1 })).Items;
        var newest = (await tasks.QueryAsync(new TaskQuery { ProcessKey = LoadFlow.Key, PageSize = 1, Descending = true })).Items;
        foreach (var task in oldest.Concat(newest).DistinctBy(t => t.Id))
        {
            await tasks.CompleteAsync(task.Id);
            completed++;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"progress n={n} started={started} completed={completed} jobs={Interlocked.Read(ref jobsRun)} now={clock.GetUtcNow().ToUnixTimeMilliseconds()}"));
    }
    await stop.CancelAsync();
    await jobLoop;
}
catch (Exception ex) when (ex is not OperationCanceledException || !stop.IsCancellationRequested)
{
    Console.Error.WriteLine($"load child failed: {ex}");
    return 1;
}
return 0;
