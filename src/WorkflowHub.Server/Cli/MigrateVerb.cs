using WorkflowHub.Server.Data;
using WorkflowHub.Server.Hosting;

namespace WorkflowHub.Server.Cli;

/// <summary><c>migrate</c>: applies the configured provider's migrations and exits.</summary>
internal sealed class MigrateVerb(HubDatabaseMigrator migrator, HubConsole console) : ICliVerb
{
    public string Name => "migrate";

    public string Arguments => string.Empty;

    public string Description => "Applies the database migrations of the configured provider.";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        if (args.Count > 0)
        {
            await console.Error.WriteLineAsync("migrate takes no arguments.");
            return HubCli.UsageExitCode;
        }

        var applied = await migrator.MigrateAsync(ct);
        await console.Out.WriteLineAsync(applied.Count == 0
            ? "The database is up to date."
            : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");
        return 0;
    }
}
