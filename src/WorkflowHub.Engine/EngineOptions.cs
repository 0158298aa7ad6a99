namespace WorkflowHub.Engine;

/// <summary>The engine's settings (configuration section "Engine").</summary>
public sealed class EngineOptions
{
    public JobExecutorOptions JobExecutor { get; set; } = new();

    public SqliteCheckpointOptions SqliteCheckpoint { get; set; } = new();

    /// <summary>Retry cycle of async jobs without camunda:failedJobRetryTimeCycle (Camunda's default is 3 retries).</summary>
    public string DefaultRetryCycle { get; set; } = "R3/PT5M";

    /// <summary>The largest BPMN file accepted, in bytes.</summary>
    public long MaxBpmnBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>How often a step is run again after losing an optimistic-concurrency race.</summary>
    public int MaxConflictRetries { get; set; } = 50;

    /// <summary>
    /// The most elements one step may enter. A token that goes on past it (a loop without a wait state) stops with an
    /// incident naming the loop, so the step ends, commits and frees the writer for everyone else.
    /// </summary>
    public int MaxElementsPerStep { get; set; } = 10_000;

    /// <summary>Lets an administrator move the engine's clock forward (training, demos, end-to-end tests).</summary>
    public bool SimulationClock { get; set; }
}

public sealed class JobExecutorOptions
{
    /// <summary>Run the hosted job executor in this process (off for nodes that only serve the API).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The longest the executor sleeps; bounds how late another node's jobs are seen.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long an acquired job stays leased without renewal: a node renews the leases of the jobs it holds every
    /// third of this, so a crashed node's jobs go to another node within one lease.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most due jobs taken per acquisition, 1 to 1,000 (checked at start).</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>
    /// SQLite only (one node): at start, free the jobs leased by an earlier, dead process on the same file, so its
    /// timers fire at once after a crash and restart instead of one lease later.
    /// </summary>
    public bool ReclaimLeasesOnStart { get; set; } = true;

    /// <summary>Identifies this node in job leases; defaults to machine name and process id.</summary>
    public string? NodeId { get; set; }
}

/// <summary>
/// SQLite only: who moves the write-ahead log back into the database file. SQLite's own automatic checkpoint runs inline
/// in the commit that passes 1000 pages, so that commit (and every step queued behind the one writer) waits for the
/// checkpoint's two fsyncs. With this on, the engine's connections do not checkpoint at commit and a background loop on
/// a connection of its own does it instead.
/// </summary>
public sealed class SqliteCheckpointOptions
{
    /// <summary>Checkpoint in the background (off: SQLite's default, inline every 1000 pages).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the background loop runs a passive checkpoint (one that never waits for readers or writers).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The WAL pages past which the loop pauses engine steps for a restarting checkpoint: a passive one cannot finish
    /// while steps keep committing or a reader keeps an old snapshot, and the log only starts over once one finishes.
    /// </summary>
    public int MaxWalPages { get; set; } = 8192;

    /// <summary>How long the restarting checkpoint (and the truncating one at shutdown) waits for readers before it gives up until the next round.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
