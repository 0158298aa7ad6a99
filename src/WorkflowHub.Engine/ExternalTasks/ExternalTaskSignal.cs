namespace WorkflowHub.Engine.ExternalTasks;

/// <summary>
/// Wakes the long-polling fetch-and-lock requests of this node when an external task may have become fetchable: a
/// step committed a new one, a worker unlocked one, an incident's retry gave one back. On PostgreSQL the step also
/// sends <c>NOTIFY</c> on <see cref="PostgresChannel"/>, and the host passes other nodes' notifications on here.
/// Waiters take <see cref="Next"/> before they look, so a signal between looking and waiting is not lost.
/// </summary>
public sealed class ExternalTaskSignal
{
    /// <summary>The PostgreSQL NOTIFY channel on which a step announces new external tasks (payload: the topic).</summary>
    public const string PostgresChannel = "workflowhub_external_tasks";

    private readonly object _gate = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Notify"/>.</summary>
    public Task Next
    {
        get
        {
            lock (_gate)
            {
                return _next.Task;
            }
        }
    }

    public void Notify()
    {
        TaskCompletionSource fired;
        lock (_gate)
        {
            fired = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        fired.TrySetResult();
    }
}
