using WorkflowHub.Engine.Services;

namespace WorkflowHub.Server.Features.Tasks.Actions;

/// <summary>抄送 as a step of the flow: a service task with <c>camunda:topic="task.cc"</c> copies the instance to users and groups.</summary>
public sealed class CarbonCopyStepHandler : IServiceTaskHandler
{
    public const string TopicName = "task.cc";

    public string Topic => TopicName;

    public string? Description => "Carbon copy: copies this instance to users or groups (read only, in their list of copies).";

    public IReadOnlyList<HandlerParameter> Parameters { get; } =
    [
        new("ccUsers", "string", false, "user names, comma-separated"),
        new("ccGroups", "string", false, "group ids, comma-separated"),
        new("ccReason", "string", false, "a note shown to the recipients"),
    ];

    public ValueTask ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        var users = Split(context.GetVariable<string>("ccUsers"));
        var groups = Split(context.GetVariable<string>("ccGroups"));
        if (users.Count + groups.Count == 0)
        {
            throw new InvalidOperationException("task.cc needs ccUsers or ccGroups (comma-separated).");
        }
        context.Db.AddRange(CarbonCopyAction.Copies(context.InstanceId, null, context.ElementId, context.ProcessKey, context.BusinessKey,
            users, groups, "flow", context.GetVariable<string>("ccReason"), context.Now));
        return ValueTask.CompletedTask;
    }

    private static List<string> Split(string? list) =>
        string.IsNullOrWhiteSpace(list) ? [] : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().Take(CarbonCopyAction.MaxRecipients).ToList();
}
