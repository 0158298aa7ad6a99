using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Hosting;

namespace WorkflowHub.Server.Features.Operations;

/// <summary>
/// ASP.NET Core Data Protection keys (they sign bearer tokens and cookies and encrypt webhook secrets) live in the
/// database, table <c>hub_data_protection_keys</c>, so every node of a cluster reads the same key ring. With
/// <c>DataProtection:Certificate:Path</c> (a PFX, <c>:Password</c> optional) the keys are encrypted at rest with that
/// certificate. Keys an older version kept in <c>Server:DataProtectionKeysPath</c> are imported once.
/// </summary>
public static class DataProtectionModule
{
    public const string Table = "hub_data_protection_keys";

    /// <summary>The certificate is read from the configuration as the host is built (a PFX file at a path).</summary>
    public static IServiceCollection AddHubDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var protection = services.AddDataProtection().SetApplicationName("WorkflowHub").PersistKeysToDbContext<HubDbContext>();
        var path = configuration["DataProtection:Certificate:Path"];
        if (!string.IsNullOrWhiteSpace(path))
        {
            var root = HubPaths.Discover(Directory.GetCurrentDirectory(), Directory.GetCurrentDirectory(), AppContext.BaseDirectory);
            protection.ProtectKeysWithCertificate(
                X509CertificateLoader.LoadPkcs12FromFile(root.Resolve(path), configuration["DataProtection:Certificate:Password"]));
        }
        services.AddHostedService<FileKeyImport>();
        return services;
    }

    public static ModelBuilder ApplyDataProtectionModel(this ModelBuilder builder)
    {
        builder.Entity<DataProtectionKey>(e => e.ToTable(Table));
        return builder;
    }

    /// <summary>Copies the XML keys of the old key folder into the database once, so secrets they protected stay readable.</summary>
    private sealed class FileKeyImport(IServiceScopeFactory scopes, IConfiguration configuration, HubPaths paths, ILogger<FileKeyImport> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var folder = paths.Resolve(configuration["Server:DataProtectionKeysPath"] ?? "data/keys");
            if (!Directory.Exists(folder))
            {
                return;
            }
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            var known = (await db.Set<DataProtectionKey>().Select(k => k.FriendlyName).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            var imported = 0;
            foreach (var file in Directory.EnumerateFiles(folder, "*.xml"))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                if (!known.Contains(name))
                {
                    db.Add(new DataProtectionKey { FriendlyName = name, Xml = await File.ReadAllTextAsync(file, cancellationToken) });
                    imported++;
                }
            }
            if (imported > 0)
            {
                await db.SaveChangesAsync(cancellationToken);
                logger.LogInformation("Imported {Count} data protection keys from {Folder} into the database; the folder is no longer read", imported, folder);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
