using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using WorkflowHub.Server.Hosting;
using WorkflowHub.Testing;

namespace WorkflowHub.Server.Tests.Support;

/// <summary>
/// The real server in-process on a <see cref="TestDatabase"/>, with a known admin password, a fake clock
/// (<see cref="Clock"/>) and the console captured in <see cref="ConsoleOutput"/>. Settings given to the
/// constructor override everything, like the test's own appsettings.
/// </summary>
public sealed class HubServerFactory(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "Hub-Test-Admin-1!";

    private readonly StringWriter _console = new();

    public TestDatabase Database { get; } = database;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 8, 30, 0, TimeSpan.FromHours(8)));

    /// <summary>What the server printed for a person (e.g. a generated admin password).</summary>
    public string ConsoleOutput
    {
        get
        {
            lock (_console)
            {
                return _console.ToString();
            }
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = Database.Provider.ToString(),
            ["Database:ConnectionString"] = Database.ConnectionString,
            ["Bootstrap:AdminUser"] = AdminUser,
            ["Bootstrap:AdminPassword"] = AdminPassword,
            ["Mail:PickupDirectory"] = Path.Combine(Path.GetTempPath(), $"wfh_test_mail_{Guid.NewGuid():N}"),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Engine:JobExecutor:Enabled"] = "false",
            // The demo organisation (two dozen users) only where a test asks for it.
            ["Demo:SeedOnFirstStart"] = "false",
            // The shipped flows' timers (daily report, weekly dispatch) only where a test asks for them.
            ["Flows:DeployOnStart"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(values));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.RemoveAll<HubConsole>();
            var console = TextWriter.Synchronized(_console);
            services.AddSingleton(new HubConsole(console, console));
        });
    }
}
