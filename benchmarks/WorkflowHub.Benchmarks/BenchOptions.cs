using System.Globalization;

namespace WorkflowHub.Benchmarks;

/// <summary>Command line of the harness.</summary>
internal sealed class BenchOptions
{
    public int Instances { get; private set; } = 5_000;
    public int Warmup { get; private set; } = 300;
    public int Parallel { get; private set; } = 1;
    public int Rounds { get; private set; } = 1;
    public int Blocks { get; private set; } = 10;
    public bool Mid { get; private set; } = true;
    public bool Profile { get; private set; } = true;
    public bool Diagnostics { get; private set; }
    public bool Keep { get; private set; }

    /// <summary>The engine on SQLite's inline automatic checkpoint instead of the server's background checkpointer (A/B).</summary>
    public bool AutoCheckpoint { get; private set; }

    /// <summary>PRAGMA synchronous on every connection of every scenario: FULL, NORMAL (the server's setting) or OFF.</summary>
    public string Synchronous { get; private set; } = "NORMAL";
    public string? Directory { get; private set; }

    /// <summary>Connection string of a PostgreSQL server to also run the engine and a bare loop on; null for SQLite only.</summary>
    public string? Postgres { get; private set; }

    public const string PostgresVariable = "WORKFLOWHUB_BENCH_POSTGRES";

    public const string Usage = """
        WorkflowHub durable-throughput harness (SQLite file, WAL, synchronous=NORMAL unless --synchronous).
          --instances N   instances per measured run (default 5000)
          --warmup N      instances run before measuring, per scenario (default 300)
          --parallel K    concurrent clients (default 1: one client, sequential)
          --rounds R      repeat the whole measurement R times (default 1)
          --blocks B      split each scenario's instances into B blocks run in turn with the other
                          scenarios', so all of them see the same disk and CPU contention (default 10)
          --no-mid        skip the plain ADO.NET baseline that writes the engine's rows
          --no-profile    skip the profiled engine run (SQLite statement timer + EF Core events)
          --synchronous full|normal|off
                          PRAGMA synchronous on every connection of every scenario (default normal, as the
                          server runs): full = fsync at every commit (survives power loss); normal = fsync at
                          checkpoints (survives a process crash, a power loss may take back the last commits);
                          off = no fsync (CPU ceiling, not durable)
          --diag          also run engine and bare loop with PRAGMA synchronous=OFF (CPU ceiling, not durable)
          --dir PATH      where the database files go (default: a new folder under the temp directory)
          --postgres CONNECTION_STRING
                          also run the engine and a bare loop on this PostgreSQL server, each run in a new
                          database wfh_bench_<random> created through the server's "postgres" database
                          (default: the WORKFLOWHUB_BENCH_POSTGRES environment variable; neither: SQLite only)
          --autocheckpoint
                          run the engine with Engine:SqliteCheckpoint:Enabled=false, i.e. SQLite's automatic
                          checkpoint inline in the commit every 1000 pages (default: the server's setting, a
                          background checkpointer); the baselines always use SQLite's default
          --keep          keep the database files (and the PostgreSQL database)
        """;

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Int() => int.Parse(Next(), NumberStyles.None, CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--instances" or "-n":
                    o.Instances = Int();
                    break;
                case "--warmup":
                    o.Warmup = Int();
                    break;
                case "--parallel" or "-p":
                    o.Parallel = Int();
                    break;
                case "--rounds":
                    o.Rounds = Int();
                    break;
                case "--blocks":
                    o.Blocks = Int();
                    break;
                case "--no-mid":
                    o.Mid = false;
                    break;
                case "--no-profile":
                    o.Profile = false;
                    break;
                case "--synchronous":
                    o.Synchronous = Next().ToUpperInvariant() switch
                    {
                        "FULL" or "2" => "FULL",
                        "NORMAL" or "1" => "NORMAL",
                        "OFF" or "0" => "OFF",
                        var other => throw new ArgumentException($"--synchronous takes full, normal or off, not '{other}'."),
                    };
                    break;
                case "--diag":
                    o.Diagnostics = true;
                    break;
                case "--keep":
                    o.Keep = true;
                    break;
                case "--autocheckpoint":
                    o.AutoCheckpoint = true;
                    break;
                case "--dir":
                    o.Directory = Next();
                    break;
                case "--postgres":
                    o.Postgres = Next();
                    break;
                case "--help" or "-h":
                    Console.WriteLine(Usage);
                    Environment.Exit(0);
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'.\n{Usage}");
            }
        }
        if (o.Instances < 1 || o.Parallel < 1 || o.Rounds < 1 || o.Warmup < 1 || o.Blocks < 1)
        {
            throw new ArgumentException("--instances, --warmup, --parallel, --rounds and --blocks must be at least 1.");
        }
        o.Blocks = Math.Min(o.Blocks, o.Instances);
        if (string.IsNullOrWhiteSpace(o.Postgres))
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(PostgresVariable);
            o.Postgres = string.IsNullOrWhiteSpace(fromEnvironment) ? null : fromEnvironment;
        }
        return o;
    }
}
