using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using WorkflowHub.Server.Hosting;

namespace WorkflowHub.Server.Identity;

public enum BootstrapOutcome
{
    /// <summary>The administrator was created with the configured password.</summary>
    CreatedWithConfiguredPassword,

    /// <summary>The administrator was created with a generated password, which was printed.</summary>
    CreatedWithGeneratedPassword,

    /// <summary>The administrator existed already; nothing was printed.</summary>
    AlreadyPresent,
}

/// <summary>
/// Seeds the roles and makes sure the bootstrap administrator exists. A generated password goes to the
/// console exactly once, when the user is created: it is never logged (logs are shipped and kept) and
/// cannot be shown again because only its hash is stored.
/// </summary>
public sealed class AdminBootstrapper(
    UserManager<HubUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<BootstrapOptions> options,
    HubConsole console,
    ILogger<AdminBootstrapper> logger)
{
    private const int GeneratedPasswordLength = 20;
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";
    private const string Symbols = "!@#$%^&*-_=+?";

    public async Task<BootstrapOutcome> RunAsync(CancellationToken ct = default)
    {
        await EnsureRolesAsync(ct);

        var settings = options.Value;
        var userName = string.IsNullOrWhiteSpace(settings.AdminUser) ? "admin" : settings.AdminUser.Trim();
        var existing = await users.FindByNameAsync(userName);
        if (existing is not null)
        {
            if (!await users.IsInRoleAsync(existing, HubRoles.Administrator))
            {
                Check(await users.AddToRoleAsync(existing, HubRoles.Administrator), "add the administrator role to", userName);
                logger.LogWarning("Bootstrap administrator {UserName} had lost the {Role} role; it was given back",
                    userName, HubRoles.Administrator);
            }
            return BootstrapOutcome.AlreadyPresent;
        }

        var generated = string.IsNullOrEmpty(settings.AdminPassword);
        var password = generated ? GeneratePassword() : settings.AdminPassword;
        var admin = new HubUser { UserName = userName, DisplayName = userName, EmailConfirmed = true };
        Check(await users.CreateAsync(admin, password), "create", userName);
        Check(await users.AddToRoleAsync(admin, HubRoles.Administrator), "add the administrator role to", userName);
        logger.LogInformation("Created bootstrap administrator {UserName} ({PasswordSource} password)",
            userName, generated ? "generated" : "configured");

        if (!generated)
        {
            return BootstrapOutcome.CreatedWithConfiguredPassword;
        }

        await console.Out.WriteLineAsync(
            $"""

            ====================================================================
             WorkflowHub created the bootstrap administrator.
               user:     {userName}
               password: {password}
             This password is shown only this once. Sign in and change it.
            ====================================================================

            """.AsMemory(), ct);
        await console.Out.FlushAsync(ct);
        return BootstrapOutcome.CreatedWithGeneratedPassword;
    }

    /// <summary>A password that passes Identity's default rules: every character class, no look-alike characters.</summary>
    public static string GeneratePassword()
    {
        const string all = Upper + Lower + Digits + Symbols;
        var chars = new char[GeneratedPasswordLength];
        chars[0] = RandomNumberGenerator.GetItems<char>(Upper, 1)[0];
        chars[1] = RandomNumberGenerator.GetItems<char>(Lower, 1)[0];
        chars[2] = RandomNumberGenerator.GetItems<char>(Digits, 1)[0];
        chars[3] = RandomNumberGenerator.GetItems<char>(Symbols, 1)[0];
        RandomNumberGenerator.GetItems<char>(all, GeneratedPasswordLength - 4).CopyTo(chars, 4);
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    private async Task EnsureRolesAsync(CancellationToken ct)
    {
        foreach (var role in HubRoles.All)
        {
            ct.ThrowIfCancellationRequested();
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), "create the role", role);
            }
        }
    }

    private static void Check(IdentityResult result, string action, string subject)
    {
        if (!result.Succeeded)
        {
            var errors = string.Join("; ", result.Errors.Select(e => e.Description));
            throw new InvalidOperationException($"Bootstrap could not {action} '{subject}': {errors}");
        }
    }
}

/// <summary>Runs the bootstrap on start; the database was migrated just before, in the starting phase.</summary>
internal sealed class AdminBootstrapHostedService(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AdminBootstrapper>().RunAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
