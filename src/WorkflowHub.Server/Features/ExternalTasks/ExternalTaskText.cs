namespace WorkflowHub.Server.Features.ExternalTasks;

/// <summary>The resource marker of the external-task texts: ExternalTaskText.zh-CN.resx translates them (the English text is the key).</summary>
public sealed class ExternalTaskText;
