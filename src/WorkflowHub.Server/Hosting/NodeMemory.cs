using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace WorkflowHub.Server.Hosting;

/// <summary>
/// Values one node remembers for a short <c>lifetime</c> so that not every request reads them from the database
/// (account status, group memberships, webhooks). At most <c>maxEntries</c> are kept (past it the memory starts over);
/// <see cref="Forget"/> drops them all at once. A read that began before a <see cref="Forget"/> does not store what it
/// read (<see cref="Generation"/>), or the value from before the change would be served for another lifetime.
/// </summary>
public sealed class NodeMemory<TValue>(TimeProvider clock, TimeSpan lifetime, int maxEntries)
{
    private readonly ConcurrentDictionary<string, (TValue Value, long Until)> _entries = new(StringComparer.Ordinal);

    private long _generation;

    /// <summary>Taken before a read: <see cref="Remember"/> stores its result only if nothing was forgotten since.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGet(string key, [MaybeNullWhen(false)] out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry) && clock.GetTimestamp() < entry.Until)
        {
            value = entry.Value;
            return true;
        }
        value = default;
        return false;
    }

    public void Remember(string key, TValue value, long generation)
    {
        if (_entries.Count >= maxEntries)
        {
            _entries.Clear();
        }
        var until = clock.GetTimestamp() + (long)(lifetime.TotalSeconds * clock.TimestampFrequency);
        if (Interlocked.Read(ref _generation) == generation)
        {
            _entries[key] = (value, until);
        }
    }

    public void Forget()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }
}
