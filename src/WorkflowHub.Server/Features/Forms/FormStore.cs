using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Data;

namespace WorkflowHub.Server.Features.Forms;

public sealed record FormSummary(string Key, string Name, int Version, string CreatedBy, DateTimeOffset CreatedAt, string Source);

public sealed record FormDto(string Key, string Name, int Version, string CreatedBy, DateTimeOffset CreatedAt, string Source, JsonNode? Schema);

/// <summary>Saves form versions (a new one only when the schema changed) and reads them.</summary>
public sealed partial class FormStore(HubDbContext db)
{
    public const int MaxSchemaBytes = 512 * 1024;
    public const int MaxComponents = 2_000;

    public async Task<FormDto> SaveAsync(string? key, string? name, JsonNode? schema, string source, string user, CancellationToken ct)
    {
        key = key?.Trim() ?? "";
        if (!KeyPattern().IsMatch(key))
        {
            throw ApiRequestException.Invalid("key", "A form key is 1 to 100 letters, digits, '-', '_' or '.', starting with a letter.");
        }
        name = string.IsNullOrWhiteSpace(name) ? key : name.Trim();
        if (name.Length > 200)
        {
            throw ApiRequestException.Invalid("name", "The name is longer than 200 characters.");
        }
        if (schema is not JsonObject obj || obj["components"] is not JsonArray)
        {
            throw ApiRequestException.Invalid("schema", "The schema must be a form-js object with a components array.");
        }
        var text = obj.ToJsonString();
        if (Encoding.UTF8.GetByteCount(text) > MaxSchemaBytes)
        {
            throw ApiRequestException.Invalid("schema", $"The schema is larger than {MaxSchemaBytes} bytes.");
        }
        if (CountComponents(obj, 0) > MaxComponents)
        {
            throw ApiRequestException.Invalid("schema", $"The form has more than {MaxComponents} fields.");
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name + "\n" + text)));
        var latest = await db.Set<FormRecord>().AsNoTracking().Where(f => f.Key == key).OrderByDescending(f => f.Version).FirstOrDefaultAsync(ct);
        if (latest is not null && latest.Hash == hash)
        {
            return Dto(latest);
        }
        var record = new FormRecord
        {
            Key = key,
            Version = (latest?.Version ?? 0) + 1,
            Name = name,
            Schema = text,
            Hash = hash,
            Source = source,
            CreatedBy = user,
            CreatedAt = TimeProvider.System.GetUtcNow(),
        };
        db.Add(record);
        await db.SaveChangesAsync(ct);
        return Dto(record);
    }

    public async Task<List<FormSummary>> LatestAsync(CancellationToken ct)
    {
        var all = await db.Set<FormRecord>().AsNoTracking()
            .Select(f => new { f.Key, f.Name, f.Version, f.CreatedBy, f.CreatedAt, f.Source }).ToListAsync(ct);
        return all.GroupBy(f => f.Key).Select(g => g.MaxBy(f => f.Version)!)
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => new FormSummary(f.Key, f.Name, f.Version, f.CreatedBy, f.CreatedAt, f.Source)).ToList();
    }

    public async Task<List<FormSummary>> VersionsAsync(string key, CancellationToken ct) =>
        (await db.Set<FormRecord>().AsNoTracking().Where(f => f.Key == key).ToListAsync(ct))
            .OrderByDescending(f => f.Version)
            .Select(f => new FormSummary(f.Key, f.Name, f.Version, f.CreatedBy, f.CreatedAt, f.Source)).ToList();

    public async Task<FormDto?> GetAsync(string key, int? version, CancellationToken ct)
    {
        var query = db.Set<FormRecord>().AsNoTracking().Where(f => f.Key == key);
        var record = version is { } v
            ? await query.SingleOrDefaultAsync(f => f.Version == v, ct)
            : await query.OrderByDescending(f => f.Version).FirstOrDefaultAsync(ct);
        return record is null ? null : Dto(record);
    }

    private static FormDto Dto(FormRecord f) => new(f.Key, f.Name, f.Version, f.CreatedBy, f.CreatedAt, f.Source, JsonNode.Parse(f.Schema));

    private static int CountComponents(JsonObject node, int depth)
    {
        if (depth > 32 || node["components"] is not JsonArray components)
        {
            return 0;
        }
        return components.Count + components.OfType<JsonObject>().Sum(c => CountComponents(c, depth + 1));
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_.\-]{0,99}$")]
    private static partial Regex KeyPattern();
}
