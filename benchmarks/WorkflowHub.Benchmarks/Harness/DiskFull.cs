using System.Collections.Concurrent;
using System.Diagnostics;
using WorkflowHub.Testing;

namespace WorkflowHub.Benchmarks.Harness;

/// <summary>
/// Scenario 7 (SQLite): the node's database lives on a small tmpfs mounted for the run (needs root); under a webhook
/// load a filler file takes the last free byte for 15 s, then is deleted. The tmpfs must hold the database with a full
/// write-ahead log: the background checkpointer lets the WAL grow to <c>Engine:SqliteCheckpoint:MaxWalPages</c>
/// (8192 pages, 32 MB) before it starts the log over, and on a 32 MB disk the WAL alone filled it, so the filler got
/// nothing and deleting it freed nothing. Requests must fail with 503 and a problem,
/// /health must say Unhealthy, nothing acknowledged may be lost, and the node must recover by itself.
/// </summary>
internal static class DiskFull
{
    private const int DiskMegabytes = 128;

    public static async Task<bool> RunAsync(HarnessOptions options)
    {
        const string name = "outage-sqlite";
        var full = TimeSpan.FromSeconds(options.Duration(15));
        var disk = Path.Combine(options.Folder, name, "disk");
        Directory.CreateDirectory(disk);
        if (!await RunAsync("mount", "-t", "tmpfs", "-o", "size=" + DiskMegabytes + "m", "tmpfs", disk))
        {
            return Figures.Verdict(name, false, "a full disk answered with 503", "could not mount a tmpfs (not root?)");
        }
        try
        {
            var connectionString = $"Data Source={Path.Combine(disk, "hub.db")}";
            await using var node = new ServerNode("node1", postgres: false, connectionString, Path.Combine(options.Folder, name));
            node.Start();
            await node.WaitHealthyAsync(TimeSpan.FromSeconds(120));
            Console.WriteLine($"{name}: 1 SQLite node on a {DiskMegabytes} MB tmpfs; a filler file fills it for {full.TotalSeconds} s under load");
            var admin = await HubApi.AdminAsync(node.BaseAddress);
            await HubApi.DeployAsync(admin, HubApi.IntakeFlow("diskfull", "DiskFull", timer: null));
            var secret = await HubApi.CreateWebhookAsync(admin, "hotline", "DiskFull");
            var client = HubApi.Anonymous(node.BaseAddress);
            var acked = new ConcurrentBag<string>();
            var statuses = new ConcurrentDictionary<int, int>();
            var next = -1;
            var freed = false;
            double? recoveredAfter = null;
            var freedAt = Stopwatch.StartNew();
            var problemsNamed = 0;
            using var stop = new CancellationTokenSource();
            var load = Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var id = $"f{Interlocked.Increment(ref next)}";
                    try
                    {
                        using var response = await client.SendAsync(HubApi.Delivery("hotline", secret, id));
                        var status = (int)response.StatusCode;
                        statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                        if (status == 202)
                        {
                            acked.Add(id);
                            if (freed && recoveredAfter is null)
                            {
                                recoveredAfter = freedAt.Elapsed.TotalSeconds;
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
            var filler = Path.Combine(disk, "filler");
            Fill(filler);
            Console.WriteLine($"  disk full: the filler took {new FileInfo(filler).Length / 1048576.0:0.0} MB ({acked.Count} acknowledged so far)");
            await Task.Delay(full / 2);
            using var during = await HubApi.Anonymous(node.BaseAddress).GetAsync("/health");
            var unhealthy = (int)during.StatusCode == 503;
            Console.WriteLine($"  /health while full: {(int)during.StatusCode} {await during.Content.ReadAsStringAsync()}");
            await Task.Delay(full / 2);
            File.Delete(filler);
            freed = true;
            freedAt.Restart();
            Console.WriteLine("  space freed");
            await Task.Delay(TimeSpan.FromSeconds(15));
            await stop.CancelAsync();
            await load;
            using var after = await HubApi.Anonymous(node.BaseAddress).GetAsync("/health");
            var stored = (await BusinessKeysAsync(connectionString)).ToHashSet();
            var lost = acked.Count(id => !stored.Contains(id));
            var refused = statuses.GetValueOrDefault(503);
            var others = statuses.Where(s => s.Key is not 202 and not 503).Sum(s => s.Value);
            Console.WriteLine($"  answers: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(s.Key < 0 ? "no answer" : s.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))}×{s.Value}"))}; 503 with the database problem: {problemsNamed}");
            Console.WriteLine($"  acknowledged {acked.Count}, lost {lost}; first 202 {recoveredAfter:0.00} s after the space came back; /health after: {(int)after.StatusCode}");
            return Figures.Verdict(name, unhealthy && refused > 0 && problemsNamed == refused && lost == 0 && others == 0 && recoveredAfter is not null && (int)after.StatusCode == 200,
                "503 + problem while full, Unhealthy, nothing acknowledged lost, recovers by itself",
                $"{refused} × 503, health {(unhealthy ? "Unhealthy" : "not Unhealthy")}, {lost} lost, {others} other answers, recovered in {recoveredAfter:0.00} s");
        }
        finally
        {
            await RunAsync("umount", "-l", disk);
        }
    }

    /// <summary>Writes until the filesystem has no byte left.</summary>
    private static void Fill(string path)
    {
        var block = new byte[64 * 1024];
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
        try
        {
            while (true)
            {
                file.Write(block);
            }
        }
        catch (IOException)
        {
            // ENOSPC: full. Smaller writes take the last partial block too.
            for (var size = block.Length / 2; size >= 512; size /= 2)
            {
                try
                {
                    file.Write(block, 0, size);
                }
                catch (IOException)
                {
                }
            }
        }
    }

    private static async Task<bool> RunAsync(string command, params string[] args)
    {
        try
        {
            using var process = Process.Start(command, args);
            await process.WaitForExitAsync();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static async Task<List<string>> BusinessKeysAsync(string connectionString)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT business_key FROM wf_instances WHERE process_key = 'diskfull'";
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }
        return keys;
    }
}
