using WorkflowHub.Engine.Persistence;

namespace WorkflowHub.Engine.Runtime;

/// <summary>
/// The rows one step writes, collected in memory while the agenda runs and written together at the end,
/// in the step's transaction, by <see cref="StepWriter"/>.
/// </summary>
internal sealed class StepEffects
{
    public List<UserTaskRecord> NewTasks { get; } = [];
    public List<TaskCandidateRecord> NewCandidates { get; } = [];
    public List<string> DeletedTasks { get; } = [];
    public List<JobRecord> NewJobs { get; } = [];
    public List<JobRecord> UpdatedJobs { get; } = [];
    public List<string> DeletedJobs { get; } = [];
    public List<MessageSubscriptionRecord> NewSubscriptions { get; } = [];
    public List<string> DeletedSubscriptions { get; } = [];
    public List<IncidentRecord> NewIncidents { get; } = [];
    public List<(string Id, DateTimeOffset At)> ResolvedIncidents { get; } = [];
    public List<HistoryEntry> History { get; } = [];

    /// <summary>Rows the host asked to write with the step (<see cref="Services.CorrelationRequest.AlsoWrite"/>), after the engine's own.</summary>
    public List<Services.StepStatement> HostStatements { get; } = [];

    /// <summary>In-process signals to give once the step has committed (never before: a woken reader must see the rows).</summary>
    public List<Action> AfterCommit { get; } = [];

    /// <summary>
    /// On PostgreSQL, the channel through which a job due before <c>Before</c> is announced to the other nodes
    /// (NOTIFY is sent on commit); null on SQLite, where the in-process signal is enough.
    /// </summary>
    public (string Channel, DateTimeOffset Before)? NotifyOtherNodes { get; set; }

    /// <summary>The earliest due time among the jobs this step creates, to wake the executor.</summary>
    public DateTimeOffset? EarliestNewJob { get; private set; }

    public void AddJob(JobRecord job)
    {
        NewJobs.Add(job);
        // Stryker disable once Equality : "<=" is equivalent (an equal due time stores the same value); the line's other Equality mutants are killed by StepRetryTests
        if (EarliestNewJob is null || job.DueAt < EarliestNewJob)
        {
            EarliestNewJob = job.DueAt;
        }
    }

    public void DeleteTask(string taskId)
    {
        var pending = NewTasks.FindIndex(t => t.Id == taskId);
        if (pending >= 0)
        {
            NewTasks.RemoveAt(pending);
            NewCandidates.RemoveAll(c => c.TaskId == taskId);
        }
        else
        {
            DeletedTasks.Add(taskId);
        }
    }

    public void DeleteJob(string jobId)
    {
        if (NewJobs.RemoveAll(j => j.Id == jobId) == 0)
        {
            UpdatedJobs.RemoveAll(j => j.Id == jobId);
            DeletedJobs.Add(jobId);
        }
    }

    public void DeleteSubscription(string id)
    {
        if (NewSubscriptions.RemoveAll(s => s.Id == id) == 0)
        {
            DeletedSubscriptions.Add(id);
        }
    }
}
