using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkflowHub.Server.Features.Dev;

namespace WorkflowHub.Browser.Tests.Support;

/// <summary>
/// The real server (Program.cs, every module) listening with Kestrel on 127.0.0.1 and a free port, on a temporary
/// SQLite database, with the simulation clock on and the job executor off (the clock's advance runs due jobs).
/// The browser reaches it over a real socket, on the same origin as the console it serves. A test that needs a
/// given date (a holiday on the working-day calendar) starts its own server with <c>simulatedNow</c>.
/// </summary>
public sealed class BrowserServer : WebApplicationFactory<Program>
{
    private readonly DateTimeOffset? _simulatedNow;

    public const string AdminUser = "admin";
    public const string AdminPassword = "Hub-Browser-Admin-1!";

    private readonly string _folder = Directory.CreateTempSubdirectory("wfh_browser_").FullName;

    public BrowserServer(DateTimeOffset? simulatedNow = null)
    {
        _simulatedNow = simulatedNow;
        UseKestrel(0);
    }

    public NoticeStandIn Notices { get; } = new();

    /// <summary>http://127.0.0.1:PORT, once started.</summary>
    public Uri Address { get; private set; } = null!;

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Address = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(_folder, "hub.db")}",
            ["Bootstrap:AdminUser"] = AdminUser,
            ["Bootstrap:AdminPassword"] = AdminPassword,
            ["Mail:PickupDirectory"] = Path.Combine(_folder, "mail"),
            ["Server:DataProtectionKeysPath"] = Path.Combine(_folder, "keys"),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Engine:JobExecutor:Enabled"] = "false",
            ["Engine:SimulationClock"] = "true",
            ["RateLimiting:Api:PermitLimit"] = "0",
            ["RateLimiting:Hooks:PermitLimit"] = "0",
        };
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(values));
        builder.ConfigureTestServices(services =>
        {
            NoticeStandIn.Register(services, Notices);
            if (_simulatedNow is { } start)
            {
                services.RemoveAll<SimulationTimeProvider>();
                services.AddSingleton(new SimulationTimeProvider(new StartingAt(start)));
            }
        });
    }

    /// <summary>Real time running on from a given moment (the simulation clock is then moved forward from there).</summary>
    private sealed class StartingAt(DateTimeOffset start) : TimeProvider
    {
        private readonly TimeSpan _shift = start - System.GetUtcNow();

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _shift;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left in the temp folder; it does not change any result.
        }
    }
}
