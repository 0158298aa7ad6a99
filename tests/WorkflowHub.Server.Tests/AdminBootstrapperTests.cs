using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Server.Identity;
using WorkflowHub.Server.Tests.Support;
using WorkflowHub.Testing;

namespace WorkflowHub.Server.Tests;

public sealed partial class AdminBootstrapperTests
{
    [Fact]
    public async Task A_generated_password_is_printed_once_works_and_is_never_logged()
    {
        await using var database = TestDatabase.CreateSqlite();
        await using var hub = new HubServices(database, new Dictionary<string, string?> { ["Bootstrap:AdminUser"] = "chief" });
        await hub.MigrateAsync();

        var first = await hub.InScopeAsync<AdminBootstrapper, BootstrapOutcome>(b => b.RunAsync());
        var printed = hub.Out;
        var second = await hub.InScopeAsync<AdminBootstrapper, BootstrapOutcome>(b => b.RunAsync());

        Assert.Equal(BootstrapOutcome.CreatedWithGeneratedPassword, first);
        Assert.Equal(BootstrapOutcome.AlreadyPresent, second);
        Assert.Equal(printed, hub.Out);
        var password = PrintedPassword().Match(printed).Groups[1].Value;
        Assert.Equal(20, password.Length);
        Assert.Single(PrintedPassword().Matches(hub.Out));
        Assert.DoesNotContain(hub.Logs.Entries, e => e.Message.Contains(password, StringComparison.Ordinal));

        await using var scope = hub.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HubUser>>();
        Assert.Equal(1, await users.Users.CountAsync());
        var admin = await users.FindByNameAsync("chief");
        Assert.NotNull(admin);
        Assert.True(await users.CheckPasswordAsync(admin, password));
        Assert.True(await users.IsInRoleAsync(admin, HubRoles.Administrator));
    }

    [Fact]
    public async Task A_configured_password_is_used_and_not_printed()
    {
        await using var database = TestDatabase.CreateSqlite();
        await using var hub = new HubServices(database, new Dictionary<string, string?> { ["Bootstrap:AdminPassword"] = "Configured-Pa55!" });
        await hub.MigrateAsync();

        var outcome = await hub.InScopeAsync<AdminBootstrapper, BootstrapOutcome>(b => b.RunAsync());

        Assert.Equal(BootstrapOutcome.CreatedWithConfiguredPassword, outcome);
        Assert.Equal(string.Empty, hub.Out);
        await using var scope = hub.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HubUser>>();
        var admin = await users.FindByNameAsync("admin");
        Assert.NotNull(admin);
        Assert.True(await users.CheckPasswordAsync(admin, "Configured-Pa55!"));
    }

    [Fact]
    public async Task An_admin_who_lost_the_administrator_role_gets_it_back_without_a_new_password()
    {
        await using var database = TestDatabase.CreateSqlite();
        await using var hub = new HubServices(database, new Dictionary<string, string?> { ["Bootstrap:AdminPassword"] = "Configured-Pa55!" });
        await hub.MigrateAsync();
        await hub.InScopeAsync<AdminBootstrapper, BootstrapOutcome>(b => b.RunAsync());
        await hub.InScopeAsync<UserManager<HubUser>, IdentityResult>(async users =>
            await users.RemoveFromRoleAsync((await users.FindByNameAsync("admin"))!, HubRoles.Administrator));

        var outcome = await hub.InScopeAsync<AdminBootstrapper, BootstrapOutcome>(b => b.RunAsync());

        Assert.Equal(BootstrapOutcome.AlreadyPresent, outcome);
        Assert.True(await hub.InScopeAsync<UserManager<HubUser>, bool>(async users =>
            await users.IsInRoleAsync((await users.FindByNameAsync("admin"))!, HubRoles.Administrator)));
    }

    [Fact]
    public async Task A_configured_password_that_breaks_the_rules_stops_the_start_with_the_reason()
    {
        await using var database = TestDatabase.CreateSqlite();
        await using var hub = new HubServices(database, new Dictionary<string, string?> { ["Bootstrap:AdminPassword"] = "short" });
        await hub.MigrateAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            hub.InScopeAsync<AdminBootstrapper, BootstrapOutcome>(b => b.RunAsync()));

        Assert.Contains("Passwords must be at least", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_passwords_have_every_character_class_and_differ()
    {
        var passwords = Enumerable.Range(0, 50).Select(_ => AdminBootstrapper.GeneratePassword()).ToList();

        Assert.Equal(50, passwords.Distinct().Count());
        Assert.All(passwords, p =>
        {
            Assert.Contains(p, char.IsUpper);
            Assert.Contains(p, char.IsLower);
            Assert.Contains(p, char.IsDigit);
            Assert.Contains(p, c => !char.IsLetterOrDigit(c));
        });
    }

    [GeneratedRegex(@"password:\s+(\S+)")]
    private static partial Regex PrintedPassword();
}
