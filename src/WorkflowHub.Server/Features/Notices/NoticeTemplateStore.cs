using Microsoft.EntityFrameworkCore;

namespace WorkflowHub.Server.Features.Notices;

/// <summary>Reads and adds template versions through whichever DbContext the caller holds (a request's or a step's).</summary>
public static class NoticeTemplateStore
{
    public static Task<NoticeTemplateRecord?> LatestAsync(DbContext db, string key, CancellationToken ct) =>
        db.Set<NoticeTemplateRecord>().AsNoTracking().Where(t => t.Key == key).OrderByDescending(t => t.Version).FirstOrDefaultAsync(ct);

    /// <summary>Adds the next version (not saved: the caller saves, so it commits with whatever else it writes).</summary>
    public static async Task<NoticeTemplateRecord> AddVersionAsync(DbContext db, string key, NoticeTemplateDraft draft, string sample,
        string source, string? fileHash, string? actor, DateTimeOffset now, CancellationToken ct)
    {
        var latest = await db.Set<NoticeTemplateRecord>().Where(t => t.Key == key).MaxAsync(t => (int?)t.Version, ct) ?? 0;
        var record = new NoticeTemplateRecord
        {
            Key = key,
            Version = latest + 1,
            Name = draft.Name,
            Description = draft.Description,
            Subject = draft.Subject,
            Html = draft.Html,
            Text = draft.Text,
            Sample = sample,
            Source = source,
            FileHash = fileHash,
            CreatedAt = now,
            CreatedBy = actor,
        };
        db.Add(record);
        return record;
    }
}
