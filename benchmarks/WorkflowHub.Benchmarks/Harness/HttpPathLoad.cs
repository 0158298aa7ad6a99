using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowHub.Testing;

namespace WorkflowHub.Benchmarks.Harness;

/// <summary>
/// Scenario 5's load generator, a process of its own (<c>harness-load NODE SECONDS WARMUP</c>, the bearer token in
/// <see cref="TokenVariable"/>): 8 keep-alive HttpClients run start → find the task → complete against one node.
/// </summary>
/// <remarks>
/// It runs apart from the harness because the harness also runs the engine in process, the baseline, and the two need
/// opposite thread-pool settings on a two-core machine. Idle HttpClients waiting for answers spun in the thread
/// pool's semaphore (sched_yield was 36 % of their CPU in a perf profile, 2026-12-03), CPU taken from the server they
/// measure; without that spin the engine in process, which hands SQLite's writer from step to step, ran slower. So
/// this process is started without the spin (<see cref="NoSpin"/>) and the baseline keeps the runtime's default, as
/// a load generator such as wrk runs apart from what it measures.
/// </remarks>
internal static class HttpPathLoad
{
    public const string Verb = "harness-load";
    public const string TokenVariable = "WORKFLOWHUB_HARNESS_TOKEN";

    /// <summary>The runtime's knob for the thread pool's spinning before a worker sleeps (default 70).</summary>
    public static readonly KeyValuePair<string, string> NoSpin = new("DOTNET_ThreadPool_UnfairSemaphoreSpinLimit", "0");

    /// <summary>Printed when the warm-up ends and the measured window starts, so the harness starts its CPU meter then.</summary>
    public const string MeasuringLine = "measuring";

    private const int Clients = 8;

    /// <summary>The child: warms up, prints <see cref="MeasuringLine"/>, runs the measured window, prints the result.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not [var node, var seconds, var warmup] || Environment.GetEnvironmentVariable(TokenVariable) is not { Length: > 0 } token)
        {
            Console.Error.WriteLine($"usage: {Verb} <node url> <seconds> <warm-up seconds>, with the bearer token in {TokenVariable}");
            return 2;
        }
        var clients = new List<HttpClient>();
        for (var i = 0; i < Clients; i++)
        {
            clients.Add(await HubApi.AdminAsync(new Uri(node), token));
        }
        await LoadAsync(clients, "w", TimeSpan.FromSeconds(int.Parse(warmup, CultureInfo.InvariantCulture)));
        Console.WriteLine(MeasuringLine);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var (instances, elapsed) = await LoadAsync(clients, "m", TimeSpan.FromSeconds(int.Parse(seconds, CultureInfo.InvariantCulture)));
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine(Result.Write(instances, elapsed, used));
        return 0;
    }

    /// <summary>
    /// Starts the child against the first of <paramref name="nodes"/> and hands back its measured window, with the CPU
    /// the nodes used in that same window (metered from the child's <see cref="MeasuringLine"/> to its result).
    /// </summary>
    public static async Task<(Result Load, TimeSpan NodesCpu)> MeasureAsync(IReadOnlyList<ServerNode> nodes, string token, int seconds, int warmupSeconds)
    {
        var node = nodes[0].BaseAddress;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(HttpPathLoad).Assembly.Location);
        foreach (var arg in new[] { Verb, node.ToString(), seconds.ToString(CultureInfo.InvariantCulture), warmupSeconds.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment[TokenVariable] = token;
        start.Environment[NoSpin.Key] = NoSpin.Value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("the load generator did not start");
        var errors = process.StandardError.ReadToEndAsync();
        CpuMeter? meter = null;
        // Bounded by the child's own windows, and by its exit: a child that dies ends the loop at end of stream.
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line == MeasuringLine)
            {
                meter = new CpuMeter(nodes);
            }
            else if (meter is not null && Result.TryRead(line, out var result))
            {
                var nodesCpu = meter.Used().Nodes;
                await process.WaitForExitAsync();
                return (result, nodesCpu);
            }
        }
        await process.WaitForExitAsync();
        throw new InvalidOperationException($"the load generator exited {process.ExitCode} without a result: {await errors}");
    }

    private static async Task<(int Instances, TimeSpan Elapsed)> LoadAsync(List<HttpClient> clients, string prefix, TimeSpan duration)
    {
        var done = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select(async (client, c) =>
        {
            for (var n = 0; watch.Elapsed < duration; n++)
            {
                var key = $"{prefix}{c}-{n}";
                var started = await client.PostAsync("/api/processes/path/start", Json(new { businessKey = key }));
                started.EnsureSuccessStatusCode();
                var page = await client.GetFromJsonAsync<JsonObject>($"/api/tasks?businessKey={key}");
                var task = page!["items"]!.AsArray().Single()!["id"]!.GetValue<string>();
                var completed = await client.PostAsync($"/api/tasks/{task}/complete", Json(new { }));
                completed.EnsureSuccessStatusCode();
                Interlocked.Increment(ref done);
            }
        }));
        return (done, watch.Elapsed);
    }

    /// <summary>
    /// A JSON body with its Content-Length, as the console's fetch sends it: PostAsJsonAsync streams the body in chunks,
    /// which no browser does and which cost the server a chunked-body decoder per request.
    /// </summary>
    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    /// <summary>The measured window: instances completed, its length and the generator's own CPU in it.</summary>
    public sealed record Result(int Instances, TimeSpan Elapsed, TimeSpan Cpu)
    {
        private const string Prefix = "result ";

        public static string Write(int instances, TimeSpan elapsed, TimeSpan cpu) =>
            string.Create(CultureInfo.InvariantCulture, $"{Prefix}{instances} {elapsed.Ticks} {cpu.Ticks}");

        public static bool TryRead(string line, out Result result)
        {
            result = null!;
            if (!line.StartsWith(Prefix, StringComparison.Ordinal) || line[Prefix.Length..].Split(' ') is not [var n, var e, var c])
            {
                return false;
            }
            result = new Result(int.Parse(n, CultureInfo.InvariantCulture), TimeSpan.FromTicks(long.Parse(e, CultureInfo.InvariantCulture)),
                TimeSpan.FromTicks(long.Parse(c, CultureInfo.InvariantCulture)));
            return true;
        }
    }
}
