namespace WorkflowHub.Engine.Jobs;

/// <summary>
/// Wakes the job executor when a step commits a job due before the executor's next look, so that an async
/// continuation does not wait for the poll interval. On PostgreSQL the host also passes on other nodes' NOTIFYs
/// here, so a timer another node creates due now wakes this one too; the interval is only the fallback.
/// </summary>
public sealed class JobWakeup
{
    /// <summary>The PostgreSQL NOTIFY channel on which a step announces a job due soon (payload: due time, Unix ms).</summary>
    public const string PostgresChannel = "workflowhub_jobs";

    private readonly object _gate = new();
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset _earliest = DateTimeOffset.MaxValue;

    public void Notify(DateTimeOffset dueAt)
    {
        lock (_gate)
        {
            if (dueAt < _earliest)
            {
                _earliest = dueAt;
            }
            _signal.TrySetResult();
        }
    }

    /// <summary>The earliest due time announced since the last <see cref="Reset"/>, and a task that completes on the next announcement.</summary>
    public (DateTimeOffset Earliest, Task Signal) Peek()
    {
        lock (_gate)
        {
            return (_earliest, _signal.Task);
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _earliest = DateTimeOffset.MaxValue;
            if (_signal.Task.IsCompleted)
            {
                _signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }
}
