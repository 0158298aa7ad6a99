using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Identity;
using WorkflowHub.Server.Tests.Support;
using WorkflowHub.Testing;

namespace WorkflowHub.Server.Tests;

public sealed class StartupTests
{
    [SkippableTheory]
    [InlineData(TestDatabaseProvider.Sqlite)]
    [InlineData(TestDatabaseProvider.Postgres)]
    public async Task Start_migrates_the_database_seeds_the_roles_and_creates_the_configured_admin(TestDatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var server = new HubServerFactory(database);
        using var client = server.CreateClient();

        var tables = await Schema.TablesAsync(database);
        Assert.Superset(new HashSet<string>(Schema.ExpectedTables), new HashSet<string>(tables));

        using var scope = server.Services.CreateScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        Assert.Equal(HubRoles.All.Order(), (await roles.Roles.Select(r => r.Name!).ToListAsync()).Order());

        var users = scope.ServiceProvider.GetRequiredService<UserManager<HubUser>>();
        var admin = await users.FindByNameAsync(HubServerFactory.AdminUser);
        Assert.NotNull(admin);
        Assert.True(await users.CheckPasswordAsync(admin, HubServerFactory.AdminPassword));
        Assert.True(await users.IsInRoleAsync(admin, HubRoles.Administrator));
        Assert.DoesNotContain(HubServerFactory.AdminPassword, server.ConsoleOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_start_on_the_same_database_prints_no_password_and_keeps_one_admin()
    {
        await using var database = TestDatabase.CreateSqlite();
        var generated = new Dictionary<string, string?> { ["Bootstrap:AdminPassword"] = "" };

        string firstOutput;
        await using (var first = new HubServerFactory(database, generated))
        {
            first.CreateClient().Dispose();
            firstOutput = first.ConsoleOutput;
        }
        await using var second = new HubServerFactory(database, generated);
        second.CreateClient().Dispose();

        Assert.Contains("password:", firstOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("password", second.ConsoleOutput, StringComparison.OrdinalIgnoreCase);
        using var scope = second.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HubUser>>();
        Assert.Equal(1, await users.Users.CountAsync());
    }

    [SkippableTheory]
    [InlineData(TestDatabaseProvider.Sqlite)]
    [InlineData(TestDatabaseProvider.Postgres)]
    public async Task The_engine_gets_a_fresh_context_of_the_configured_provider_per_call(TestDatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var server = new HubServerFactory(database);
        server.CreateClient().Dispose();
        var factory = server.Services.GetRequiredService<IEngineDbContextFactory>();

        await using var first = factory.CreateDbContext();
        await using var second = factory.CreateDbContext();

        Assert.NotSame(first, second);
        Assert.IsType(provider == TestDatabaseProvider.Postgres ? typeof(PostgresHubDbContext) : typeof(SqliteHubDbContext), first);
        Assert.Equal(0, await first.Set<ProcessInstanceRecord>().CountAsync());
    }

    [Fact]
    public void The_server_uses_the_fake_clock_of_the_tests()
    {
        using var database = TestDatabase.CreateSqlite();
        using var server = new HubServerFactory(database);

        Assert.Same(server.Clock, server.Services.GetRequiredService<TimeProvider>());
    }
}
