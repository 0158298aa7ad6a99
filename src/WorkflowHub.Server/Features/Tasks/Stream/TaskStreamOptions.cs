namespace WorkflowHub.Server.Features.Tasks.Stream;

/// <summary>Settings of the inbox's live updates (<c>GET /api/tasks/stream</c>), section <c>Tasks:Stream</c>.</summary>
public sealed class TaskStreamOptions
{
    public const string Section = "Tasks:Stream";

    /// <summary>A comment line this often keeps proxies from closing an idle stream and lets the client see it is alive.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Open streams per user (browser tabs); one more is refused with 429.</summary>
    public int MaxConnectionsPerUser { get; set; } = 3;

    /// <summary>Open streams on this node; one more is refused with 503 and the console falls back to polling.</summary>
    public int MaxConnections { get; set; } = 2000;

    /// <summary>
    /// How often a connected console still reloads its list: a stream carries the tasks this node's steps create, so
    /// this check picks up other nodes' tasks and changes that are not new tasks (claims, completions elsewhere).
    /// </summary>
    public TimeSpan ConnectedPollInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the console reloads its list when no stream is open (the fallback).</summary>
    public TimeSpan FallbackPollInterval { get; set; } = TimeSpan.FromSeconds(15);
}
