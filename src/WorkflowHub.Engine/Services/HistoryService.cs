using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Persistence;

namespace WorkflowHub.Engine.Services;

internal sealed class HistoryService(IEngineDbContextFactory contexts) : IHistoryService
{
    public async Task<IReadOnlyList<HistoryEvent>> GetInstanceHistoryAsync(string instanceId, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var rows = await db.Set<HistoryEventRecord>().AsNoTracking().Where(h => h.InstanceId == instanceId)
            .OrderBy(h => h.Id).ToListAsync(ct).ConfigureAwait(false);
        return rows.Select(ToEvent).ToList();
    }

    public async Task<Page<HistoryEvent>> QueryAsync(DateTimeOffset from, DateTimeOffset to, int pageNumber = 1, int pageSize = 200, CancellationToken ct = default)
    {
        var (page, size) = Paging.Normalize(pageNumber, pageSize);
        await using var db = contexts.CreateDbContext();
        var q = db.Set<HistoryEventRecord>().AsNoTracking().Where(h => h.Timestamp >= from && h.Timestamp < to);
        var rows = await q.OrderBy(h => h.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct).ConfigureAwait(false);
        var total = await Paging.TotalAsync(q, rows.Count, page, size, ct).ConfigureAwait(false);
        return new Page<HistoryEvent>(rows.Select(ToEvent).ToList(), total, page, size);
    }

    private static HistoryEvent ToEvent(HistoryEventRecord h) => new(
        h.Id, h.InstanceId, h.ProcessKey, h.Timestamp, h.Type, h.ElementId, h.ElementType, h.TokenId, h.TaskId, h.Actor,
        h.Data is null ? null : JsonNode.Parse(h.Data));
}
