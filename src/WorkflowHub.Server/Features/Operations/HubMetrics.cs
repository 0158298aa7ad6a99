using System.Diagnostics.Metrics;

namespace WorkflowHub.Server.Features.Operations;

/// <summary>
/// The server's own instruments (meter <see cref="MeterName"/>). Other modules report into it: a counter here, or a
/// gauge read from the database through <see cref="IOperationalGauge"/> (registered with
/// <c>services.AddOperationalGauge&lt;T&gt;()</c>), which the sampler reads every <c>Operations:GaugeInterval</c>.
/// </summary>
public static class HubMetrics
{
    public const string MeterName = "WorkflowHub.Server";

    internal static readonly Meter Meter = new(MeterName);

    /// <summary>Webhook deliveries by outcome: accepted, replayed (same Idempotency-Key), refused (4xx), failed (5xx).</summary>
    public static readonly Counter<long> WebhookDeliveries = Meter.CreateCounter<long>("workflowhub.webhook.deliveries", "{delivery}", "Webhook deliveries received, by outcome.");

    public static void WebhookDelivery(int status, bool replayed) =>
        WebhookDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", status switch
        {
            _ when replayed => "replayed",
            < 300 => "accepted",
            < 500 => "refused",
            _ => "failed",
        }));
}

/// <summary>
/// A number read from the database and exported as a gauge (e.g. the mail outbox's backlog). Reads run on the
/// sampler's schedule, never during a scrape, so a slow or absent database does not stall /metrics.
/// </summary>
public interface IOperationalGauge
{
    /// <summary>The instrument's name, e.g. "workflowhub.outbox.backlog".</summary>
    string Name { get; }

    string Unit { get; }

    string Description { get; }

    Task<long> ReadAsync(Data.HubDbContext db, CancellationToken ct);
}
