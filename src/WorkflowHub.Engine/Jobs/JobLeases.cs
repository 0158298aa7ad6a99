using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Runtime;

namespace WorkflowHub.Engine.Jobs;

/// <summary>
/// This node's job leases. A lease is short (<see cref="JobExecutorOptions.LeaseDuration"/>, 30 s by default) and
/// renewed while the node holds the job, so a node that dies loses its jobs to the others within one lease and a
/// node that lives keeps them however long its queue is. The step that runs a job re-checks the lease in its own
/// transaction (and on PostgreSQL locks the row until it commits), so a job whose lease went to another node never
/// commits twice.
/// </summary>
internal sealed class JobLeases(StepConnections connections, TimeProvider time, IOptions<EngineOptions> options)
{
    private readonly ConcurrentDictionary<string, byte> _held = new(StringComparer.Ordinal);

    /// <summary>This node's name in the lease_owner column: configured, or machine, process and a random part.</summary>
    public string Owner { get; } = options.Value.JobExecutor.NodeId ?? $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    private TimeSpan Duration => options.Value.JobExecutor.LeaseDuration;

    /// <summary>The jobs this node has leased and not yet finished.</summary>
    public int HeldCount => _held.Count;

    /// <summary>Leases up to <paramref name="limit"/> due jobs that nobody holds (or whose lease expired), earliest first.</summary>
    public async Task<List<string>> AcquireAsync(int limit, CancellationToken ct)
    {
        await using var connection = await connections.AcquireAsync(ct).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var skipLocked = connection.IsSqlite ? "" : " FOR UPDATE SKIP LOCKED";
        var sql = new SqlBatch()
            .Append($"UPDATE {EngineTables.Jobs} SET lease_owner = ").Param(Owner)
            .Append(", lease_expires_at = ").Param(SqlBatch.Ms(now + Duration))
            .Append($" WHERE id IN (SELECT id FROM {EngineTables.Jobs} WHERE suspended = ").Param(false)
            .Append(" AND due_at <= ").Param(SqlBatch.Ms(now))
            .Append(" AND (lease_expires_at IS NULL OR lease_expires_at < ").Param(SqlBatch.Ms(now))
            .Append(") ORDER BY due_at").Limit(limit)
            .Append(skipLocked).Append(") RETURNING id");
        var ids = await connection.Session(null).QueryListAsync(sql, r => r.GetString(0), ct).ConfigureAwait(false);
        foreach (var id in ids)
        {
            _held[id] = 0;
        }
        return ids;
    }

    /// <summary>
    /// In the step's transaction: the job, if its lease is still this node's, with the lease renewed. On PostgreSQL
    /// the update holds the row until the step ends, so no other node can take the job over meanwhile.
    /// </summary>
    public Task<JobRecord?> ConfirmAsync(StepContext step, string jobId, CancellationToken ct) =>
        step.Session.QuerySingleAsync(new SqlBatch()
            .Append($"UPDATE {EngineTables.Jobs} SET lease_expires_at = ").Param(SqlBatch.Ms(step.Now + Duration))
            .Append(" WHERE id = ").Param(jobId).Append(" AND lease_owner = ").Param(Owner)
            .Append($" RETURNING {InstanceStore.JobColumns}"), InstanceStore.ReadJob, ct);

    /// <summary>
    /// On SQLite, at start: SQLite runs one node, so every lease another owner holds in the file was left by an earlier
    /// incarnation of this node that died (SIGKILL, power loss). Its jobs are free at once instead of after one lease.
    /// Safe even if a second process shares the file against the documentation: a step re-checks its lease before it
    /// commits. PostgreSQL (several nodes) keeps other nodes' leases.
    /// </summary>
    public async Task<int> ReclaimOrphanedAsync(CancellationToken ct)
    {
        await using var connection = await connections.AcquireAsync(ct).ConfigureAwait(false);
        if (!connection.IsSqlite || !options.Value.JobExecutor.ReclaimLeasesOnStart)
        {
            return 0;
        }
        var sql = new SqlBatch().Append($"UPDATE {EngineTables.Jobs} SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner IS NOT NULL AND lease_owner <> ").Param(Owner);
        var statement = sql.Statements[0];
        await connection.Session(null).ExecuteAsync(sql, ct).ConfigureAwait(false);
        return statement.RecordsAffected;
    }

    /// <summary>The job's step committed or rolled back for good: it is no longer renewed.</summary>
    public void Forget(string jobId) => _held.TryRemove(jobId, out _);

    /// <summary>Extends the lease of every job this node still holds; rows a step of this node has locked are skipped (that step renews its own).</summary>
    public async Task<int> RenewAsync(CancellationToken ct)
    {
        var held = _held.Keys.ToList();
        if (held.Count == 0)
        {
            return 0;
        }
        return await UpdateHeldAsync(held, SqlBatch.Ms(time.GetUtcNow() + Duration), ct).ConfigureAwait(false);
    }

    /// <summary>Gives back jobs this node leased but will not run (all it holds by default, at shutdown): other nodes take them at once.</summary>
    public async Task<int> ReleaseAsync(CancellationToken ct, IReadOnlyCollection<string>? jobIds = null)
    {
        var held = jobIds?.Where(_held.ContainsKey).ToList() ?? _held.Keys.ToList();
        if (held.Count == 0)
        {
            return 0;
        }
        try
        {
            return await UpdateHeldAsync(held, null, ct).ConfigureAwait(false);
        }
        finally
        {
            // Given back or not (the database may be away), they are not renewed any more: at worst the lease runs out.
            foreach (var id in held)
            {
                _held.TryRemove(id, out _);
            }
        }
    }

    private async Task<int> UpdateHeldAsync(List<string> ids, long? expiresAt, CancellationToken ct)
    {
        var changed = 0;
        await using var connection = await connections.AcquireAsync(ct).ConfigureAwait(false);
        foreach (var chunk in ids.Chunk(50))
        {
            var sql = new SqlBatch().Append($"UPDATE {EngineTables.Jobs} SET lease_owner = ").Param(expiresAt is null ? null : Owner)
                .Append(", lease_expires_at = ").Param(expiresAt)
                .Append(" WHERE lease_owner = ").Param(Owner).Append(" AND id IN (");
            if (connection.IsSqlite)
            {
                AppendIds(sql, chunk);
            }
            else
            {
                sql.Append($"SELECT id FROM {EngineTables.Jobs} WHERE id IN (");
                AppendIds(sql, chunk);
                sql.Append(") FOR UPDATE SKIP LOCKED");
            }
            sql.Append(")");
            var statement = sql.Statements[0];
            await connection.Session(null).ExecuteAsync(sql, ct).ConfigureAwait(false);
            changed += statement.RecordsAffected;
        }
        return changed;
    }

    private static void AppendIds(SqlBatch sql, string[] ids)
    {
        for (var i = 0; i < ids.Length; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Param(ids[i]);
        }
    }
}
