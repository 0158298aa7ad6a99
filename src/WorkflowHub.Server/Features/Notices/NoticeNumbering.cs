using Microsoft.EntityFrameworkCore;

namespace WorkflowHub.Server.Features.Notices;

/// <summary>
/// Hands out document numbers (文号) per prefix and year from <see cref="NoticeSequenceRecord"/>, in the caller's
/// transaction: the upsert locks the year's row until the step commits, so concurrent steps never share a number
/// and a rolled-back step leaves no gap.
/// </summary>
public static class NoticeNumbering
{
    public static async Task<long> NextAsync(DbContext db, string prefix, int year, CancellationToken ct)
    {
        if (prefix.Length is 0 or > NoticeSequenceRecord.PrefixMaxLength)
        {
            throw new ArgumentException($"A number prefix has 1 to {NoticeSequenceRecord.PrefixMaxLength} characters", nameof(prefix));
        }
        // INSERT ... ON CONFLICT ... RETURNING is the same on PostgreSQL and SQLite (3.35+).
        var values = await db.Database.SqlQueryRaw<long>(
            """
            INSERT INTO hub_notice_sequences ("Prefix", "Year", "Value") VALUES ({0}, {1}, 1)
            ON CONFLICT ("Prefix", "Year") DO UPDATE SET "Value" = hub_notice_sequences."Value" + 1
            RETURNING "Value"
            """, prefix, year).ToListAsync(ct);
        return values[0];
    }
}
