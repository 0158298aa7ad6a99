using WorkflowHub.Engine.Services;

namespace WorkflowHub.Server.Features.Tasks.Actions;

/// <summary>抄送 as a step of the flow: a service task with <c>camunda:topic="task.cc"</c> copies the instance to users and groups.</summary>
public sealed class CarbonCopyStepHandler : IServiceTaskHandler
{
    public const string TopicName = "task.cc";

    public string Topic => TopicName;

    public string? Description => "抄送：把本实例抄送给用户或组（只读，出现在“抄送我的”）。 Carbon-copies the instance to users or groups.";

    public IReadOnlyList<HandlerParameter> Parameters { get; } =
    [
        new("ccUsers", "string", false, "用户名，逗号分隔 (comma-separated user names)"),
        new("ccGroups", "string", false, "组 id，逗号分隔 (comma-separated group ids)"),
        new("ccReason", "string", false, "抄送说明 (note shown to the recipients)"),
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
