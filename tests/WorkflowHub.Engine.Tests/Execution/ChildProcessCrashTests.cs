using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Runtime;
using WorkflowHub.Engine.Services;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using Xunit.Abstractions;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>
/// Crash safety under load: a child process (tests/WorkflowHub.Engine.LoadChild) drives an engine over a SQLite
/// file as fast as it can and is killed mid-run; a fresh engine then opens the same file. Every step the child
/// reported must be there, the rows must match the tokens, every due timer must fire once, and every instance
/// must still be completable. The flow: start → asyncBefore service task → user task with a non-interrupting
/// R3/PT1M cycle timer boundary → end.
/// </summary>
public sealed partial class ChildProcessCrashTests(ITestOutputHelper output)
{
    private const string Key = "crashload";
    /// <summary>Per child: progress lines to wait for before the kill, and whether due jobs run in a loop of their own, concurrently.</summary>
    private static readonly (int Lines, bool ConcurrentJobs)[] Children = [(60, false), (90, true), (120, false)];
    private const int TimerRepeats = 3;
    private static readonly TimeSpan TimerEvery = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan PastEveryLeaseAndTimer = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task KillingTheEngineProcessMidLoad_LosesNoCommittedStep_LeavesRowsMatchingTokens_AndEveryDueTimerFiresOnce()
    {
        await using var database = TestDatabase.CreateSqlite();

        // 1. Three child processes in turn, each killed mid-run; each goes on from the clock the previous one reached,
        //    takes over the jobs leased by the dead one once their leases expire, and must find consistent rows.
        var before = Snapshot.Empty;
        foreach (var (lines, concurrentJobs) in Children)
        {
            var last = await RunChildAndKillAsync(database.Name, lines, before.Instances.Count == 0 ? null : before.ChildClock, concurrentJobs);
            var now = await Snapshot.ReadAsync(database);
            output.WriteLine($"killed after {last}; stored: {now.Describe()}; child clock {now.ChildClock:O}");
            // Nothing the child reported as done is lost: it prints a progress line only after those steps committed.
            Assert.True(now.Instances.Count >= before.Instances.Count + last.Started,
                $"{now.Instances.Count} instances stored, {before.Instances.Count} before the child, which started {last.Started}");
            Assert.True(now.CompletedCount >= before.CompletedCount + last.Completed,
                $"{now.CompletedCount} completed instances stored, {before.CompletedCount} before the child, which completed {last.Completed}");
            now.AssertRowsMatchTokens();
            now.AssertTimersFiredOnceEach(allFired: false);
            before = now;
        }

        // The new engine's clock starts where the last child's stood.
        var clock = new FakeTimeProvider(before.ChildClock);
        await using var engine = new EngineHarness(database, clock, s => s.AddSingleton<IServiceTaskHandler>(new NoopHandler()));

        // 2. Past every lease the dead process held and every timer it left: the jobs run, the continuations create
        //    tasks and timers of their own; past those too, every cycle has fired all its times.
        await engine.AdvanceAsync(PastEveryLeaseAndTimer);
        var afterJobs = await Snapshot.ReadAsync(database);
        afterJobs.AssertRowsMatchTokens();
        Assert.DoesNotContain(afterJobs.Jobs, j => j.DueAt <= clock.GetUtcNow());
        Assert.DoesNotContain(afterJobs.Instances, i => i.Tokens.Any(t => t.ElementId == "prepare"));
        await engine.AdvanceAsync(PastEveryLeaseAndTimer);
        var afterTimers = await Snapshot.ReadAsync(database);
        afterTimers.AssertRowsMatchTokens();
        afterTimers.AssertTimersFiredOnceEach(allFired: true);
        Assert.Empty(afterTimers.Jobs);
        output.WriteLine($"after the timers: {afterTimers.Describe()}");

        // 3. Every instance can be completed, and then nothing is left behind.
        var completedHere = 0;
        for (var open = await engine.OpenTasksAsync(); open.Count > 0; open = await engine.OpenTasksAsync())
        {
            foreach (var task in open)
            {
                await engine.Tasks.CompleteAsync(task.Id);
                completedHere++;
            }
        }
        Assert.Equal(afterTimers.Instances.Count(i => i.Record.Status == InstanceStatus.Running), completedHere);
        Assert.Equal(0, await engine.Jobs.ExecuteDueJobsAsync());
        var end = await Snapshot.ReadAsync(database);
        Assert.All(end.Instances, i => Assert.Equal(InstanceStatus.Completed, i.Record.Status));
        end.AssertRowsMatchTokens();
        end.AssertTimersFiredOnceEach(allFired: false);
        Assert.Empty(end.Tasks);
        Assert.Empty(end.Jobs);
        Assert.Empty(end.Incidents);
        Assert.All(end.Instances, i =>
        {
            Assert.Equal(1, end.HistoryOf(i.Id).Count(h => h.Type == HistoryTypes.InstanceStarted));
            Assert.Equal(1, end.HistoryOf(i.Id).Count(h => h.Type == HistoryTypes.InstanceCompleted));
            Assert.Equal(1, end.HistoryOf(i.Id).Count(h => h.Type == HistoryTypes.TaskCompleted));
        });
    }

