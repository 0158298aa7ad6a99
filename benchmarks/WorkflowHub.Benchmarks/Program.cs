using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using WorkflowHub.Benchmarks;

// Durable throughput of the engine against the floor of the storage it runs on. See README.md.
var options = BenchOptions.Parse(args);
var inv = CultureInfo.InvariantCulture;
var directory = options.Directory ?? Path.Combine(Path.GetTempPath(), $"wfh-bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}");
Directory.CreateDirectory(directory);

#if DEBUG
Console.WriteLine("WARNING: Debug build; measure with -c Release.");
#endif
Console.WriteLine(string.Create(inv, $"WorkflowHub durable throughput  {DateTime.UtcNow:u}  {RuntimeInformation.FrameworkDescription}  {RuntimeInformation.OSDescription}"));
Console.WriteLine(string.Create(inv, $"cpus {Environment.ProcessorCount}  server GC {GCSettings.IsServerGC}  instances {options.Instances}  warm-up {options.Warmup}  clients {options.Parallel}  rounds {options.Rounds}"));
Console.WriteLine($"files in {directory}");
Console.WriteLine("flow: start -> serviceTask (no-op C# handler, camunda:topic) -> userTask -> end; per instance: start, task query, complete");
Console.WriteLine();

var files = new List<string>();
string DbFile(string name)
{
    var path = Path.Combine(directory, name);
    files.Add(path);
    SqliteFiles.Delete(path);
    return path;
}

var scenarios = new List<(string Key, Func<int, int, int, Task<RunResult>> Run)>();
var asyncDisposables = new List<IAsyncDisposable>();
try
{
    var bare = new BareLoop(DbFile("bare.db"), synchronousOff: false);
    bare.Setup();
    Console.WriteLine($"bare loop file:  {bare.Describe()}");
    await bare.RunAsync(-options.Warmup, options.Warmup, 1);
    scenarios.Add(("bare", bare.RunAsync));

    var engine = new EngineBench(DbFile("engine.db"), synchronousOff: false, profile: false);
    asyncDisposables.Add(engine);
    await engine.SetupAsync();
    Console.WriteLine($"engine file:     {engine.Describe()}");
    await engine.WarmupAsync(options.Warmup);
    scenarios.Add(("engine", engine.RunAsync));

    if (options.Mid)
    {
        var mid = new MidLevelBaseline(DbFile("mid.db"), engine.Rows!);
        await mid.SetupAsync();
        Console.WriteLine($"ADO.NET file:    {mid.Describe()}");
        await mid.RunAsync(-options.Warmup, options.Warmup, 1);
        scenarios.Add(("mid", mid.RunAsync));
    }

    if (options.Profile)
    {
        var profiled = new EngineBench(DbFile("engine-profiled.db"), synchronousOff: false, profile: true);
        asyncDisposables.Add(profiled);
        await profiled.SetupAsync();
        await profiled.WarmupAsync(options.Warmup);
        scenarios.Add(("profiled", profiled.RunAsync));
    }

    if (options.Diagnostics)
    {
        var bareOff = new BareLoop(DbFile("bare-off.db"), synchronousOff: true);
        bareOff.Setup();
        await bareOff.RunAsync(-options.Warmup, options.Warmup, 1);
        scenarios.Add(("bare-off", bareOff.RunAsync));
        var engineOff = new EngineBench(DbFile("engine-off.db"), synchronousOff: true, profile: false);
        asyncDisposables.Add(engineOff);
        await engineOff.SetupAsync();
        await engineOff.WarmupAsync(options.Warmup);
        scenarios.Add(("engine-off", engineOff.RunAsync));
    }
    Console.WriteLine();

    var results = scenarios.ToDictionary(s => s.Key, _ => new List<RunResult>());
    for (var round = 0; round < options.Rounds; round++)
    {
        foreach (var (key, run) in scenarios)
        {
            var result = await run(round * options.Instances, options.Instances, options.Parallel);
            results[key].Add(result);
            Console.WriteLine(result.Line());
            result.Details.ForEach(Console.WriteLine);
        }
        Console.WriteLine();
    }

    // The median round of each scenario (the only round when --rounds 1).
    RunResult Median(string key) => results[key].OrderBy(r => r.PerSecond).ElementAt(results[key].Count / 2);
    var e = Median("engine");
    var b = Median("bare");
    var ratio = e.PerSecond / b.PerSecond;
    Console.WriteLine(string.Create(inv, $"RESULT ({options.Parallel} client{(options.Parallel == 1 ? "" : "s")}, {options.Instances} instances, median of {options.Rounds} round{(options.Rounds == 1 ? "" : "s")}, WAL, default synchronous)"));
    Console.WriteLine(string.Create(inv, $"  engine instances/s:        {e.PerSecond,10:F1}"));
    Console.WriteLine(string.Create(inv, $"  bare loop instances/s:     {b.PerSecond,10:F1}"));
    Console.WriteLine(string.Create(inv, $"  ratio engine/bare:         {100 * ratio,10:F1} %"));
    if (options.Mid)
    {
        var m = Median("mid");
        Console.WriteLine(string.Create(inv, $"  ADO.NET (engine's rows)/s: {m.PerSecond,10:F1}   engine/ADO.NET {100 * e.PerSecond / m.PerSecond:F1} %   ADO.NET/bare {100 * m.PerSecond / b.PerSecond:F1} %"));
    }
    if (options.Diagnostics)
    {
        Console.WriteLine(string.Create(inv, $"  synchronous=OFF (not durable): engine {Median("engine-off").PerSecond:F1}/s, bare {Median("bare-off").PerSecond:F1}/s"));
    }
    if (ratio < 0.10)
    {
        Console.WriteLine("  the engine is below 10% of the bare loop: see the profiled run's breakdown above.");
    }
}
finally
{
    foreach (var d in asyncDisposables)
    {
        await d.DisposeAsync();
    }
    if (!options.Keep)
    {
        files.ForEach(SqliteFiles.Delete);
        try
        {
            Directory.Delete(directory);
        }
        catch (IOException)
        {
        }
    }
}
