using System.Collections.Concurrent;
using System.Diagnostics;
using WorkflowHub.Server.Tests.Notices;

namespace WorkflowHub.Benchmarks.Harness;

/// <summary>
/// Scenarios 1 and 2: a webhook load while nodes are killed with SIGKILL and started again. Three PostgreSQL nodes,
/// one killed every 30 s for 3 minutes; or the single SQLite node killed 20 times at random moments. A sender
/// retries a delivery that got no 202 (on another node, same Idempotency-Key) until it is acknowledged; deliveries
/// are offered at 100/s, below what the nodes sustain, so the timers' lateness shows the takeover time. Each
/// instance waits on a 5 s timer before its two tasks. Afterwards: every acknowledged delivery made exactly one
/// instance, every timer fired exactly once (a job that ran twice would fire its timer twice), no job is left, and
/// every timer job a killed node held was run by another process within one lease (<see cref="Takeover"/>).
/// </summary>
internal static class KillNodes
{
    private const int Senders = 16;

    /// <summary>Deliveries per second offered: below saturation, so a timer's lateness measures the takeover, not a backlog.</summary>
    private const int Rate = 100;

    /// <summary>
    /// Starts a killed node again; on a starved machine a start can miss its host's startup timeout and exit, so it
    /// is tried three times before the scenario gives up (bounded, and the figures so far are still printed).
    /// </summary>
    private static async Task RestartAsync(WorkflowHub.Testing.ServerNode node)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                node.Start();
                await node.WaitHealthyAsync(TimeSpan.FromSeconds(120));
                return;
            }
            catch (Exception ex) when (ex is TimeoutException or InvalidOperationException && attempt < 3)
            {
                Console.WriteLine($"  {node.Name} did not come back ({ex.Message}); starting it again");
                node.Kill();
            }
        }
    }

    public static async Task<bool> RunAsync(HarnessOptions options, bool postgres)
    {
        var name = postgres ? "kill-pg" : "kill-sqlite";
        var seconds = options.Duration(180);
        var kills = postgres ? Math.Max(1, seconds / 30) : 20;
        var target = postgres ? 0 : options.Count(10_000);
        var lease = TimeSpan.FromSeconds(30);
        Console.WriteLine($"{name}: {(postgres ? $"3 nodes, one SIGKILLed every 30 s for {seconds} s" : $"1 node, {kills} SIGKILLs during {target} deliveries (at most {seconds} s)")}");
        await using var smtp = new TestSmtpServer();
        await using var cluster = await Cluster.StartAsync(options, name, postgres, postgres ? 3 : 1,
            new Dictionary<string, string>(OutboxInvariant.MailSettings(smtp)) { ["Engine:JobExecutor:LeaseDuration"] = lease.ToString("c") });
        var takeover = new Takeover(cluster.Database, lease);
        var admin = await HubApi.AdminAsync(cluster.Nodes[0].BaseAddress);
        await HubApi.DeployAsync(admin, HubApi.IntakeFlow("killed", "Killed", timer: "PT5S", notice: true));
        var secret = await HubApi.CreateWebhookAsync(admin, "hotline", "Killed");
        var clients = cluster.Nodes.Select(n => HubApi.Anonymous(n.BaseAddress)).ToList();

        var acked = new ConcurrentBag<string>();
        var failedAttempts = 0;
        var next = -1;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var watch = Stopwatch.StartNew();
        var load = Task.WhenAll(Enumerable.Range(0, Senders).Select(async s =>
        {
            var random = new Random(s);
            while (!stop.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref next);
                if (target > 0 && n >= target)
                {
                    return;
                }
                var due = TimeSpan.FromSeconds((double)n / Rate) - watch.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due);
                }
                var id = $"k{n}";
                // Retried until acknowledged, bounded: a delivery the sender gives up on is simply not counted as acknowledged.
                for (var attempt = 0; attempt < 600; attempt++)
                {
                    try
                    {
                        using var response = await clients[random.Next(clients.Count)].SendAsync(HubApi.Delivery("hotline", secret, id));
                        if ((int)response.StatusCode == 202)
                        {
                            acked.Add(id);
                            break;
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                    {
                    }
                    Interlocked.Increment(ref failedAttempts);
                    await Task.Delay(100);
                }
            }
        }));

        var killer = Task.Run(async () =>
        {
            var random = new Random(42);
            // SQLite: kill k falls at a random moment of its slot, one slot per kill over the load's planned length, so
            // all of them land among the deliveries; a kill whose moment passed during a slow restart follows at once.
            var slot = TimeSpan.FromSeconds((double)target / Rate / Math.Max(1, kills));
            for (var k = 0; k < kills && !load.IsCompleted; k++)
            {
                var pause = postgres ? TimeSpan.FromSeconds(30) : (k + random.NextDouble()) * slot - watch.Elapsed;
                if (pause < TimeSpan.Zero)
                {
                    pause = TimeSpan.Zero;
                }
                await Task.WhenAny(Task.Delay(pause), load);
                if (load.IsCompleted)
                {
                    break;
                }
                var victim = cluster.Nodes[random.Next(cluster.Nodes.Count)];
                var owner = victim.LeaseOwner;
                var killedAt = DateTimeOffset.UtcNow;
                victim.Kill();
                Console.WriteLine($"  {watch.Elapsed.TotalSeconds,6:0.0} s: SIGKILL {victim.Name}");
                await takeover.RecordAsync(victim.Name, owner, killedAt);
                try
                {
                    await RestartAsync(victim);
                }
                catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
                {
                    // No more kills; the checks below still run and print (and fail: the node's work is left).
                    Console.WriteLine($"  {victim.Name} did not come back after three starts: {ex.Message}");
                    break;
                }
            }
        });
        await Task.WhenAll(load, killer);
        Console.WriteLine($"  load over after {watch.Elapsed.TotalSeconds:0} s: {acked.Count} deliveries acknowledged, {failedAttempts} attempts refused or cut");

        var settled = await cluster.WaitForJobsAsync(TimeSpan.FromSeconds(120));
        var instances = await cluster.InstancesByBusinessKeyAsync("killed");
        var missing = acked.Count(id => instances.GetValueOrDefault(id) == 0);
        var doubled = instances.Count(kv => kv.Value > 1);
        var fired = await cluster.TimersFiredAsync("killed");
        var firedTwice = fired.GroupBy(f => f.Instance).Count(g => g.Count() > 1);
        var notFired = instances.Values.Sum() - fired.Select(f => f.Instance).Distinct().Count();
        var lags = fired.Select(f => Math.Max(0, (f.Fired - f.Due).TotalSeconds)).ToList();
        Console.WriteLine($"  instances {instances.Values.Sum()}; acknowledged without an instance: {missing}; business keys with 2+ instances: {doubled}");
        Console.WriteLine($"  timers fired {fired.Count}; fired twice: {firedTwice}; not fired: {notFired}; jobs left: {await cluster.JobsLeftAsync()}");
        Console.WriteLine($"  timer lag after due (not takeover: includes time a job waited, leased, before its node was killed): {Figures.Describe(lags)}");
        var tookOver = takeover.Report(fired, out var takeoverSummary);
        var mail = await OutboxInvariant.CheckAsync(cluster.Database, smtp, "killed", instances.Values.Sum(), stalled: TimeSpan.FromSeconds(60));
        Console.WriteLine($"  mail outbox: {mail}");
        var invariants = Figures.Verdict(name, settled && missing == 0 && doubled == 0 && firedTwice == 0 && notFired == 0 && acked.Count > 0 && mail.Holds,
            "every acknowledged delivery one instance, every job/timer once, every notice at the SMTP server with one Message-ID",
            $"{acked.Count} acknowledged, {missing} lost, {doubled} doubled, {firedTwice} timers twice, {notFired} not fired, {mail.Undelivered} notices undelivered");
        var inTime = Figures.Verdict(name + " takeover", tookOver,
            $"every timer job a killed node held runs in another process within the lease ({lease.TotalSeconds:0} s) + {Takeover.Tolerance.TotalSeconds:0} s",
            takeoverSummary);
        return invariants && inTime;
    }
}
