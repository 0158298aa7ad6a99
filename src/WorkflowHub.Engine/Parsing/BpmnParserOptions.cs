namespace WorkflowHub.Engine.Parsing;

/// <summary>How <see cref="BpmnParser"/> reads a file.</summary>
public sealed class BpmnParserOptions
{
    /// <summary>The default size limit: 5 MB.</summary>
    public const long DefaultMaxBytes = 5 * 1024 * 1024;

    /// <summary>Files larger than this many bytes are refused before parsing (one error problem).</summary>
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>
    /// True when the file is being deployed: an element the engine cannot execute inside an executable
    /// process is an error (and a file without an executable process is an error). False (validate):
    /// those are warnings.
    /// </summary>
    public bool DeployMode { get; set; }
}
