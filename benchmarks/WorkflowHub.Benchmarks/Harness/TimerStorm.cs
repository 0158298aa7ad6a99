using System.Diagnostics;
using System.Net.Http.Json;

namespace WorkflowHub.Benchmarks.Harness;

/// <summary>
/// Scenario 3: 10,000 timers due within one minute (times --scale), on one SQLite node or three PostgreSQL nodes.
/// Every timer must fire exactly once; the lag after the due time is read from the history the engine wrote.
/// </summary>
internal static class TimerStorm
{
    public static async Task<bool> RunAsync(HarnessOptions options, bool postgres)
    {
        var name = postgres ? "timers-pg" : "timers";
        var timers = options.Count(10_000);
        var window = TimeSpan.FromSeconds(options.Duration(60));
        var nodes = postgres ? 3 : 1;
        Console.WriteLine($"{name}: {timers} timers due within {window.TotalSeconds} s on {nodes} node(s)");
        await using var cluster = await Cluster.StartAsync(options, name, postgres, nodes);
        var clients = new List<HttpClient>();
        foreach (var node in cluster.Nodes)
        {
            clients.Add(await HubApi.AdminAsync(node.BaseAddress));
        }
        await HubApi.DeployAsync(clients[0], HubApi.TimerFlow("storm"));

        // Every instance is started before the window opens, so the storm is the timers alone.
        // Starting instances over HTTP runs at a few hundred per second on an idle 2-core machine, far less on a busy one.
        var lead = TimeSpan.FromSeconds(10 + timers / 40.0);
        var opens = DateTimeOffset.UtcNow + lead;
        var next = -1;
        var create = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async worker =>
        {
            for (var i = Interlocked.Increment(ref next); i < timers; i = Interlocked.Increment(ref next))
            {
                var due = opens + window * i / timers;
                var response = await clients[i % clients.Count].PostAsJsonAsync("/api/processes/storm/start", new { businessKey = "t" + i, variables = new { due = due.ToString("o") } });
                response.EnsureSuccessStatusCode();
            }
        }));
        Console.WriteLine($"  created {timers} instances in {create.Elapsed.TotalSeconds:0.0} s; the window opens {(opens - DateTimeOffset.UtcNow).TotalSeconds:0.0} s later");
        var allFired = await cluster.WaitForJobsAsync(opens - DateTimeOffset.UtcNow + window + TimeSpan.FromSeconds(90));

        var fired = await cluster.TimersFiredAsync("storm");
        var perInstance = fired.GroupBy(f => f.Instance).Select(g => g.Count()).ToList();
        var twice = perInstance.Count(c => c > 1);
        var lags = fired.Select(f => Math.Max(0, (f.Fired - f.Due).TotalSeconds)).ToList();
        Console.WriteLine($"  fired {fired.Count} of {timers} (instances with a timer fired twice: {twice}; jobs left: {await cluster.JobsLeftAsync()})");
        Console.WriteLine($"  lag after due: {Figures.Describe(lags)}");
        var target = postgres ? 2.0 : 1.0;
        var max = lags.Count == 0 ? double.PositiveInfinity : lags.Max();
        return Figures.Verdict(name, allFired && fired.Count == timers && twice == 0 && max < target,
            $"every timer once, max lag < {target} s", $"{fired.Count}/{timers} fired, {twice} twice, max lag {Figures.Ms(max)}");
    }
}
