using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Tasks.Actions;

namespace WorkflowHub.Server.Tests.Api;

/// <summary>
/// A row written by <see cref="RowInserter{T}"/> reads back through EF as SaveChanges would have written it, on each
/// provider's own column types and conversions (an enum as text, a time as text on SQLite and a number on PostgreSQL).
/// </summary>
public abstract class RowInserterTests(ApiServer server)
{
    [Fact]
    public async Task An_inserted_comment_reads_back_with_every_value_and_a_key_from_the_database()
    {
        var app = await server.GetAsync();
        var instance = $"row-inserter-{Guid.NewGuid():N}";
        var written = new[]
        {
            new TaskComment
            {
                TaskId = "t1", InstanceId = instance, ElementId = "handle", TaskName = "处置", ProcessKey = "p", BusinessKey = "12345-1",
                Author = "张三", Kind = TaskActionKind.Approve, Message = "同意，请尽快处置。",
                CreatedAt = new DateTimeOffset(2026, 12, 2, 9, 30, 15, 123, TimeSpan.FromHours(8)),
            },
            new TaskComment
            {
                TaskId = "t2", InstanceId = instance, ElementId = "verify", ProcessKey = "p", Author = "李四", Kind = TaskActionKind.Complete,
                CreatedAt = new DateTimeOffset(2026, 12, 2, 1, 31, 0, TimeSpan.Zero),
            },
        };
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await TaskActions.WriteCommentsAsync(db, written, CancellationToken.None);
            await transaction.CommitAsync();
        }

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            var read = await db.Set<TaskComment>().AsNoTracking().Where(c => c.InstanceId == instance).OrderBy(c => c.Id).ToListAsync();
            Assert.Equal(2, read.Count);
            Assert.True(read[0].Id > 0 && read[1].Id > read[0].Id);
            for (var i = 0; i < 2; i++)
            {
                Assert.Equal(
                    (written[i].TaskId, written[i].ElementId, written[i].TaskName, written[i].ProcessKey, written[i].BusinessKey, written[i].Author, written[i].Kind, written[i].Message),
                    (read[i].TaskId, read[i].ElementId, read[i].TaskName, read[i].ProcessKey, read[i].BusinessKey, read[i].Author, read[i].Kind, read[i].Message));
                Assert.Equal(written[i].CreatedAt.UtcDateTime, read[i].CreatedAt.UtcDateTime);
            }
            // Queries on the converted time still compare: the earlier one (09:30 at +08:00) is found before the later one (01:31 UTC).
            Assert.Equal("t1", Assert.Single(await db.Set<TaskComment>().AsNoTracking()
                .Where(c => c.InstanceId == instance && c.CreatedAt < written[1].CreatedAt).Select(c => c.TaskId).ToListAsync()));
        }
    }
}

public sealed class RowInserterTests_Sqlite(SqliteApiServer server) : RowInserterTests(server), IClassFixture<SqliteApiServer>;

public sealed class RowInserterTests_Postgres(PostgresApiServer server) : RowInserterTests(server), IClassFixture<PostgresApiServer>;
