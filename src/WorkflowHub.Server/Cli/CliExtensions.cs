using WorkflowHub.Server.Hosting;
namespace WorkflowHub.Server.Cli;

public static class CliExtensions
{
    /// <summary>The command-line module: the verb table and the built-in verbs.</summary>
    public static IServiceCollection AddHubCli(this IServiceCollection services)
    {
        services.AddScoped<HubCli>();
        services.AddCliVerb<MigrateVerb>();
        services.AddCliVerb<ValidateVerb>();
        return services;
    }

    /// <summary>Plugs a verb into the table; it is resolved in its own scope when invoked.</summary>
    public static IServiceCollection AddCliVerb<TVerb>(this IServiceCollection services)
        where TVerb : class, ICliVerb
    {
        services.AddScoped<ICliVerb, TVerb>();
        return services;
    }

    /// <summary>Runs the verb of the command line, or the server when there is none; returns the exit code.</summary>
    public static async Task<int> RunHubAsync(this WebApplication app, CliInvocation invocation)
    {
        if (invocation.Verb is null)
        {
            var refusals = app.Services.GetRequiredService<StartupRefusals>().Reasons;
            if (refusals.Count > 0)
            {
                var console = app.Services.GetRequiredService<HubConsole>();
                foreach (var reason in refusals)
                {
                    await console.Error.WriteLineAsync(reason);
                }
                return StartupRefusals.ExitCode;
            }
            await app.RunAsync();
            return 0;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HubCli>().RunAsync(invocation.Verb, invocation.VerbArgs, cancel.Token);
    }
}
