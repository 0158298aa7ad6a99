using System.Linq.Expressions;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Data;

namespace WorkflowHub.Server.Features.Organisation.Tables;

/// <summary>An administrator-edited table of the organisation: read, saved row by row, imported and exported as files.</summary>
public interface IOrgTable
{
    /// <summary>The route segment and file name (areas, groups...).</summary>
    string Name { get; }

    /// <summary>The Chinese title, the xlsx sheet's name.</summary>
    string Title { get; }

    IReadOnlyList<OrgColumn> Columns { get; }

    Task<List<JsonObject>> ListAsync(HubDbContext db, CancellationToken ct);

    Task<JsonObject?> GetAsync(HubDbContext db, string key, CancellationToken ct);

    /// <summary>Creates (key null) or updates a row; the errors name the fields. Saves.</summary>
    Task<(JsonObject? Row, Dictionary<string, string[]> Errors)> SaveAsync(HubDbContext db, string? key, JsonObject row, CancellationToken ct);

    /// <summary>Creates or updates every row, all or nothing; errors are keyed "rows[line].column".</summary>
    Task<(int Created, int Updated, Dictionary<string, string[]> Errors)> ImportAsync(HubDbContext db, IReadOnlyList<(int Line, JsonObject Row)> rows, CancellationToken ct);

    /// <summary>Deletes a row: false when absent; throws <see cref="OrgConflictException"/> when something refers to it.</summary>
    Task<bool> DeleteAsync(HubDbContext db, string key, CancellationToken ct);
}

/// <summary>A row cannot be deleted or changed because others refer to it.</summary>
public sealed class OrgConflictException(string message) : Exception(message);

