using Microsoft.Extensions.Options;

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

    /// <summary>
    /// The first line printed for settings out of range, before each failure (which names its setting). English, as
    /// the command line's other messages and the settings' keys are (ServerTextCatalogueTests leaves them alone).
    /// </summary>
    public const string InvalidSettingsLine = "The settings are invalid; the server did not start:";

    /// <summary>
    /// Settings a module checks (ValidateOnStart, or when first read while the host is built): each failure on a line
    /// of its own under <see cref="InvalidSettingsLine"/>, and <see cref="ExitCode"/>, instead of a stack trace.
    /// </summary>
    public static async Task<int> InvalidSettingsAsync(OptionsValidationException invalid, HubConsole console)
    {
        await console.Error.WriteLineAsync(InvalidSettingsLine);
        foreach (var failure in invalid.Failures)
        {
            await console.Error.WriteLineAsync("  " + failure);
        }
        return ExitCode;
    }
}
