namespace WorkflowHub.Server.Features.Flows;

/// <summary>The "Flows" settings section: the shipped BPMN flows and intake webhooks.</summary>
public sealed class FlowsOptions
{
    public const string Section = "Flows";

    /// <summary>The folder whose *.bpmn files are deployed on start (a file whose content changed becomes a new version).</summary>
    public string Folder { get; set; } = "workflows";

    public bool DeployOnStart { get; set; } = true;

    /// <summary>Create the 12345 and city-platform intake webhooks on the first start (secrets generated; rotate to read them).</summary>
    public bool CreateIntakeWebhooks { get; set; } = true;
}
