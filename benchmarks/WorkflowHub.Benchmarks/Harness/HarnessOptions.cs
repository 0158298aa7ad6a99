using System.Globalization;

namespace WorkflowHub.Benchmarks.Harness;

/// <summary>
/// <c>harness SCENARIO... [--postgres CONN] [--scale F] [--seconds S] [--warmup S] [--folder DIR] [--rate N] [--server DIR]</c>.
/// Scenarios: timers, timers-pg, intake, intake-pg, kill-pg, kill-sqlite, outage-pg, http, inbox. --scale multiplies
/// every count (1 = the size); --seconds caps each load phase; --rate changes intake's deliveries per second
/// (500 is the issue's); --warmup is the unmeasured load the HTTP path and intake run before they measure
/// (30 s: a fresh server process is still compiling its hot methods to their optimised tier for about that long;
/// 120 s for intake-pg, whose three processes tier up side by side on the same cores);
/// --server runs the server build in DIR (another commit's bin folder) under this harness's load.
/// </summary>
internal sealed class HarnessOptions
{
    public List<string> Scenarios { get; } = [];
    public string? Postgres { get; private set; } = Environment.GetEnvironmentVariable("WORKFLOWHUB_BENCH_POSTGRES");
    public double Scale { get; private set; } = 1;
    public int? Seconds { get; private set; }
    public int? Rate { get; private set; }
    private int? _warmupSeconds;

    /// <summary>The warm-up given with --warmup, else <paramref name="byDefault"/> (the scenario's own).</summary>
    public int WarmupSeconds(int byDefault = 30) => _warmupSeconds ?? byDefault;
    public string Folder { get; private set; } = Path.Combine(Path.GetTempPath(), $"wfh-harness-{DateTime.UtcNow:yyyyMMdd-HHmmss}");

    public int Count(int full) => Math.Max(1, (int)Math.Round(full * Scale));
    public int Duration(int full) => Math.Min(full, Seconds ?? full);

    public static HarnessOptions Parse(string[] args)
    {
        var o = new HarnessOptions();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--postgres": o.Postgres = args[++i]; break;
                case "--scale": o.Scale = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seconds": o.Seconds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--folder": o.Folder = args[++i]; break;
                case "--warmup": o._warmupSeconds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--rate": o.Rate = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--server":
                    var server = Path.GetFullPath(args[++i]);
                    if (!File.Exists(Path.Combine(server, "WorkflowHub.Server.dll")))
                    {
                        throw new ArgumentException($"--server: there is no WorkflowHub.Server.dll in {server}");
                    }
                    Environment.SetEnvironmentVariable("WORKFLOWHUB_SERVER_DIR", server);
                    break;
                default: o.Scenarios.Add(args[i]); break;
            }
        }
        if (o.Scenarios.Count == 0)
        {
            o.Scenarios.AddRange(["timers", "intake", "kill-sqlite", "http", "inbox"]);
            if (o.Postgres is not null)
            {
                o.Scenarios.AddRange(["timers-pg", "intake-pg", "kill-pg", "outage-pg"]);
            }
        }
        Directory.CreateDirectory(o.Folder);
        return o;
    }
}
