namespace WorkflowHub.Server.Hosting;

/// <summary>
/// Settings that forbid running the server, found while it is put together. Running then prints each reason as one
/// line on stderr and exits with <see cref="ExitCode"/> (a person's mistake, not a crash: no stack trace).
/// </summary>
public sealed class StartupRefusals
{
    public const int ExitCode = 2;

    private readonly List<string> _reasons = [];

    public IReadOnlyList<string> Reasons => _reasons;

    public void Add(string reason) => _reasons.Add(reason);
}
