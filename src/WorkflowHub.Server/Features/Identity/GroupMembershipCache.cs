using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Hosting;
using WorkflowHub.Server.Identity;

namespace WorkflowHub.Server.Features.Identity;

/// <summary>
/// The groups a user belongs to, remembered for <see cref="Lifetime"/> per node: every task and instance request
/// checks the viewer's reach through them, and reading them was one query per request on the HTTP path. Any saved
/// change to a group, a membership or an account on this node forgets everything at once
/// (<see cref="DirectoryChangeInterceptor"/>), so this node's next request sees it; a change saved on another node is
/// seen here within <see cref="Lifetime"/> (bounded staleness, like <see cref="AccountStatusCache"/>).
/// </summary>
public sealed class GroupMembershipCache(IServiceProvider services)
{
    public static readonly TimeSpan Lifetime = AccountStatusCache.Lifetime;

    /// <summary>
    /// At most 10,000 (many distinct users); groups read before a change are not kept after it. On the wall clock the
    /// API registers (tests replace it); a host without the API (tools, migrations) has the system's.
    /// </summary>
    private readonly NodeMemory<IReadOnlyList<string>> _entries =
        new(services.GetKeyedService<TimeProvider>(Webhooks.WebhookReceiver.WallClockKey) ?? TimeProvider.System, Lifetime, maxEntries: 10_000);

    public async Task<IReadOnlyList<string>> GroupsOfAsync(HubDbContext db, string userId, CancellationToken ct)
    {
        if (_entries.TryGet(userId, out var groups))
        {
            return groups;
        }
        var generation = _entries.Generation;
        groups = await UserDirectory.GroupsOfAsync(db, userId, ct);
        _entries.Remember(userId, groups, generation);
        return groups;
    }

    public void Clear() => _entries.Forget();
}

/// <summary>
/// Clears <see cref="GroupMembershipCache"/> after any save on this node that added, changed or removed a group, a
/// membership or an account (whichever endpoint, import or seed made it), so the next request sees the change.
/// </summary>
public sealed class DirectoryChangeInterceptor(GroupMembershipCache cache) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Mark(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Mark(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ClearIfMarked(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ClearIfMarked(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => ClearIfMarked(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ClearIfMarked(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Cleared before the save as well as after: a request that reads the groups while the save commits may have
    /// cached the old ones in between.
    /// </summary>
    private void Mark(DbContext? context)
    {
        if (context is not null && Touches(context))
        {
            cache.Clear();
            Saving.AddOrUpdate(context, Marker);
        }
    }

    private void ClearIfMarked(DbContext? context)
    {
        // TryGetValue first: it takes no lock, while Remove locks the table, and every save on the node (each task
        // completion's) passes here while hardly any touched the directory.
        if (context is not null && Saving.TryGetValue(context, out _) && Saving.Remove(context))
        {
            cache.Clear();
        }
    }

    /// <summary>The contexts between the saving and the saved (or failed) event of a save that touched the directory.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> Saving = new();

    private static readonly object Marker = new();

    private static bool Touches(DbContext context)
    {
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && entry.Entity is HubGroupMember or HubGroup or HubUser)
            {
                return true;
            }
        }
        return false;
    }
}
