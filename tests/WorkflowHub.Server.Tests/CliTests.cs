using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Cli;
using WorkflowHub.Server.Tests.Support;
using WorkflowHub.Testing;

namespace WorkflowHub.Server.Tests;

public sealed class CliTests
{
    [Fact]
    public void No_verb_or_a_leading_switch_runs_the_server_with_every_argument()
    {
        var none = CliInvocation.Parse([]);
        var switches = CliInvocation.Parse(["--urls", "http://localhost:6000"]);

        Assert.Null(none.Verb);
        Assert.Null(switches.Verb);
        Assert.Equal(["--urls", "http://localhost:6000"], switches.HostArgs);
    }

    [Fact]
    public void After_a_verb_only_key_value_settings_go_to_the_host()
    {
        var invocation = CliInvocation.Parse(["validate", "/tmp/a.bpmn", "--Database:Provider=Postgres", "b.bpmn"]);

        Assert.Equal("validate", invocation.Verb);
        Assert.Equal(["/tmp/a.bpmn", "b.bpmn"], invocation.VerbArgs);
        Assert.Equal(["--Database:Provider=Postgres"], invocation.HostArgs);
    }

    [SkippableTheory]
    [InlineData(TestDatabaseProvider.Sqlite)]
    [InlineData(TestDatabaseProvider.Postgres)]
    public async Task Migrate_creates_every_table_in_a_fresh_database_and_is_then_a_no_op(TestDatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var hub = new HubServices(database);

        var first = await RunAsync(hub, "migrate");
        var tables = await Schema.TablesAsync(database);
        var second = await RunAsync(hub, "migrate");

        Assert.Equal(0, first);
        Assert.Superset(new HashSet<string>(Schema.ExpectedTables), new HashSet<string>(tables));
        Assert.Equal(0, second);
        Assert.Contains($"Applied {Migrations(hub).Count} migration(s): {string.Join(", ", Migrations(hub))}", hub.Out, StringComparison.Ordinal);
        Assert.EndsWith($"The database is up to date.{Environment.NewLine}", hub.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_verb_exits_2_and_lists_the_verbs()
    {
        await using var database = TestDatabase.CreateSqlite();
        await using var hub = new HubServices(database);

        var exit = await RunAsync(hub, "frobnicate");

        Assert.Equal(HubCli.UsageExitCode, exit);
        Assert.Contains("Unknown verb 'frobnicate'", hub.Error, StringComparison.Ordinal);
        Assert.Contains("migrate", hub.Error, StringComparison.Ordinal);
        Assert.Contains("validate FILE...", hub.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_without_files_is_a_usage_error()
    {
        await using var database = TestDatabase.CreateSqlite();
        await using var hub = new HubServices(database);

        Assert.Equal(HubCli.UsageExitCode, await RunAsync(hub, "validate"));
        Assert.Contains("validate needs at least one FILE", hub.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_executable_migrates_the_database_named_by_a_WORKFLOWHUB_environment_variable()
    {
        await using var database = TestDatabase.CreateSqlite();

        var result = await ServerProcess.RunAsync(["migrate"], new Dictionary<string, string?>
        {
            ["WORKFLOWHUB__Database__Provider"] = "Sqlite",
            ["WORKFLOWHUB__Database__ConnectionString"] = database.ConnectionString,
        });

        Assert.True(result.ExitCode == 0, $"migrate exited {result.ExitCode}:\n{result.Output}");
        Assert.Matches(@"Applied \d+ migration\(s\): \d+_Initial", result.Output);
        Assert.Superset(new HashSet<string>(Schema.ExpectedTables), new HashSet<string>(await Schema.TablesAsync(database)));
    }

    private static List<string> Migrations(HubServices hub)
    {
        using var db = hub.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContext();
        return db.Database.GetMigrations().ToList();
    }

    private static async Task<int> RunAsync(HubServices hub, string verb, params string[] args)
    {
        await using var scope = hub.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HubCli>().RunAsync(verb, args, CancellationToken.None);
    }
}
