using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using WorkflowHub.Benchmarks;

// Durable throughput of the engine against the floor of the storage it runs on. See README.md.
// "harness ...": the operations harness (several nodes, kills, timer storm, load; Harness/).
// "harness-load ...": scenario 5's load generator, started by the harness as a process of its own (Harness/HttpPathLoad.cs).
if (args is [WorkflowHub.Benchmarks.Harness.HttpPathLoad.Verb, .. var load])
{
    return await WorkflowHub.Benchmarks.Harness.HttpPathLoad.RunAsync(load);
}
if (args is ["harness", .. var harness])
{
    return await WorkflowHub.Benchmarks.Harness.HarnessRunner.RunAsync(harness);
}
var options = BenchOptions.Parse(args);
var inv = CultureInfo.InvariantCulture;
var directory = options.Directory ?? Path.Combine(Path.GetTempPath(), $"wfh-bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}");
Directory.CreateDirectory(directory);

#if DEBUG
Console.WriteLine("WARNING: Debug build; measure with -c Release.");
#endif
Console.WriteLine(string.Create(inv, $"WorkflowHub durable throughput  {DateTime.UtcNow:u}  {RuntimeInformation.FrameworkDescription}  {RuntimeInformation.OSDescription}"));
Console.WriteLine(string.Create(inv, $"cpus {Environment.ProcessorCount}  server GC {GCSettings.IsServerGC}  instances {options.Instances}  warm-up {options.Warmup}  clients {options.Parallel}  rounds {options.Rounds}  blocks {options.Blocks}"));
Console.WriteLine(string.Create(inv, $"synchronous={options.Synchronous} on every connection of every scenario: {SqliteFiles.Durability(options.Synchronous)}"));
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

