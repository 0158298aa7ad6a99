using System.Collections.Concurrent;
using System.Diagnostics;

namespace WorkflowHub.Benchmarks.Harness;

/// <summary>
/// Scenario 4: signed deliveries at 500/s for 60 s (open loop: each is sent on its schedule, whatever the answers),
/// against one SQLite node or three PostgreSQL nodes; each starts an instance that creates two tasks.
/// </summary>
internal static class WebhookIntake
{
    public static async Task<bool> RunAsync(HarnessOptions options, bool postgres)
    {
        var name = postgres ? "intake-pg" : "intake";
        var rate = options.Rate ?? 500;
        var seconds = options.Duration(60);
        var total = options.Count(rate * seconds);
        Console.WriteLine($"{name}: {total} signed deliveries at {rate}/s on {(postgres ? 3 : 1)} node(s)");
        await using var cluster = await Cluster.StartAsync(options, name, postgres, postgres ? 3 : 1);
        var admin = await HubApi.AdminAsync(cluster.Nodes[0].BaseAddress);
        await HubApi.DeployAsync(admin, HubApi.IntakeFlow("intake", "Reported", timer: null));
        var secret = await HubApi.CreateWebhookAsync(admin, "hotline", "Reported");
        var senders = cluster.Nodes.Select(n => HubApi.Anonymous(n.BaseAddress)).ToList();

        var latencies = new ConcurrentBag<double>();
        var errors = new ConcurrentDictionary<string, int>();
        var accepted = new ConcurrentBag<string>();
        var cpu = new CpuMeter(cluster.Nodes);
        var watch = Stopwatch.StartNew();
        var sends = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - watch.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }
            var id = $"d{i}";
            var client = senders[i % senders.Count];
            sends.Add(Task.Run(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.SendAsync(HubApi.Delivery("hotline", secret, id));
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
                    if ((int)response.StatusCode == 202)
                    {
                        accepted.Add(id);
                    }
                    else
                    {
                        errors.AddOrUpdate(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    errors.AddOrUpdate(ex.GetType().Name, 1, (_, n) => n + 1);
                }
            }));
        }
        await Task.WhenAll(sends);
        var elapsed = watch.Elapsed.TotalSeconds;
        var achieved = accepted.Count / elapsed;
        var lat = latencies.ToList();
        lat.Sort();
        var p99 = Figures.Percentile(lat, 99);
        Console.WriteLine($"  {accepted.Count} accepted in {elapsed:0.0} s = {achieved:0} /s; errors: {(errors.IsEmpty ? "none" : string.Join(", ", errors.Select(e => $"{e.Key}×{e.Value}")))}");
        Console.WriteLine($"  latency: {Figures.Describe(lat)}");
        Console.WriteLine($"  CPU: {cpu.PerUnit(accepted.Count, "accepted delivery")}");

        var instances = await cluster.InstancesByBusinessKeyAsync("intake");
        // Per instance, in one read: a request the client gave up on may still commit while the harness counts.
        var notTwo = await cluster.Database.ScalarAsync("SELECT COUNT(*) FROM wf_instances i WHERE i.process_key = 'intake' AND (SELECT COUNT(*) FROM wf_tasks t WHERE t.instance_id = i.id) <> 2");
        var once = accepted.All(id => instances.GetValueOrDefault(id) == 1) && instances.Values.All(c => c == 1);
        Console.WriteLine($"  instances {instances.Count} (each accepted delivery exactly once: {once}); instances without exactly two tasks: {notTwo}");
        return Figures.Verdict(name, achieved >= rate * 0.98 && p99 < 0.100 && errors.IsEmpty && once && notTwo == 0,
            $"{rate}/s sustained, p99 < 100 ms, 0 errors, one instance per delivery", $"{achieved:0}/s, p99 {Figures.Ms(p99)}, {errors.Values.Sum()} errors");
    }
}