    // ---- the child process ----

    private sealed record Progress(int Iteration, long Started, long Completed, long Jobs);

    [GeneratedRegex(@"^progress n=(\d+) started=(\d+) completed=(\d+) jobs=(\d+) now=(\d+)$")]
    private static partial Regex ProgressLine();

    /// <summary>Starts the child on the file, waits for its N-th progress line, kills it and its tree; returns that line.</summary>
    private static async Task<Progress> RunChildAndKillAsync(string databasePath, int lines, DateTimeOffset? clock, bool concurrentJobs)
    {
        var start = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(LoadChildAssembly());
        start.ArgumentList.Add(databasePath);
        if (clock is { } at)
        {
            start.ArgumentList.Add("--clock");
            start.ArgumentList.Add(at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        }
        start.ArgumentList.Add("--concurrent-jobs");
        start.ArgumentList.Add(concurrentJobs ? "1" : "0");
        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the load child");
        var stderr = new StringBuilder();
        child.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        child.BeginErrorReadLine();

        Progress? last = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        try
        {
            var seen = 0;
            while (seen < lines)
            {
                var line = await child.StandardOutput.ReadLineAsync(timeout.Token);
                if (line is null)
                {
                    await child.WaitForExitAsync(timeout.Token);
                    lock (stderr)
                    {
                        Assert.Fail($"the load child exited with {child.ExitCode} after {seen} progress lines:\n{stderr}");
                    }
                }
                var m = ProgressLine().Match(line!);
                if (m.Success)
                {
                    seen++;
                    last = new Progress(Int(m, 1), Long(m, 2), Long(m, 3), Long(m, 4));
                }
            }
        }
        finally
        {
            // Mid-iteration: the child never waits, so it is inside a step (or between two) right now.
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
            }
            await child.WaitForExitAsync(CancellationToken.None);
        }
        return last!;

        static int Int(Match m, int g) => int.Parse(m.Groups[g].ValueSpan, CultureInfo.InvariantCulture);
        static long Long(Match m, int g) => long.Parse(m.Groups[g].ValueSpan, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The child's build output: the test project references it for build order only, so it sits in the child's own
    /// bin folder under the same configuration and framework as this assembly. Built here if it is missing.
    /// </summary>
    private static string LoadChildAssembly()
    {
        var here = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var framework = Path.GetFileName(here);
        var configuration = Path.GetFileName(Path.GetDirectoryName(here))!;
        var project = Path.GetFullPath(Path.Combine(here, "..", "..", "..", "..", "WorkflowHub.Engine.LoadChild"));
        var assembly = Path.Combine(project, "bin", configuration, framework, "WorkflowHub.Engine.LoadChild.dll");
        if (!File.Exists(assembly))
        {
            var build = new ProcessStartInfo(DotnetHost) { UseShellExecute = false, RedirectStandardOutput = true };
            foreach (var a in new[] { "build", Path.Combine(project, "WorkflowHub.Engine.LoadChild.csproj"), "-c", configuration, "--nologo", "-v", "q" })
            {
                build.ArgumentList.Add(a);
            }
            using var process = Process.Start(build)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0 && File.Exists(assembly), $"building the load child failed:\n{output}");
        }
        return assembly;
    }

    /// <summary>The dotnet executable running the tests (set by the SDK for its child processes), else "dotnet" from PATH.</summary>
    private static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private sealed class NoopHandler : IServiceTaskHandler
    {
        public string Topic => "noop";

        public ValueTask ExecuteAsync(ServiceTaskContext context, CancellationToken ct) => ValueTask.CompletedTask;
    }

    // ---- what is in the file ----

    private sealed record Instance(ProcessInstanceRecord Record, InstanceState State)
    {
        public string Id => Record.Id;
        public List<Token> Tokens => State.Tokens;
    }

    private sealed class Snapshot
    {
        public required List<Instance> Instances { get; init; }
        public required List<UserTaskRecord> Tasks { get; init; }
        public required List<JobRecord> Jobs { get; init; }
        public required List<MessageSubscriptionRecord> Subscriptions { get; init; }
        public required List<IncidentRecord> Incidents { get; init; }
        public required ILookup<string, HistoryEvent> History { get; init; }

        /// <summary>Where the child's clock stood: the latest instant it wrote (a job lease runs 5 minutes ahead of it).</summary>
        public DateTimeOffset ChildClock { get; private init; }

        public IEnumerable<HistoryEvent> HistoryOf(string instanceId) => History[instanceId];

        public int CompletedCount => Instances.Count(i => i.Record.Status == InstanceStatus.Completed);

        public string Describe() =>
            $"{Instances.Count} instances ({Instances.Count(i => i.Record.Status == InstanceStatus.Completed)} completed, "
            + $"{Instances.Count(i => i.Tokens.Any(t => t.ElementId == "prepare"))} at the async task, {Tasks.Count} open tasks), "
            + $"{Jobs.Count(j => j.Kind == JobKind.Continuation)} continuation and {Jobs.Count(j => j.Kind == JobKind.Timer)} timer jobs "
            + $"({Jobs.Count(j => j.LeaseOwner is not null)} leased), {History.Sum(g => g.Count(h => h.Type == HistoryTypes.TimerFired))} timer firings";

        public static Snapshot Empty { get; } = new()
        {
            Instances = [], Tasks = [], Jobs = [], Subscriptions = [], Incidents = [],
            History = Array.Empty<HistoryEvent>().ToLookup(h => h.InstanceId),
        };

        public static async Task<Snapshot> ReadAsync(TestDatabase database)
        {
            await using var db = new EngineTestDbContext(database.CreateOptions<EngineTestDbContext>());
            var records = await db.Set<ProcessInstanceRecord>().AsNoTracking().ToListAsync();
            var jobs = await db.Set<JobRecord>().AsNoTracking().ToListAsync();
            var history = (await db.Set<HistoryRecord>().AsNoTracking().OrderBy(h => h.Id).ToListAsync()).SelectMany(r => HistoryEvents.Unfold(r)).ToList();
            var times = history.Select(h => h.Timestamp).Concat(jobs.Select(j => j.CreatedAt))
                .Concat(jobs.Where(j => j.LeaseExpiresAt is not null).Select(j => j.LeaseExpiresAt!.Value - TimeSpan.FromMinutes(5)));
            return new Snapshot
            {
                Instances = records.Select(r => new Instance(r, InstanceState.Deserialize(r.State))).ToList(),
                Tasks = await db.Set<UserTaskRecord>().AsNoTracking().ToListAsync(),
                Jobs = jobs,
                Subscriptions = await db.Set<MessageSubscriptionRecord>().AsNoTracking().ToListAsync(),
                Incidents = await db.Set<IncidentRecord>().AsNoTracking().ToListAsync(),
                History = history.ToLookup(h => h.InstanceId),
                ChildClock = times.DefaultIfEmpty(EngineHarness.Epoch).Max(),
            };
        }

        /// <summary>
        /// Every running instance holds exactly one token, waiting at the async service task on one continuation job or
        /// at the user task with its one task row and at most one timer job; a completed one holds none. Every task and
        /// job row belongs to a token of a running instance that lists it; no token has two tasks or two jobs of one element.
        /// </summary>
        public void AssertRowsMatchTokens()
        {
            var byId = Instances.ToDictionary(i => i.Id);
            Assert.Empty(Subscriptions);
            Assert.DoesNotContain(Incidents, i => i.ResolvedAt is null);
            foreach (var x in Instances)
            {
                Assert.Equal(Key, x.Record.ProcessKey);
                Assert.Equal(x.Tokens.Count, x.Tokens.Select(t => t.Id).Distinct().Count());
                if (x.Record.Status == InstanceStatus.Completed)
                {
                    Assert.Empty(x.Tokens);
                    Assert.NotNull(x.Record.EndedAt);
                    continue;
                }
                Assert.Equal(InstanceStatus.Running, x.Record.Status);
                var token = Assert.Single(x.Tokens);
                Assert.Null(token.ParentId);
                Assert.Equal(TokenState.Waiting, token.State);
                var jobs = Jobs.Where(j => j.InstanceId == x.Id).ToList();
                var tasks = Tasks.Where(t => t.InstanceId == x.Id).ToList();
                Assert.All(jobs, j => Assert.Equal(token.Id, j.TokenId));
                Assert.Equal((token.JobIds ?? []).Order(StringComparer.Ordinal), jobs.Select(j => j.Id).Order(StringComparer.Ordinal));
                switch (token.ElementId)
                {
                    case "prepare":
                        Assert.Null(token.TaskId);
                        Assert.Empty(tasks);
                        var continuation = Assert.Single(jobs);
                        Assert.Equal(JobKind.Continuation, continuation.Kind);
                        Assert.Equal("prepare", continuation.ElementId);
                        break;
                    case "review":
                        var task = Assert.Single(tasks);
                        Assert.Equal(token.TaskId, task.Id);
                        Assert.Equal(token.Id, task.TokenId);
                        Assert.Equal("review", task.ElementId);
                        Assert.True(jobs.Count <= 1, $"{x.Id} has {jobs.Count} jobs at the user task");
                        Assert.All(jobs, j => Assert.Equal((JobKind.Timer, "remind"), (j.Kind, j.ElementId)));
                        Assert.Single(HistoryOf(x.Id), h => h.Type == HistoryTypes.TaskCreated);
                        break;
                    default:
                        Assert.Fail($"{x.Id}: a token waits at '{token.ElementId}'");
                        break;
                }
            }
            Assert.All(Tasks, t => Assert.True(byId.TryGetValue(t.InstanceId, out var x) && x.Tokens.Any(k => k.TaskId == t.Id),
                $"task {t.Id} has no token"));
            Assert.All(Jobs, j => Assert.True(j.InstanceId is not null && byId.TryGetValue(j.InstanceId, out var x)
                && x.Tokens.Any(k => k.Id == j.TokenId && k.JobIds?.Contains(j.Id) == true), $"job {j.Id} ({j.Kind} {j.ElementId}) has no token"));
            Assert.Equal(Tasks.Count, Tasks.Select(t => (t.InstanceId, t.TokenId)).Distinct().Count());
            Assert.Equal(Jobs.Count, Jobs.Select(j => (j.InstanceId, j.TokenId, j.ElementId)).Distinct().Count());
            Assert.DoesNotContain(Jobs, j => j.Suspended);
        }

        /// <summary>
        /// A cycle timer's firings of one user-task visit are due at task creation + 1, 2, 3 minutes, each fired once
        /// (history "timer.fired" per due time), never more than R3 allows; with <paramref name="allFired"/>, every
        /// open task's timer has fired all three times.
        /// </summary>
        public void AssertTimersFiredOnceEach(bool allFired)
        {
            foreach (var x in Instances)
            {
                var history = HistoryOf(x.Id).ToList();
                foreach (var visit in history.Where(h => h.Type == HistoryTypes.TimerFired).GroupBy(h => h.TokenId))
                {
                    var created = Assert.Single(history, h => h.Type == HistoryTypes.TaskCreated && h.TokenId == visit.Key).Timestamp;
                    var dues = visit.Select(h => DateTimeOffset.Parse(h.Data!["due"]!.GetValue<string>(), CultureInfo.InvariantCulture))
                        .Order().ToList();
                    Assert.True(dues.Count <= TimerRepeats, $"{x.Id}/{visit.Key}: the timer fired {dues.Count} times");
                    Assert.Equal(Enumerable.Range(1, dues.Count).Select(k => created + k * TimerEvery), dues);
                    Assert.All(visit, h => Assert.Equal("remind", h.Data!["elementId"]!.GetValue<string>()));
                }
                if (allFired && x.Record.Status == InstanceStatus.Running)
                {
                    var token = Assert.Single(x.Tokens);
                    Assert.Equal(TimerRepeats, history.Count(h => h.Type == HistoryTypes.TimerFired && h.TokenId == token.Id));
                    Assert.Null(token.JobIds is { Count: > 0 } ? token.JobIds : null);
                }
            }
        }
    }
}
