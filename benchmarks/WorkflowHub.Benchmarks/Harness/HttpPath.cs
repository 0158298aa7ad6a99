namespace WorkflowHub.Benchmarks.Harness;

/// <summary>
/// Scenario 5: start → find the task → complete over HTTP with 8 keep-alive clients on one SQLite node, against the
/// same three commands run by the engine in process (the durable-throughput benchmark's engine scenario, 8 clients)
/// just before and just after.
/// Target: over HTTP at least half of the in-process rate.
/// </summary>
internal static class HttpPath
{
    private const int Clients = 8;

    public static async Task<bool> RunAsync(HarnessOptions options)
    {
        const string name = "http";
        var seconds = options.Duration(30);
        Console.WriteLine($"{name}: start → find the task → complete, {Clients} keep-alive clients for {seconds} s, against the engine in process");
        var folder = Path.Combine(options.Folder, name);
        Directory.CreateDirectory(folder);

        // The engine in process runs before and after the HTTP measurement, and the ratio is taken against the two
        // together: on this kind of machine its rate moved by a third from one minute to the next (1,265–1,809/s with
        // the same CPU per instance), more than any change to the server did.
        await using var inProcess = new EngineBench(new SqliteEngineStorage(Path.Combine(folder, "in-process.db"), "NORMAL", profile: false), "engine");
        await inProcess.SetupAsync();
        await inProcess.WarmupAsync(500);
        var count = options.Count(20_000);
        // Warmed under load as the server is below (the JIT moves hot methods to optimised code as they run), not counted.
        await inProcess.RunAsync(10 * count, count / 2, Clients);
        var before = await inProcess.RunAsync(0, count, Clients);
        Console.WriteLine($"  in process, before: {before.PerSecond:0} instances/s, {Micro(before.Cpu / before.Instances)} µs CPU per instance");

        await using var cluster = await Cluster.StartAsync(options, name, postgres: false, nodes: 1);
        var admin = await HubApi.AdminAsync(cluster.Nodes[0].BaseAddress);
        await HubApi.DeployAsync(admin, HubApi.TaskFlow("path"));
        var token = admin.DefaultRequestHeaders.Authorization!.Parameter!;
        // The clients run in a process of their own (HttpPathLoad: why). Their warm-up is not counted: the server's
        // caches and its JIT, which keeps recompiling hot methods (tiered PGO) for the first half minute or so under this
        // load; with 3 s the measurement was of a server still compiling.
        var (load, nodesCpu) = await HttpPathLoad.MeasureAsync(cluster.Nodes, token, seconds, options.WarmupSeconds());
        var (instances, elapsed) = (load.Instances, load.Elapsed);
        var (serverCpu, clientsCpu) = (nodesCpu / instances, load.Cpu / instances);
        var httpRate = instances / elapsed.TotalSeconds;
        var after = await inProcess.RunAsync(count, count, Clients);
        Console.WriteLine($"  in process, after: {after.PerSecond:0} instances/s, {Micro(after.Cpu / after.Instances)} µs CPU per instance");
        var engineRate = (before.Instances + after.Instances) / (before.Elapsed + after.Elapsed).TotalSeconds;
        var engineCpu = (before.Cpu + after.Cpu) / (before.Instances + after.Instances);
        Console.WriteLine($"  in process, both runs: {engineRate:0} instances/s, {Micro(engineCpu)} µs CPU per instance");
        Console.WriteLine($"  over HTTP: {httpRate:0} instances/s = {httpRate * 3:0} requests/s; {httpRate / engineRate:P1} of in process");
        // On a small machine the clients share the cores with the server, so CPU per instance is shown beside the rate:
        // the server's own cost against the engine's in process (which includes its 8 callers, as the clients here).
        Console.WriteLine($"  CPU per instance: server {Micro(serverCpu)} µs + HTTP clients {Micro(clientsCpu)} µs, in process {Micro(engineCpu)} µs; " +
                          $"in process / server = {engineCpu / serverCpu:P1}");
        return Figures.Verdict(name, httpRate >= engineRate / 2, "over HTTP ≥ 50 % of in process", $"{httpRate:0}/s vs {engineRate:0}/s ({httpRate / engineRate:P1})");
    }

    private static string Micro(TimeSpan perInstance) => (perInstance.TotalMicroseconds).ToString("0", System.Globalization.CultureInfo.InvariantCulture);
}
