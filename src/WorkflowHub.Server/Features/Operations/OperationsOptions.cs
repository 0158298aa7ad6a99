namespace WorkflowHub.Server.Features.Operations;

/// <summary>The "Operations" settings section: metrics and how a database outage is reported.</summary>
public sealed class OperationsOptions
{
    public const string Section = "Operations";

    /// <summary>
    /// A token that lets a scraper read <c>/metrics</c> without signing in (<c>Authorization: Bearer TOKEN</c>);
    /// empty: only administrators may read it. Keep it out of the repository (an environment variable).
    /// </summary>
    public string MetricsScrapeToken { get; set; } = "";

    /// <summary>How often the gauges that need the database (jobs due, open incidents, outbox backlog) are read.</summary>
    public TimeSpan GaugeInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long after a failed database call <c>/health</c> still says Unhealthy (a full SQLite disk still reads).</summary>
    public TimeSpan OutageMemory { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The Retry-After of a 503 answered while the database is unavailable.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}
