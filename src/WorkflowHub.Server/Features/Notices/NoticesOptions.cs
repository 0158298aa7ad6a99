namespace WorkflowHub.Server.Features.Notices;

/// <summary>The "Notices" settings section: templates, rendering limits, delivery, robots and the organisation.</summary>
public sealed class NoticesOptions
{
    public const string Section = "Notices";

    /// <summary>The shipped template files (relative to the repository root), loaded into the database on start when changed.</summary>
    public string TemplatesDirectory { get; set; } = "workflows/templates";

    /// <summary>The time zone dates in notices are written in (IANA id); China Standard Time unless told otherwise.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    public NoticeRenderOptions Render { get; set; } = new();

    public NoticeDeliveryOptions Delivery { get; set; } = new();

    public RobotOptions Robots { get; set; } = new();

    /// <summary>The organisation's names for templates until the domain module provides its own.</summary>
    public Dictionary<string, string> Organisation { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>The template sandbox's limits.</summary>
public sealed class NoticeRenderOptions
{
    public int TimeoutMilliseconds { get; set; } = 2000;

    /// <summary>Iterations of one loop.</summary>
    public int LoopLimit { get; set; } = 1000;

    /// <summary>Nested function calls.</summary>
    public int RecursionLimit { get; set; } = 32;

    /// <summary>Characters one part may produce.</summary>
    public int OutputLimit { get; set; } = 512 * 1024;

    /// <summary>Characters of one template part (the editor and the files are refused above it).</summary>
    public int MaxTemplateLength { get; set; } = 64 * 1024;

    /// <summary>Recipients one notice may resolve to (users, group members, addresses, robots together).</summary>
    public int MaxRecipients { get; set; } = 500;
}

/// <summary>The hosted sender: how often it looks, how many rows it takes, how it retries.</summary>
public sealed class NoticeDeliveryOptions
{
    public bool Enabled { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public int BatchSize { get; set; } = 20;

    /// <summary>How long a sender holds a row; a crashed sender's rows are taken again after it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Deliveries before a row is marked failed and an incident is raised.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait after the first failure; it doubles after each further one, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>SMTP and robot calls give up after this long.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class RobotOptions
{
    /// <summary>Robot URLs must be https unless this is on (local receivers in tests and labs).</summary>
    public bool AllowHttp { get; set; }
}
