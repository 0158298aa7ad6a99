using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowHub.Server.Cli;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Hosting;
using WorkflowHub.Server.Identity;
using WorkflowHub.Testing;

namespace WorkflowHub.Server.Tests.Support;

/// <summary>
/// The server's modules in a plain service provider, without the web host: for testing one service directly
/// (the bootstrapper, the migrator, a verb) with the console and the logs captured.
/// </summary>
public sealed class HubServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    public HubServices(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? modules = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider.ToString(),
            ["Database:ConnectionString"] = database.ConnectionString,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton(new HubPaths(Path.GetTempPath()));
        services.AddSingleton(new HubConsole(_out, _error));
        services.AddHubHosting();
        services.AddHubData();
        services.AddHubIdentity();
        services.AddHubCli();
        modules?.Invoke(services);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public CapturedLogs Logs { get; } = new();

    public string Out => _out.ToString();

    public string Error => _error.ToString();

    public IServiceProvider Services => _provider;

    /// <summary>Resolves <typeparamref name="T"/> in a fresh scope and runs <paramref name="action"/> with it.</summary>
    public async Task<TResult> InScopeAsync<T, TResult>(Func<T, Task<TResult>> action)
        where T : notnull
    {
        await using var scope = _provider.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<T>());
    }

    public Task<IReadOnlyList<string>> MigrateAsync() =>
        _provider.GetRequiredService<HubDatabaseMigrator>().MigrateAsync();

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
