using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Hosting;

namespace WorkflowHub.Server.Features.Notices;

/// <summary>
/// Loads <c>workflows/templates/*.notice</c> (with their <c>.sample.json</c>) into the database on start: a file
/// whose content differs from the one last loaded becomes the template's next version, so an unchanged file never
/// undoes an administrator's edit, and a changed file wins over it. A broken file is logged and skipped.
/// </summary>
public sealed class NoticeTemplateLoader(
    IDbContextFactory<HubDbContext> contexts, NoticeRenderer renderer, IOptions<NoticesOptions> options, HubPaths paths,
    TimeProvider time, ILogger<NoticeTemplateLoader> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Returns the keys that got a new version.</summary>
    public async Task<IReadOnlyList<string>> LoadAsync(CancellationToken ct)
    {
        var folder = paths.Resolve(options.Value.TemplatesDirectory);
        var loaded = new List<string>();
        if (!Directory.Exists(folder))
        {
            logger.LogWarning("The notice template folder {Folder} does not exist; no templates were loaded.", folder);
            return loaded;
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        foreach (var file in Directory.EnumerateFiles(folder, "*" + NoticeTemplateFile.Extension).Order(StringComparer.Ordinal))
        {
            var key = Path.GetFileNameWithoutExtension(file);
            if (!NoticeTemplateFile.IsValidKey(key))
            {
                logger.LogError("Notice template {File}: the file name must be lower-case letters, digits, '-' or '_'.", file);
                continue;
            }
            var content = await File.ReadAllTextAsync(file, ct);
            var samplePath = Path.Combine(folder, key + NoticeTemplateFile.SampleSuffix);
            var sample = File.Exists(samplePath) ? await File.ReadAllTextAsync(samplePath, ct) : "{}";
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content + "\0" + sample)));
            var lastFromFile = await db.Set<NoticeTemplateRecord>().AsNoTracking()
                .Where(t => t.Key == key && t.Source == NoticeTemplateSources.File)
                .OrderByDescending(t => t.Version).Select(t => t.FileHash).FirstOrDefaultAsync(ct);
            if (lastFromFile == hash)
            {
                continue;
            }
            try
            {
                var draft = NoticeTemplateFile.Parse(content);
                NoticeSample.Parse(sample);
                renderer.Compile(key, 0, draft.Subject, draft.Html, draft.Text);
                await NoticeTemplateStore.AddVersionAsync(db, key, draft, sample, NoticeTemplateSources.File, hash, "system", time.GetUtcNow(), ct);
                await db.SaveChangesAsync(ct);
                loaded.Add(key);
            }
            catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or NoticeTemplateException)
            {
                db.ChangeTracker.Clear();
                logger.LogError("Notice template {File} was not loaded: {Error}", file, e.Message);
            }
            catch (DbUpdateException)
            {
                // Another node starting at the same time added this version first.
                db.ChangeTracker.Clear();
                logger.LogInformation("Notice template {Key} was loaded by another node.", key);
            }
        }
        if (loaded.Count > 0)
        {
            logger.LogInformation("Loaded notice templates: {Keys}", string.Join(", ", loaded));
        }
        return loaded;
    }
}
