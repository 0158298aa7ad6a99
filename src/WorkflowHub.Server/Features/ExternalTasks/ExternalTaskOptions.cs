namespace WorkflowHub.Server.Features.ExternalTasks;

/// <summary>The "ExternalTasks" settings section: the bounds a worker's fetch-and-lock must keep.</summary>
public sealed class ExternalTaskOptions
{
    public const string Section = "ExternalTasks";

    /// <summary>The longest a fetch-and-lock may wait for a task (asyncResponseTimeout); a longer one is a 400.</summary>
    public TimeSpan MaxAsyncResponseTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most tasks one fetch-and-lock may ask for (maxTasks).</summary>
    public int MaxTasksPerFetch { get; set; } = 100;

    /// <summary>The longest lock a worker may take or extend to (lockDuration, newDuration, retryTimeout).</summary>
    public TimeSpan MaxLockDuration { get; set; } = TimeSpan.FromDays(1);
}
