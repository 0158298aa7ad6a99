namespace WorkflowHub.Server.Api;

/// <summary>The "Server" settings section: request limits of the HTTP API and the webhook receiver.</summary>
public sealed class ServerOptions
{
    public const string Section = "Server";

    /// <summary>Kestrel's limit for every request body, in bytes (413 above it).</summary>
    public long MaxRequestBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The largest JSON body accepted by the API's endpoints (start, complete, messages...), in bytes.</summary>
    public long MaxJsonBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The largest body accepted by POST /hooks/{key}, in bytes.</summary>
    public long MaxWebhookBodyBytes { get; set; } = 256 * 1024;

    /// <summary>How far a webhook's X-WorkflowHub-Timestamp may be from now (either way) before it counts as a replay.</summary>
    public TimeSpan WebhookTimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The address people open the console at (e.g. https://wfh.example.gov.cn); links in notices start with it.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";
    /// <summary>How long webhook delivery logs and idempotency records are kept before the retention job removes them.</summary>
    public TimeSpan WebhookRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The largest page size a list endpoint accepts.</summary>
    public int MaxPageSize { get; set; } = 200;
}

/// <summary>
/// The "RateLimiting" settings section: fixed windows for the API (per user or address), for /hooks (per webhook),
/// and for requests to unknown webhook keys (per address).
/// </summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    public FixedWindow Api { get; set; } = new() { PermitLimit = 600, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Per webhook, unless the webhook sets its own: sized for a 12345 platform's bursts of hundreds.</summary>
    public FixedWindow Hooks { get; set; } = new() { PermitLimit = 1200, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Per client address, requests naming a webhook key that does not exist.</summary>
    public FixedWindow UnknownHookKeys { get; set; } = new() { PermitLimit = 20, Window = TimeSpan.FromMinutes(1) };

    public sealed class FixedWindow
    {
        /// <summary>Requests allowed per window; 0 or less switches the limiter off.</summary>
        public int PermitLimit { get; set; }

        public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
    }
}
