namespace WorkflowHub.Server.Features.Instances;

/// <summary>The resource marker of the instance-modification texts: InstanceModificationText.zh-CN.resx.</summary>
public sealed class InstanceModificationText;
