using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WorkflowHub.Server.Hosting;

/// <summary>Builds the web host with the repository's single settings file and the WORKFLOWHUB__ overrides.</summary>
public static class HubHost
{
    public const string DefaultUrl = "http://localhost:5080";
    public const string EnvironmentPrefix = "WORKFLOWHUB__";

    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var paths = HubPaths.Discover(builder.Environment.ContentRootPath, Directory.GetCurrentDirectory(), AppContext.BaseDirectory);

        // Added after the defaults so they win over them; the command line is added again so it still wins
        // over everything, as it does in a plain ASP.NET Core host.
        builder.Configuration
            .AddJsonFile(paths.SettingsPath, optional: true, reloadOnChange: false)
            .AddJsonFile(Path.Combine(paths.Root, $"appsettings.{builder.Environment.EnvironmentName}.json"), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables(EnvironmentPrefix)
            .AddCommandLine(args);

        if (!HasExplicitUrls(builder.Configuration))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddSingleton(paths);
        // Plain text for a person at a terminal, JSON lines for a log collector; Logging:Console:FormatterName wins.
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o =>
            o.FormatterName ??= ConsoleFormatter(Console.IsOutputRedirected));
        return builder;
    }

    /// <summary>The console log format: <c>simple</c> on a terminal, <c>json</c> when the output is redirected.</summary>
    public static string ConsoleFormatter(bool outputRedirected) =>
        outputRedirected ? Microsoft.Extensions.Logging.Console.ConsoleFormatterNames.Json : Microsoft.Extensions.Logging.Console.ConsoleFormatterNames.Simple;

    /// <summary>Registers what every module may depend on: the clock and the console.</summary>
    public static IServiceCollection AddHubHosting(this IServiceCollection services)
    {
        // TryAdd: a clock or console registered earlier wins (direct tests capture the console, the engine may bring a clock).
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(HubConsole.System);
        services.TryAddSingleton<StartupRefusals>();
        return services;
    }

    /// <summary>--urls, ASPNETCORE_URLS, ASPNETCORE_HTTP_PORTS and the like all arrive as these keys.</summary>
    private static bool HasExplicitUrls(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey])
        || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpPortsKey])
        || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpsPortsKey]);
}
