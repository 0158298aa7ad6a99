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

    /// <summary>Steps committed, by what caused them ("api", "job", "webhook", ...); steps per second is its rate.</summary>
    internal static readonly Counter<long> Steps = Meter.CreateCounter<long>("workflowhub.engine.steps", "{step}", "Engine steps committed.");

    internal static readonly Histogram<double> StepDuration = Meter.CreateHistogram<double>("workflowhub.engine.step.duration", "s",
        "Time from taking the step's connection to its commit, retries included.");

    internal static readonly UpDownCounter<long> JobsRunning = Meter.CreateUpDownCounter<long>("workflowhub.engine.jobs.running", "{job}", "Jobs this node is running now.");

    internal static readonly Counter<long> JobsFailed = Meter.CreateCounter<long>("workflowhub.engine.jobs.failed", "{job}",
        "Job runs that failed (a retry counted down, or an incident at the last).");

    internal static readonly Histogram<double> TimerLag = Meter.CreateHistogram<double>("workflowhub.engine.timer.lag", "s",
        "How long after its due time a timer fired.");

    /// <summary>The kind of cause a step's actor names, so the counter's tags stay few: "job", "webhook", "system" or "user".</summary>
    internal static string Cause(string? actor) => actor switch
    {
        null => "system",
        "job" => "job",
        _ when actor.StartsWith("webhook:", StringComparison.Ordinal) => "webhook",
        _ => "user",
    };
}
