using WorkflowHub.Server.Hosting;

namespace WorkflowHub.Server.Cli;

/// <summary>The verb table: finds the verb by name and runs it, printing the usage for anything else.</summary>
public sealed class HubCli(IEnumerable<ICliVerb> verbs, HubConsole console, ILogger<HubCli> logger)
{
    public const int UsageExitCode = 2;

    private readonly IReadOnlyList<ICliVerb> _verbs = verbs.OrderBy(v => v.Name, StringComparer.Ordinal).ToList();

    public async Task<int> RunAsync(string verb, IReadOnlyList<string> args, CancellationToken ct)
    {
        if (verb is "help")
        {
            await WriteUsageAsync(console.Out);
            return 0;
        }

        var match = _verbs.FirstOrDefault(v => string.Equals(v.Name, verb, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            await console.Error.WriteLineAsync($"Unknown verb '{verb}'.");
            await WriteUsageAsync(console.Error);
            return UsageExitCode;
        }

        try
        {
            return await match.RunAsync(args, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "The {Verb} verb failed", match.Name);
            await console.Error.WriteLineAsync($"{match.Name} failed: {ex.Message}");
            return 1;
        }
    }

    private async Task WriteUsageAsync(TextWriter writer)
    {
        await writer.WriteLineAsync("Usage: WorkflowHub.Server [VERB [ARGS...]] [--Section:Key=value...]");
        await writer.WriteLineAsync("Without a verb the server runs. Verbs:");
        foreach (var verb in _verbs)
        {
            await writer.WriteLineAsync($"  {(verb.Name + " " + verb.Arguments).TrimEnd(),-24} {verb.Description}");
        }
        await writer.WriteLineAsync($"  {"help",-24} Prints this text.");
    }
}
