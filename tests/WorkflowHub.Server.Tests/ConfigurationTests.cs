using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Hosting;

namespace WorkflowHub.Server.Tests;

public sealed class ConfigurationTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("wfh_test_root_").FullName;

    public ConfigurationTests()
    {
        File.WriteAllText(Path.Combine(_root, HubPaths.RootMarker), string.Empty);
        Directory.CreateDirectory(ProjectFolder);
    }

    private string ProjectFolder => Path.Combine(_root, "src", "WorkflowHub.Server");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_WORKFLOWHUB_environment_variable_wins_over_appsettings_json_and_the_command_line_over_both()
    {
        // A key of this test's own, so setting a process-wide variable cannot disturb tests running alongside.
        var section = $"Probe{Guid.NewGuid():N}";
        File.WriteAllText(Path.Combine(_root, "appsettings.json"),
            $$"""{ "{{section}}": { "FromEnv": "file", "FromArgs": "file", "FileOnly": "file" } }""");
        Environment.SetEnvironmentVariable($"WORKFLOWHUB__{section}__FromEnv", "env");
        Environment.SetEnvironmentVariable($"WORKFLOWHUB__{section}__FromArgs", "env");
        try
        {
            var builder = HubHost.CreateBuilder([$"--contentRoot={ProjectFolder}", $"--{section}:FromArgs=args"]);

            Assert.Equal("env", builder.Configuration[$"{section}:FromEnv"]);
            Assert.Equal("args", builder.Configuration[$"{section}:FromArgs"]);
            Assert.Equal("file", builder.Configuration[$"{section}:FileOnly"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable($"WORKFLOWHUB__{section}__FromEnv", null);
            Environment.SetEnvironmentVariable($"WORKFLOWHUB__{section}__FromArgs", null);
        }
    }

    [Fact]
    public void The_settings_file_is_found_at_the_root_when_started_from_the_project_folder()
    {
        var builder = HubHost.CreateBuilder([$"--contentRoot={RepositoryProjectFolder()}"]);
        using var app = builder.Build();

        var paths = app.Services.GetRequiredService<HubPaths>();
        Assert.True(File.Exists(Path.Combine(paths.Root, HubPaths.RootMarker)));
        Assert.False(File.Exists(Path.Combine(paths.Root, "src", "WorkflowHub.Server", "appsettings.json")),
            "The root appsettings.json is the server's only settings file.");
        Assert.Equal("Sqlite", builder.Configuration["Database:Provider"]);
        Assert.Equal("Data Source=data/workflowhub.db", builder.Configuration["Database:ConnectionString"]);
        Assert.Equal("admin", builder.Configuration["Bootstrap:AdminUser"]);
        Assert.Equal("data/mail", builder.Configuration["Mail:PickupDirectory"]);
        Assert.NotNull(builder.Configuration["Engine:JobExecutor:PollInterval"]);
    }

    [Fact]
    public void A_relative_SQLite_file_lives_under_the_root_whatever_the_working_folder()
    {
        var paths = new HubPaths(_root);

        var resolved = HubDatabase.ResolveSqlite("Data Source=data/hub.db;Cache=Shared", paths);

        var expected = Path.Combine(_root, "data", "hub.db");
        Assert.Equal($"Data Source={expected};Cache=Shared", resolved);
        Assert.True(Directory.Exists(Path.Combine(_root, "data")));
        Assert.Equal("Data Source=:memory:", HubDatabase.ResolveSqlite("Data Source=:memory:", paths));
        Assert.Equal("Data Source=/var/hub.db", HubDatabase.ResolveSqlite("Data Source=/var/hub.db", paths));
    }

    [Fact]
    public void PostgreSQL_prepares_the_engine_s_statements_unless_the_connection_string_says_otherwise()
    {
        var defaulted = new Npgsql.NpgsqlConnectionStringBuilder(HubDatabase.ResolvePostgres("Host=db;Database=hub;Username=hub"));
        var chosen = new Npgsql.NpgsqlConnectionStringBuilder(HubDatabase.ResolvePostgres("Host=db;Database=hub;Max Auto Prepare=0"));

        Assert.Equal(64, defaulted.MaxAutoPrepare);
        Assert.Equal("db", defaulted.Host);
        Assert.Equal(0, chosen.MaxAutoPrepare);
    }

    [Fact]
    public void PostgreSQL_connections_go_back_to_the_pool_without_a_reset_unless_the_connection_string_asks_for_one()
    {
        Assert.True(new Npgsql.NpgsqlConnectionStringBuilder(HubDatabase.ResolvePostgres("Host=db;Database=hub")).NoResetOnClose);
        Assert.False(new Npgsql.NpgsqlConnectionStringBuilder(HubDatabase.ResolvePostgres("Host=db;No Reset On Close=false")).NoResetOnClose);
        Assert.False(new Npgsql.NpgsqlConnectionStringBuilder(HubDatabase.ResolvePostgres("Host=db;NoResetOnClose=false")).NoResetOnClose);
    }

    [Fact]
    public void A_PostgreSQL_node_keeps_at_most_25_connections_unless_the_connection_string_says_otherwise()
    {
        Assert.Equal(25, new Npgsql.NpgsqlConnectionStringBuilder(HubDatabase.ResolvePostgres("Host=db;Database=hub")).MaxPoolSize);
        Assert.Equal(80, new Npgsql.NpgsqlConnectionStringBuilder(HubDatabase.ResolvePostgres("Host=db;Maximum Pool Size=80")).MaxPoolSize);
        Assert.Equal(10, new Npgsql.NpgsqlConnectionStringBuilder(HubDatabase.ResolvePostgres("Host=db;MaxPoolSize=10")).MaxPoolSize);
    }

    [Fact]
    public void The_root_is_found_from_any_folder_below_it_and_relative_paths_hang_off_it()
    {
        var paths = HubPaths.Discover(null, ProjectFolder);

        Assert.Equal(_root, paths.Root);
        Assert.Equal(Path.Combine(_root, "data", "mail"), paths.Resolve("data/mail"));
        Assert.Equal("/srv/mail", paths.Resolve("/srv/mail"));
    }

    [Fact]
    public void The_default_address_is_localhost_5080_unless_urls_are_given()
    {
        var byDefault = HubHost.CreateBuilder([$"--contentRoot={ProjectFolder}"]);
        var explicitUrls = HubHost.CreateBuilder([$"--contentRoot={ProjectFolder}", "--urls", "http://127.0.0.1:5999"]);

        Assert.Equal("http://localhost:5080", byDefault.Configuration[WebHostDefaults.ServerUrlsKey]);
        Assert.Equal("http://127.0.0.1:5999", explicitUrls.Configuration[WebHostDefaults.ServerUrlsKey]);
    }

    private static string RepositoryProjectFolder()
    {
        var root = HubPaths.Discover(AppContext.BaseDirectory).Root;
        return Path.Combine(root, "src", "WorkflowHub.Server");
    }
}

public sealed class ConsoleFormatTests
{
    [Fact]
    public async Task The_console_logs_plain_text_on_a_terminal_and_JSON_when_redirected()
    {
        Assert.Equal("simple", WorkflowHub.Server.Hosting.HubHost.ConsoleFormatter(outputRedirected: false));
        Assert.Equal("json", WorkflowHub.Server.Hosting.HubHost.ConsoleFormatter(outputRedirected: true));

        // The real executable with its output redirected (as under a service manager) writes JSON lines.
        await using var database = WorkflowHub.Testing.TestDatabase.CreateSqlite();
        var result = await WorkflowHub.Server.Tests.Support.ServerProcess.RunAsync(["migrate"], new Dictionary<string, string?>
        {
            ["WORKFLOWHUB__Database__ConnectionString"] = database.ConnectionString,
        });
        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.Output.Split('\n'), line => line.StartsWith("{\"Timestamp\"", StringComparison.Ordinal));
    }
}
