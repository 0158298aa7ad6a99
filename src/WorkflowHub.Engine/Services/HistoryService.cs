using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Runtime;

namespace WorkflowHub.Engine.Services;

internal sealed class HistoryService(IEngineDbContextFactory contexts, StepConnections connections) : IHistoryService
{
    public async Task<IReadOnlyList<HistoryEvent>> GetInstanceHistoryAsync(string instanceId, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var rows = await db.Set<HistoryRecord>().AsNoTracking().Where(h => h.InstanceId == instanceId)
            .OrderBy(h => h.Id).ToListAsync(ct).ConfigureAwait(false);
        return rows.SelectMany(r => HistoryEvents.Unfold(r)).ToList();
    }

    /// <summary>
    /// A page of the events recorded in [from, to), in the order they happened. A row holds a step's events, so the
    /// page is cut out of the rows by a running count of their events.
    /// </summary>
    public Task<Page<HistoryEvent>> QueryAsync(DateTimeOffset from, DateTimeOffset to, int pageNumber = 1, int pageSize = 200, CancellationToken ct = default)
    {
        var (page, size) = Paging.Normalize(pageNumber, pageSize);
        return connections.ReadAsync((session, token) => PageAsync(session, from, to, page, size, token), ct);
    }

    private static async Task<Page<HistoryEvent>> PageAsync(SqlSession session, DateTimeOffset from, DateTimeOffset to, int page, int size, CancellationToken ct)
    {
        var skip = (page - 1) * size;
        SqlBatch InRange(SqlBatch sql) => sql.Append($" FROM {EngineTables.History} WHERE timestamp >= ").Param(SqlBatch.Ms(from))
            .Append(" AND timestamp < ").Param(SqlBatch.Ms(to));
        var sql = InRange(new SqlBatch()
            .Append("SELECT id, instance_id, process_key, timestamp, actor, event_count, events, before FROM (")
            .Append("SELECT id, instance_id, process_key, timestamp, actor, event_count, events, SUM(event_count) OVER (ORDER BY id) - event_count AS before"))
            .Append(") x WHERE before + event_count > ").Param(skip).Append(" AND before < ").Param(skip + size).Append(" ORDER BY id");
        var rows = await session.QueryListAsync(sql, r => (Record: new HistoryRecord
        {
            Id = r.GetInt64(0),
            InstanceId = r.GetString(1),
            ProcessKey = r.GetString(2),
            Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)),
            Actor = r.IsDBNull(4) ? null : r.GetString(4),
            EventCount = r.GetInt32(5),
            Events = r.GetString(6),
        }, Before: r.GetInt64(7)), ct).ConfigureAwait(false);
        var events = new List<HistoryEvent>(size);
        foreach (var (record, before) in rows)
        {
            events.AddRange(HistoryEvents.Unfold(record, (int)Math.Max(0, skip - before), size - events.Count));
        }
        var total = page == 1 && events.Count < size
            ? events.Count
            : Convert.ToInt32(await session.ScalarAsync(InRange(new SqlBatch().Append("SELECT COALESCE(SUM(event_count), 0)")), ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        return new Page<HistoryEvent>(events, total, page, size);
    }
}
