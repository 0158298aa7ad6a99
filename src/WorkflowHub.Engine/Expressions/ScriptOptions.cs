namespace WorkflowHub.Engine.Expressions;

/// <summary>
/// Sandbox limits for <c>${...}</c> expressions and script tasks, bound from the configuration section
/// <see cref="SectionName"/> (<c>Engine:Scripts</c>). Every limit applies to one evaluation.
/// </summary>
public sealed class ScriptOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Engine:Scripts";

    /// <summary>Wall-clock budget of one evaluation (also the regular-expression match timeout). Default 1000 ms.</summary>
    public int TimeoutMilliseconds { get; set; } = 1000;

    /// <summary>Managed memory one evaluation may allocate. Default 16 MB.</summary>
    public long MemoryLimitBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>How many times one function may be on the call stack at once. Default 64.</summary>
    public int RecursionLimit { get; set; } = 64;

    /// <summary>Statements one evaluation may execute. Default 100,000.</summary>
    public int MaxStatements { get; set; } = 100_000;
}
