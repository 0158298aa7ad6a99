using System.Collections.Concurrent;

namespace WorkflowHub.Server.Features.Drafts;

public sealed record DraftEditor(string UserName, DateTimeOffset Since);

/// <summary>
/// Who has which flow open in the designer, so administrators see each other before they overwrite a draft. The
/// console reports every minute; an editor not heard of for <see cref="Timeout"/> is gone. Kept in memory: it is
/// a hint per server node, not data.
/// </summary>
public sealed class DraftPresence(TimeProvider clock)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private const int MaxKeys = 10_000;

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, (DateTimeOffset Since, DateTimeOffset Seen)>> _byKey = new(StringComparer.Ordinal);

    public IReadOnlyList<DraftEditor> Touch(string key, string userName)
    {
        var now = clock.GetUtcNow();
        if (_byKey.Count >= MaxKeys && !_byKey.ContainsKey(key))
        {
            Sweep(now);
        }
        var editors = _byKey.GetOrAdd(key, _ => new(StringComparer.Ordinal));
        editors.AddOrUpdate(userName, _ => (now, now), (_, e) => (e.Since, now));
        return Editors(key);
    }

    public IReadOnlyList<DraftEditor> Editors(string key)
    {
        var now = clock.GetUtcNow();
        if (!_byKey.TryGetValue(key, out var editors))
        {
            return [];
        }
        return editors.Where(e => now - e.Value.Seen < Timeout)
            .Select(e => new DraftEditor(e.Key, e.Value.Since))
            .OrderBy(e => e.Since).ToList();
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, editors) in _byKey)
        {
            foreach (var (user, seen) in editors)
            {
                if (now - seen.Seen >= Timeout)
                {
                    editors.TryRemove(user, out _);
                }
            }
            if (editors.IsEmpty)
            {
                _byKey.TryRemove(key, out _);
            }
        }
    }
}
