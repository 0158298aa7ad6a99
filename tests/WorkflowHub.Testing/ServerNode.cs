using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace WorkflowHub.Testing;

/// <summary>
/// One server process (<c>dotnet WorkflowHub.Server.dll</c>, the build copied beside the tests or the harness, which
/// links this file) on a loopback
/// port of its own, configured through WORKFLOWHUB__ variables. It can be killed (SIGKILL), stopped (SIGTERM) and
/// started again on the same port as a new incarnation (a new lease owner).
/// </summary>
public sealed class ServerNode : IAsyncDisposable
{
    public const string AdminPassword = "Harness-Admin-Pw-1!";

    private readonly Dictionary<string, string> _environment;
    private readonly string _log;
    private Process? _process;
    private int _incarnation;

    public ServerNode(string name, bool postgres, string connectionString, string runFolder, IReadOnlyDictionary<string, string>? settings = null)
    {
        Name = name;
        Port = FreePort();
        _log = Path.Combine(runFolder, name + ".log");
        _environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["WORKFLOWHUB__Database__Provider"] = postgres ? "Postgres" : "Sqlite",
            ["WORKFLOWHUB__Database__ConnectionString"] = connectionString,
            ["WORKFLOWHUB__Bootstrap__AdminPassword"] = AdminPassword,
            ["WORKFLOWHUB__Server__DataProtectionKeysPath"] = Path.Combine(runFolder, "keys"),
            ["WORKFLOWHUB__Mail__PickupDirectory"] = Path.Combine(runFolder, "mail"),
            ["WORKFLOWHUB__RateLimiting__Api__PermitLimit"] = "0",
            ["WORKFLOWHUB__RateLimiting__Hooks__PermitLimit"] = "0",
            ["WORKFLOWHUB__Logging__LogLevel__Default"] = "Warning",
            ["WORKFLOWHUB__Logging__Console__FormatterName"] = "simple",
            // A node under test runs only the flows its test deploys: no shipped flows (their timers are jobs too),
            // no intake webhooks, no demo organisation.
            ["WORKFLOWHUB__Flows__DeployOnStart"] = "false",
            ["WORKFLOWHUB__Flows__CreateIntakeWebhooks"] = "false",
            ["WORKFLOWHUB__Demo__SeedOnFirstStart"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            _environment["WORKFLOWHUB__" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
    }

    public string Name { get; }
    public int Port { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>CPU time (user and system) the current incarnation has used so far; zero when it is not running.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            if (_process is not { HasExited: false } p)
            {
                return TimeSpan.Zero;
            }
            p.Refresh();
            return p.TotalProcessorTime;
        }
    }

    /// <summary>The current incarnation's name in the job table's lease_owner column (its Engine:JobExecutor:NodeId).</summary>
    public string LeaseOwner => $"{Name}#{_incarnation}";

    /// <summary>
    /// The folder of the server build to start: the one copied beside the tests or the harness, unless
    /// WORKFLOWHUB_SERVER_DIR names another (the harness's --server, to measure another commit's server with the same load).
    /// </summary>
    public static string ServerDirectory =>
        Environment.GetEnvironmentVariable("WORKFLOWHUB_SERVER_DIR") is { Length: > 0 } dir ? dir : AppContext.BaseDirectory;

    public void Start()
    {
        _incarnation++;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = ServerDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(ServerDirectory, "WorkflowHub.Server.dll"));
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }
        start.Environment["WORKFLOWHUB__Engine__JobExecutor__NodeId"] = LeaseOwner;
        var process = new Process { StartInfo = start };
        var log = TextWriter.Synchronized(new StreamWriter(_log, append: true) { AutoFlush = true });
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { log.WriteLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { log.WriteLine(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    /// <summary>Waits (bounded) until /health answers 200.</summary>
    public async Task WaitHealthyAsync(TimeSpan within)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < within)
        {
            if (_process is { HasExited: true } exited)
            {
                throw new InvalidOperationException($"{Name} exited with {exited.ExitCode}; see {_log}");
            }
            try
            {
                if ((await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{Name} was not healthy within {within}; see {_log}");
    }

    /// <summary>SIGKILL: no shutdown, no lease given back.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill();
            p.WaitForExit(10_000);
        }
    }

    /// <summary>SIGTERM, and the time until the process exited (bounded).</summary>
    public async Task<TimeSpan> TerminateAsync(TimeSpan within)
    {
        if (_process is not { HasExited: false } p)
        {
            return TimeSpan.Zero;
        }
        var watch = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await p.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill();
        }
        return watch.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        if (IsRunning)
        {
            await TerminateAsync(TimeSpan.FromSeconds(15));
        }
        _process?.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
