using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowHub.Server.Tests.Api;
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

/// <summary>A first start on a fresh database, with a certificate protecting the keys, logs no warning.</summary>
public sealed class FreshDatabaseTests
{
    [SkippableTheory]
    [InlineData(TestDatabaseProvider.Sqlite)]
    [InlineData(TestDatabaseProvider.Postgres)]
    public async Task A_first_start_logs_no_warnings_and_the_certificate_encrypts_the_data_protection_keys(TestDatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var certificate = Path.Combine(Path.GetTempPath(), $"wfh_test_cert_{Guid.NewGuid():N}.pfx");
        using (var rsa = System.Security.Cryptography.RSA.Create(2048))
        {
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
                "CN=WorkflowHub test", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(certificate, cert.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "pfx-password"));
        }
        var logs = new CapturedLogs();
        try
        {
            await using var server = new HubServerFactory(database, new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
            }).WithWebHostBuilder(b => b
                // Host settings: read as the services are registered, as the server's own command line is.
                .UseSetting("DataProtection:Certificate:Path", certificate)
                .UseSetting("DataProtection:Certificate:Password", "pfx-password")
                .ConfigureLogging(l => l.AddProvider(logs)));
            var admin = await server.LoginAsync(HubServerFactory.AdminUser, HubServerFactory.AdminPassword);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.GetAsync("/api/definitions")).StatusCode);

            // The in-memory test server has no per-request body limit feature (Kestrel has); that warning is the test host's.
            var warnings = logs.Entries.Where(e => e.Level >= LogLevel.Warning)
                .Where(e => !e.Message.Contains("IHttpMaxRequestBodySizeFeature", StringComparison.Ordinal))
                .Select(e => $"{e.Category}: {e.Message}").ToList();
            Assert.True(warnings.Count == 0, string.Join("\n", warnings));
            using var scope = server.Services.CreateScope();
            var keys = await scope.ServiceProvider.GetRequiredService<HubDbContext>().DataProtectionKeys.Select(k => k.Xml).ToListAsync();
            Assert.NotEmpty(keys);
            Assert.All(keys, xml => Assert.Contains("EncryptedData", xml!, StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(certificate);
        }
    }
}
