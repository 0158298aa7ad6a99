namespace WorkflowHub.Engine.Services;

/// <summary>
/// Told after a step has committed which user tasks it created, so a host can push them to the people who may see
/// them (the inbox's live updates) without polling the database. Called on the committing thread: keep it short and
/// never throw; an exception is logged and swallowed, since the step is already durable.
/// </summary>
public interface ITaskCreationObserver
{
    void TasksCreated(IReadOnlyList<TaskInfo> tasks);
}