/// <summary>The common half of every table: keys, create-or-update, import and delete around the entity's own mapping.</summary>
public abstract class OrgTable<T> : IOrgTable
    where T : class
{
    public abstract string Name { get; }

    public abstract string Title { get; }

    public abstract IReadOnlyList<OrgColumn> Columns { get; }

    /// <summary>True for tables numbered by the database (links, units, rules): a row without an id is new.</summary>
    protected virtual bool GeneratedKey => false;

    protected OrgColumn KeyColumn => Columns[0];

    protected abstract IQueryable<T> Query(HubDbContext db);

    protected abstract Expression<Func<T, bool>> HasKey(string key);

    protected abstract JsonObject ToRow(T entity, OrgKeys keys);

    /// <summary>Checks the row and copies it into <paramref name="entity"/> (new when null); returns the entity, or null with errors.</summary>
    protected abstract T? Apply(T? entity, RowReader row, OrgKeys keys);

    /// <summary>What refers to the row, as a message, or null when it may go.</summary>
    protected virtual Task<string?> InUseAsync(HubDbContext db, T entity, CancellationToken ct) => Task.FromResult<string?>(null);

    public async Task<List<JsonObject>> ListAsync(HubDbContext db, CancellationToken ct)
    {
        var keys = await OrgKeys.LoadAsync(db, ct);
        var all = await Query(db).AsNoTracking().ToListAsync(ct);
        return [.. all.Select(e => ToRow(e, keys))];
    }

    public async Task<JsonObject?> GetAsync(HubDbContext db, string key, CancellationToken ct)
    {
        var entity = await Query(db).AsNoTracking().FirstOrDefaultAsync(HasKey(key), ct);
        return entity is null ? null : ToRow(entity, await OrgKeys.LoadAsync(db, ct));
    }

    public async Task<(JsonObject? Row, Dictionary<string, string[]> Errors)> SaveAsync(HubDbContext db, string? key, JsonObject row, CancellationToken ct)
    {
        var keys = await OrgKeys.LoadAsync(db, ct);
        var errors = new Dictionary<string, string[]>();
        var reader = new RowReader(row, "", errors);
        T? entity = null;
        if (key is not null)
        {
            entity = await Query(db).FirstOrDefaultAsync(HasKey(key), ct);
            if (entity is null)
            {
                return (null, errors);
            }
            if (!GeneratedKey && row[KeyColumn.Name]?.ToString() is { } given && given != key)
            {
                reader.Error(KeyColumn.Name, $"{KeyColumn.Name} cannot change (it is '{key}').");
                return (null, errors);
            }
            if (!GeneratedKey)
            {
                row[KeyColumn.Name] = key;
            }
        }
        else if (!GeneratedKey && row[KeyColumn.Name]?.ToString() is { Length: > 0 } newKey && await Query(db).AnyAsync(HasKey(newKey.Trim()), ct))
        {
            reader.Error(KeyColumn.Name, $"{KeyColumn.Name} '{newKey}' exists already.");
            return (null, errors);
        }
        var applied = Apply(entity, reader, keys);
        if (applied is null || errors.Count > 0)
        {
            return (null, errors.Count > 0 ? errors : new() { [KeyColumn.Name] = ["The row is not valid."] });
        }
        if (entity is null)
        {
            db.Add(applied);
        }
        await db.SaveChangesAsync(ct);
        await AfterChangeAsync(ct);
        return (ToRow(applied, keys), errors);
    }

    public async Task<(int Created, int Updated, Dictionary<string, string[]> Errors)> ImportAsync(
        HubDbContext db, IReadOnlyList<(int Line, JsonObject Row)> rows, CancellationToken ct)
    {
        var keys = await OrgKeys.LoadAsync(db, ct);
        var errors = new Dictionary<string, string[]>();
        var existing = await Query(db).ToListAsync(ct);
        var byKey = existing.ToDictionary(e => ToRow(e, keys)[KeyColumn.Name]!.ToString(), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var staged = new List<(int Line, JsonObject Row, T? Entity)>();
        foreach (var (line, row) in rows)
        {
            // Stage the keys first, so rows may refer to rows further down the file.
            var key = OrgColumn.ToText(row[KeyColumn.Name]).Trim();
            if (key.Length > 0 && !seen.Add(key))
            {
                new RowReader(row, $"rows[{line}].", errors).Error(KeyColumn.Name, $"Line {line}: {KeyColumn.Name} '{key}' appears twice.");
                continue;
            }
            var entity = key.Length > 0 ? byKey.GetValueOrDefault(key) : null;
            if (GeneratedKey && key.Length > 0 && entity is null)
            {
                new RowReader(row, $"rows[{line}].", errors).Error(KeyColumn.Name, $"Line {line}: there is no id {key} (leave it empty for a new row).");
                continue;
            }
            staged.Add((line, row, entity));
            PreStage(row, keys);
        }
        int created = 0, updated = 0;
        foreach (var (line, row, entity) in staged)
        {
            var reader = new RowReader(row, $"rows[{line}].", errors);
            var before = errors.Count;
            var applied = Apply(entity, reader, keys);
            if (applied is null || errors.Count > before)
            {
                continue;
            }
            if (entity is null)
            {
                db.Add(applied);
                created++;
            }
            else
            {
                updated++;
            }
        }
        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return (0, 0, errors);
        }
        await db.SaveChangesAsync(ct);
        await AfterChangeAsync(ct);
        return (created, updated, errors);
    }

    /// <summary>Runs after a committed change (caches the engine reads synchronously are rebuilt here).</summary>
    protected virtual Task AfterChangeAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>Registers a row's key before any row is checked (areas, groups and categories name each other).</summary>
    protected virtual void PreStage(JsonObject row, OrgKeys keys)
    {
    }

    public async Task<bool> DeleteAsync(HubDbContext db, string key, CancellationToken ct)
    {
        var entity = await Query(db).FirstOrDefaultAsync(HasKey(key), ct);
        if (entity is null)
        {
            return false;
        }
        if (await InUseAsync(db, entity, ct) is { } use)
        {
            throw new OrgConflictException(use);
        }
        db.Remove(entity);
        await db.SaveChangesAsync(ct);
        await AfterChangeAsync(ct);
        return true;
    }
}
