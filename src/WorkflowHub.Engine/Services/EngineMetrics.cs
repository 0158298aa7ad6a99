using System.Diagnostics.Metrics;

namespace WorkflowHub.Engine.Services;

/// <summary>
/// The engine's instruments (meter <see cref="MeterName"/>): what a step, a job and a timer cost on this node. The
/// host exports them (OpenTelemetry); the engine only records. Gauges that need the database (jobs due, open
/// incidents) are sampled by the host.
/// </summary>
public static class EngineMetrics
{
    public const string MeterName = "WorkflowHub.Engine";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>
    /// Bucket bounds in seconds for a step and its wait, from a tenth of a millisecond (a SQLite step) to 10 s: without
    /// them the exporter's default bounds (0, 5, 10, … 10,000, meant for milliseconds) put every step in the first bucket.
    /// </summary>
    private static readonly InstrumentAdvice<double> StepSeconds = new()
    {
        HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };

    /// <summary>Bucket bounds in seconds for a timer's lag: under a second when the node keeps up, a lease (30 s) after a takeover.</summary>
    private static readonly InstrumentAdvice<double> LagSeconds = new()
    {
        HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 3600],
    };

    /// <summary>Steps committed, by what caused them ("api", "job", "webhook", ...); steps per second is its rate.</summary>
    internal static readonly Counter<long> Steps = Meter.CreateCounter<long>("workflowhub.engine.steps", "{step}", "Engine steps committed.");

    internal static readonly Histogram<double> StepDuration = Meter.CreateHistogram<double>("workflowhub.engine.step.duration", "s",
        "Time from asking for the step's connection to its commit, the wait for it and retries included.", advice: StepSeconds);

    /// <summary>
    /// How long steps queue for their connection. On SQLite that is the one writer, so a wait that grows with the
    /// load says the node is writer-bound (time for PostgreSQL); on PostgreSQL it is the pool.
    /// </summary>
    internal static readonly Histogram<double> ConnectionWait = Meter.CreateHistogram<double>("workflowhub.engine.step.connection_wait", "s",
        "Time a step waited for its connection: on SQLite the one writer, on PostgreSQL a pooled connection.", advice: StepSeconds);

    internal static readonly UpDownCounter<long> JobsRunning = Meter.CreateUpDownCounter<long>("workflowhub.engine.jobs.running", "{job}", "Jobs this node is running now.");

    internal static readonly Counter<long> JobsFailed = Meter.CreateCounter<long>("workflowhub.engine.jobs.failed", "{job}",
        "Job runs that failed (a retry counted down, or an incident at the last).");

    internal static readonly Histogram<double> TimerLag = Meter.CreateHistogram<double>("workflowhub.engine.timer.lag", "s",
        "How long after its due time a timer fired.", advice: LagSeconds);

    /// <summary>The kind of cause a step's actor names, so the counter's tags stay few: "job", "webhook", "system" or "user".</summary>
    internal static string Cause(string? actor) => actor switch
    {
        null => "system",
        "job" => "job",
        _ when actor.StartsWith("webhook:", StringComparison.Ordinal) => "webhook",
        _ => "user",
    };
}
