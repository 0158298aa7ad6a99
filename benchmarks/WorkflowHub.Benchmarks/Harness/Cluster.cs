using System.Globalization;
using System.Text.Json;
using WorkflowHub.Testing;

namespace WorkflowHub.Benchmarks.Harness;

/// <summary>The nodes of one scenario on the run's database, and the invariants read back from that database.</summary>
internal sealed class Cluster : IAsyncDisposable
{
    private Cluster(RunDatabase database, List<ServerNode> nodes)
    {
        Database = database;
        Nodes = nodes;
    }

    public RunDatabase Database { get; }
    public List<ServerNode> Nodes { get; }

    /// <summary>Starts the first node alone (it migrates the database and creates the administrator), then the others.</summary>
    public static async Task<Cluster> StartAsync(HarnessOptions options, string scenario, bool postgres, int nodes, IReadOnlyDictionary<string, string>? settings = null)
    {
        var folder = Path.Combine(options.Folder, scenario);
        Directory.CreateDirectory(folder);
        var server = postgres ? options.Postgres ?? throw new InvalidOperationException($"{scenario} needs --postgres (or WORKFLOWHUB_BENCH_POSTGRES)") : null;
        var database = await RunDatabase.CreateAsync(server, folder, scenario);
        var list = Enumerable.Range(1, nodes).Select(i => new ServerNode($"node{i}", database.IsPostgres, database.ConnectionString, folder, settings)).ToList();
        var cluster = new Cluster(database, list);
        try
        {
            list[0].Start();
            await list[0].WaitHealthyAsync(TimeSpan.FromSeconds(120));
            foreach (var node in list.Skip(1))
            {
                node.Start();
            }
            foreach (var node in list.Skip(1))
            {
                await node.WaitHealthyAsync(TimeSpan.FromSeconds(120));
            }
        }
        catch
        {
            // A node that never became healthy (e.g. migrating on a loaded machine) must not outlive the harness.
            await cluster.DisposeAsync();
            throw;
        }
        Console.WriteLine($"  {nodes} node(s) on {database.Describe}: ports {string.Join(", ", list.Select(n => n.Port))}; logs in {folder}");
        return cluster;
    }

    /// <summary>Instances of the process per business key.</summary>
    public async Task<Dictionary<string, int>> InstancesByBusinessKeyAsync(string processKey) =>
        (await Database.QueryAsync($"SELECT business_key, COUNT(*) FROM wf_instances WHERE process_key = '{processKey}' GROUP BY business_key",
            r => (Key: r.IsDBNull(0) ? "" : r.GetString(0), Count: Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture))))
        .ToDictionary(x => x.Key, x => x.Count);

    /// <summary>Every timer.fired event of the process: instance, when it fired and when it was due.</summary>
    public async Task<List<(string Instance, DateTimeOffset Fired, DateTimeOffset Due)>> TimersFiredAsync(string processKey)
    {
        var rows = await Database.QueryAsync($"SELECT instance_id, timestamp, events FROM wf_history WHERE process_key = '{processKey}'",
            r => (Instance: r.GetString(0), At: r.GetInt64(1), Events: r.GetString(2)));
        var fired = new List<(string, DateTimeOffset, DateTimeOffset)>();
        foreach (var row in rows)
        {
            using var events = JsonDocument.Parse(row.Events);
            foreach (var e in events.RootElement.EnumerateArray())
            {
                if (e.GetProperty("type").GetString() == "timer.fired")
                {
                    var due = DateTimeOffset.Parse(e.GetProperty("data").GetProperty("due").GetString()!, CultureInfo.InvariantCulture);
                    fired.Add((row.Instance, DateTimeOffset.FromUnixTimeMilliseconds(row.At), due));
                }
            }
        }
        return fired;
    }

    public Task<long> JobsLeftAsync() => Database.ScalarAsync("SELECT COUNT(*) FROM wf_jobs");

    /// <summary>Waits (bounded) until no job is left: every timer has fired.</summary>
    public async Task<bool> WaitForJobsAsync(TimeSpan within)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < within)
        {
            if (await JobsLeftAsync() == 0)
            {
                return true;
            }
            await Task.Delay(500);
        }
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }
        await Database.DisposeAsync();
    }
}
