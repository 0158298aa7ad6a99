namespace WorkflowHub.Server.Features.Tasks;

/// <summary>
/// The resource marker of the task actions' and inbox texts (待办): code writes them in English, TaskText.zh-CN.resx translates them (the English text is
/// the key) for answers in zh-CN, the default; Accept-Language: en keeps the English.
/// </summary>
public sealed class TaskText;