var scenarios = new List<(string Key, IScenario Scenario)>();
var asyncDisposables = new List<IAsyncDisposable>();
PostgresDatabase? postgres = null;
try
{
    var sync = options.Synchronous;
    var bare = new BareLoop(DbFile("bare.db"), sync);
    bare.Setup();
    Console.WriteLine($"bare loop:              {bare.Describe()}");
    await bare.RunAsync(-options.Warmup, options.Warmup, 1);
    scenarios.Add(("bare", bare));

    // The headline: the engine as the server runs it (pooled DbContexts, the server's SQLite model, synchronous per option).
    var engine = new EngineBench(new SqliteEngineStorage(DbFile("engine.db"), sync, profile: false), "engine", !options.AutoCheckpoint);
    asyncDisposables.Add(engine);
    await engine.SetupAsync();
    Console.WriteLine($"engine:                 {engine.Describe()}");
    await engine.WarmupAsync(options.Warmup);
    scenarios.Add(("engine", engine));

    if (options.Mid)
    {
        var reopen = new BareLoop(DbFile("bare-reopen.db"), sync, connectionPerTransaction: true);
        reopen.Setup();
        Console.WriteLine($"bare, open per tx:      {reopen.Describe()}");
        await reopen.RunAsync(-options.Warmup, options.Warmup, 1);
        scenarios.Add(("reopen", reopen));
        var shell = new EfShellLoop(DbFile("ef-shell.db"), sync);
        await shell.SetupAsync();
        Console.WriteLine($"EF Core step shell:     {shell.Describe()}");
        await shell.RunAsync(-options.Warmup, options.Warmup, 1);
        scenarios.Add(("shell", shell));
        var mid = new MidLevelBaseline(DbFile("mid.db"), engine.Rows!, sync);
        await mid.SetupAsync();
        Console.WriteLine($"ADO.NET, engine's rows: {mid.Describe()}");
        await mid.RunAsync(-options.Warmup, options.Warmup, 1);
        scenarios.Add(("mid", mid));
    }

    if (options.Profile)
    {
        var profiled = new EngineBench(new SqliteEngineStorage(DbFile("engine-profiled.db"), sync, profile: true), "engine (profiled)", !options.AutoCheckpoint);
        asyncDisposables.Add(profiled);
        await profiled.SetupAsync();
        Console.WriteLine($"engine (profiled):      {profiled.Describe()}");
        await profiled.WarmupAsync(options.Warmup);
        scenarios.Add(("profiled", profiled));
    }

    // --diag: the CPU ceilings without fsync (already the main runs when --synchronous off).
    var diagnostics = options.Diagnostics && sync != "OFF";
    if (diagnostics)
    {
        var bareOff = new BareLoop(DbFile("bare-off.db"), "OFF", name: "bare loop (synchronous=OFF)");
        bareOff.Setup();
        Console.WriteLine($"bare loop (diag):       {bareOff.Describe()}");
        await bareOff.RunAsync(-options.Warmup, options.Warmup, 1);
        scenarios.Add(("bare-off", bareOff));
        var engineOff = new EngineBench(new SqliteEngineStorage(DbFile("engine-off.db"), "OFF", profile: false), "engine (synchronous=OFF)", !options.AutoCheckpoint);
        asyncDisposables.Add(engineOff);
        await engineOff.SetupAsync();
        Console.WriteLine($"engine (diag):          {engineOff.Describe()}");
        await engineOff.WarmupAsync(options.Warmup);
        scenarios.Add(("engine-off", engineOff));
    }

    // --postgres: the same engine flow and the same floor on the product's production database.
    if (options.Postgres is not null)
    {
        postgres = await PostgresDatabase.CreateAsync(options.Postgres);
        Console.WriteLine($"PostgreSQL database:    {postgres.Name} on {postgres.Server}, new for this run{(options.Keep ? ", kept" : "")}; fsync={postgres.Fsync}, synchronous_commit={postgres.SynchronousCommit}: {postgres.Durability}");
        var pgBare = new PostgresBareLoop(postgres);
        await pgBare.SetupAsync();
        Console.WriteLine($"bare loop (PostgreSQL): {pgBare.Describe()}");
        await pgBare.RunAsync(-options.Warmup, options.Warmup, 1);
        scenarios.Add(("pg-bare", pgBare));
        var pgEngine = new EngineBench(new PostgresEngineStorage(postgres), "engine (PostgreSQL)");
        asyncDisposables.Add(pgEngine);
        await pgEngine.SetupAsync();
        Console.WriteLine($"engine (PostgreSQL):    {pgEngine.Describe()}");
        await pgEngine.WarmupAsync(options.Warmup);
        scenarios.Add(("pg-engine", pgEngine));
    }
    Console.WriteLine();

    var rounds = scenarios.ToDictionary(s => s.Key, _ => new List<RunResult>());
    for (var round = 0; round < options.Rounds; round++)
    {
        var blocks = scenarios.ToDictionary(s => s.Key, _ => new List<RunResult>());
        scenarios.ForEach(s => s.Scenario.Reset());
        var done = 0;
        for (var block = 0; block < options.Blocks; block++)
        {
            var size = (options.Instances * (block + 1) / options.Blocks) - done;
            // Rotate the order so that no scenario always runs right after another one's checkpoint or GC.
            for (var k = 0; k < scenarios.Count; k++)
            {
                var (key, scenario) = scenarios[(k + block) % scenarios.Count];
                blocks[key].Add(await scenario.RunAsync((round * options.Instances) + done, size, options.Parallel));
            }
            done += size;
        }
        foreach (var (key, scenario) in scenarios)
        {
            var result = RunResult.Sum(scenario.Name, blocks[key]);
            rounds[key].Add(result);
            Console.WriteLine(result.Line());
            foreach (var line in scenario.Details(result.Instances, result.Elapsed.TotalMilliseconds, options.Parallel))
            {
                Console.WriteLine(line);
            }
        }
        var pgRound = postgres is null ? "" : string.Create(inv, $"; PostgreSQL engine/bare {100 * rounds["pg-engine"][^1].PerSecond / rounds["pg-bare"][^1].PerSecond:F1} %");
        Console.WriteLine(string.Create(inv, $"  round {round + 1}: engine/bare {100 * rounds["engine"][^1].PerSecond / rounds["bare"][^1].PerSecond:F1} %{pgRound}"));
        Console.WriteLine();
    }

    // Over all rounds: total instances over total time of each scenario.
    RunResult Total(string key) => RunResult.Sum(key, rounds[key]);
    var e = Total("engine");
    var b = Total("bare");
    var ratio = e.PerSecond / b.PerSecond;
    List<double> PerRound(string engine, string floor) => rounds[engine].Zip(rounds[floor], (x, y) => x.PerSecond / y.PerSecond).Order().ToList();
    string Percentages(List<double> ratios) => string.Join(", ", ratios.Select(r => (100 * r).ToString("F1", inv)));
    var perRound = PerRound("engine", "bare");
    Console.WriteLine(string.Create(inv, $"RESULT ({options.Parallel} client{(options.Parallel == 1 ? "" : "s")}, {options.Instances} instances x {options.Rounds} round{(options.Rounds == 1 ? "" : "s")}, SQLite file, WAL, synchronous={sync}, full history)"));
    Console.WriteLine(string.Create(inv, $"  engine instances/s:        {e.PerSecond,10:F1}   ({e.MsPerInstance:F3} ms, cpu {e.CpuMsPerInstance:F3} ms per instance)"));
    Console.WriteLine(string.Create(inv, $"  bare loop instances/s:     {b.PerSecond,10:F1}   ({b.MsPerInstance:F3} ms, cpu {b.CpuMsPerInstance:F3} ms per instance)"));
    Console.WriteLine(string.Create(inv, $"  ratio engine/bare:         {100 * ratio,10:F1} %   (per round: {Percentages(perRound)} %)"));
    if (options.Mid)
    {
        var o = Total("reopen");
        Console.WriteLine(string.Create(inv, $"  bare, pooled open per tx/s:{o.PerSecond,10:F1}   ({o.MsPerInstance:F3} ms, cpu {o.CpuMsPerInstance:F3} ms per instance)"));
        var s = Total("shell");
        var m = Total("mid");
        Console.WriteLine(string.Create(inv, $"  EF Core step shell/s:      {s.PerSecond,10:F1}   ({s.MsPerInstance:F3} ms, cpu {s.CpuMsPerInstance:F3} ms per instance)"));
        Console.WriteLine(string.Create(inv, $"  ADO.NET (engine's rows)/s: {m.PerSecond,10:F1}   ({m.MsPerInstance:F3} ms, cpu {m.CpuMsPerInstance:F3} ms per instance)   engine/ADO.NET {100 * e.PerSecond / m.PerSecond:F1} %   ADO.NET/bare {100 * m.PerSecond / b.PerSecond:F1} %"));
    }
    if (diagnostics)
    {
        Console.WriteLine(string.Create(inv, $"  synchronous=OFF (not durable): engine {Total("engine-off").PerSecond:F1}/s, bare {Total("bare-off").PerSecond:F1}/s"));
    }
    if (ratio < 0.10)
    {
        Console.WriteLine("  the engine is below 10% of the bare loop: see the profiled run's breakdown above.");
    }
    if (postgres is not null)
    {
        var pe = Total("pg-engine");
        var pb = Total("pg-bare");
        Console.WriteLine(string.Create(inv, $"RESULT PostgreSQL ({options.Parallel} client{(options.Parallel == 1 ? "" : "s")}, {options.Instances} instances x {options.Rounds} round{(options.Rounds == 1 ? "" : "s")}, database on {postgres.Server}, fsync={postgres.Fsync}, synchronous_commit={postgres.SynchronousCommit}, full history)"));
        Console.WriteLine(string.Create(inv, $"  PostgreSQL engine instances/s:    {pe.PerSecond,10:F1}   ({pe.MsPerInstance:F3} ms, cpu {pe.CpuMsPerInstance:F3} ms per instance)"));
        Console.WriteLine(string.Create(inv, $"  PostgreSQL bare loop instances/s: {pb.PerSecond,10:F1}   ({pb.MsPerInstance:F3} ms, cpu {pb.CpuMsPerInstance:F3} ms per instance)"));
        Console.WriteLine(string.Create(inv, $"  PostgreSQL ratio engine/bare:     {100 * pe.PerSecond / pb.PerSecond,10:F1} %   (per round: {Percentages(PerRound("pg-engine", "pg-bare"))} %)"));
    }
}
finally
{
    foreach (var d in asyncDisposables)
    {
        await d.DisposeAsync();
    }
    if (postgres is not null && !options.Keep)
    {
        await postgres.DropAsync();
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
return 0;
