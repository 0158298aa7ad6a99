using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

using WorkflowHub.Testing;

namespace WorkflowHub.Benchmarks.Harness;

/// <summary>
/// Scenario 7 (PostgreSQL): one node reaches the database through a loopback forwarder that the harness cuts for
/// 20 s under a webhook load, as if PostgreSQL were stopped. Requests must fail with 503 and a problem, /health
/// must say Unhealthy, nothing acknowledged may be lost, and the node must recover by itself.
/// </summary>
internal static class Outage
{
    public static async Task<bool> RunAsync(HarnessOptions options)
    {
        const string name = "outage-pg";
        var server = options.Postgres ?? throw new InvalidOperationException("outage-pg needs --postgres");
        var outage = TimeSpan.FromSeconds(options.Duration(20));
        var folder = Path.Combine(options.Folder, name);
        Directory.CreateDirectory(folder);
        await using var database = await RunDatabase.CreateAsync(server, folder, name);
        var target = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var proxy = new TcpCutProxy(target.Host!, target.Port);
        var viaProxy = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 3 }.ToString();
        await using var node = new ServerNode("node1", postgres: true, viaProxy, folder);
        node.Start();
        await node.WaitHealthyAsync(TimeSpan.FromSeconds(120));
        Console.WriteLine($"{name}: 1 node on {database.Describe} through a cuttable forwarder; the database goes away for {outage.TotalSeconds} s under load");
        var admin = await HubApi.AdminAsync(node.BaseAddress);
        await HubApi.DeployAsync(admin, HubApi.IntakeFlow("outage", "Outage", timer: null));
        var secret = await HubApi.CreateWebhookAsync(admin, "hotline", "Outage");
        var client = HubApi.Anonymous(node.BaseAddress);
        var health = HubApi.Anonymous(node.BaseAddress);

        var acked = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var problemsNamed = 0;
        var next = -1;
        var cut = false;
        double? recoveredAfter = null;
        var watch = Stopwatch.StartNew();
        var mendedAt = TimeSpan.Zero;
        using var stop = new CancellationTokenSource();
        var load = Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                var id = $"o{Interlocked.Increment(ref next)}";
                try
                {
                    using var response = await client.SendAsync(HubApi.Delivery("hotline", secret, id));
                    var status = (int)response.StatusCode;
                    statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                    if (status == 202)
                    {
                        acked.Add(id);
                        if (!cut && mendedAt > TimeSpan.Zero && recoveredAfter is null)
                        {
                            recoveredAfter = (watch.Elapsed - mendedAt).TotalSeconds;
                        }
                    }
                    else if (await HubApi.IsDatabaseProblemAsync(response))
                    {
                        Interlocked.Increment(ref problemsNamed);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    statuses.AddOrUpdate(-1, 1, (_, n) => n + 1);
                }
                await Task.Delay(20);
            }
        }));

        await Task.Delay(TimeSpan.FromSeconds(5));
        var ackedBefore = acked.Count;
        proxy.Cut();
        cut = true;
        Console.WriteLine($"  {watch.Elapsed.TotalSeconds,5:0.0} s: database cut ({ackedBefore} acknowledged so far)");
        await Task.Delay(TimeSpan.FromSeconds(3));
        using var during = await health.GetAsync("/health");
        var unhealthy = (int)during.StatusCode == 503 && await during.Content.ReadAsStringAsync() == "Unhealthy";
        Console.WriteLine($"  /health during the outage: {(int)during.StatusCode} {await during.Content.ReadAsStringAsync()}");
        await Task.Delay(outage - TimeSpan.FromSeconds(3));
        proxy.Mend();
        mendedAt = watch.Elapsed;
        cut = false;
        Console.WriteLine($"  {watch.Elapsed.TotalSeconds,5:0.0} s: database back");
        await Task.Delay(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await load;
        using var after = await health.GetAsync("/health");

        var instances = (await database.QueryAsync("SELECT business_key FROM wf_instances WHERE process_key = 'outage'", r => r.GetString(0))).ToHashSet();
        var lost = acked.Count(id => !instances.Contains(id));
        Console.WriteLine($"  answers: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(s.Key < 0 ? "no answer" : s.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))}×{s.Value}"))}; 503 with the database problem: {problemsNamed}");
        Console.WriteLine($"  acknowledged {acked.Count}, lost {lost}; first 202 {recoveredAfter:0.00} s after the database came back; /health after: {(int)after.StatusCode}");
        var others = statuses.Where(s => s.Key is not 202 and not 503).Sum(s => s.Value);
        return Figures.Verdict(name, unhealthy && lost == 0 && recoveredAfter is not null && problemsNamed > 0 && problemsNamed == statuses.GetValueOrDefault(503) && others == 0 && (int)after.StatusCode == 200,
            "503 + problem while away, Unhealthy, nothing acknowledged lost, recovers by itself",
            $"{problemsNamed} × 503, health {(unhealthy ? "Unhealthy" : "not Unhealthy")}, {lost} lost, {others} other answers, recovered in {recoveredAfter:0.00} s");
    }
}
