using System.Net;
using WorkflowHub.Server.Tests.Api;
using static WorkflowHub.Server.Tests.Api.Api;
using static WorkflowHub.Server.Tests.Notices.NoticeKit;

namespace WorkflowHub.Server.Tests.Notices;

/// <summary>
/// The sender killed in the middle of a delivery: before the SMTP server accepted the message, and after it accepted
/// it but before the row was marked sent. After the restart no notice is lost, and every copy the server holds of a
/// notice carries that notice's one Message-ID.
/// </summary>
public abstract class NoticeCrashTests(NoticeServer server)
{
    [SkippableTheory]
    [InlineData(CrashPoint.BeforeAccepted)]
    [InlineData(CrashPoint.AfterAccepted)]
    public async Task A_sender_killed_mid_delivery_loses_nothing_and_repeats_only_the_same_message(CrashPoint point)
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        await app.DeliverAsync(); // nothing of earlier tests left due
        var g = Unique();
        var addresses = Enumerable.Range(1, 3).Select(i => $"r{i}-{g}@example.gov.cn").ToArray();
        await DeployAsync(admin, Flow($"crash-{g}", Input("template", "assignment") + Input("to", string.Join(",", addresses))));
        var started = await StartAsync(admin, $"crash-{g}", null, new { problemNumber = "WM-9", problemDescription = "占道经营", location = "东门市场" });
        var rows = await OutboxAsync(admin, started["id"]!.GetValue<string>());
        Assert.Equal(3, rows.Count);
        var ids = rows.Select(r => r.Id()).ToHashSet();
        int Copies() => server.Smtp.Messages.Count(m => ids.Contains(m.MessageId ?? ""));

        var run = server.Crash.Arm(point);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => app.DeliverAsync(run));
        Assert.Equal(point == CrashPoint.AfterAccepted ? 1 : 0, Copies());
        // The dead sender had taken its batch: every row is still pending, under its lease.
        var crashed = server.Crash.CrashedRowId!;
        Assert.Contains(crashed, ids);
        Assert.All(await OutboxAsync(admin, started["id"]!.GetValue<string>()), r =>
            Assert.Equal(("Pending", 1), (r["status"]!.GetValue<string>(), r["attempts"]!.GetValue<int>())));
        if (point == CrashPoint.AfterAccepted)
        {
            Assert.Equal(crashed, server.Smtp.Messages.Single(m => ids.Contains(m.MessageId ?? "")).MessageId);
        }

        // The restarted sender leaves the dead one's rows alone while their lease lasts, then delivers them.
        await app.DeliverAsync();
        Assert.Equal(point == CrashPoint.AfterAccepted ? 1 : 0, Copies());
        app.Advance(TimeSpan.FromMinutes(3));
        await app.DeliverAsync();

        var after = await OutboxAsync(admin, started["id"]!.GetValue<string>());
        Assert.All(after, r => Assert.Equal(("Sent", 2), (r["status"]!.GetValue<string>(), r["attempts"]!.GetValue<int>())));
        var copies = server.Smtp.Received.Where(r => ids.Contains(r.Message.MessageId ?? "")).ToList();
        Assert.Equal(ids.Order(), copies.Select(c => c.Message.MessageId).Distinct().Order());
        foreach (var address in addresses)
        {
            // Every copy one recipient got is the same notice: one Message-ID, the one of that recipient's row.
            var mine = copies.Where(c => c.Recipients.Single() == address).Select(c => c.Message.MessageId).Distinct();
            Assert.Equal([rows.Single(r => r["recipient"]!.GetValue<string>() == address).Id()], mine);
        }
        Assert.Equal(point == CrashPoint.AfterAccepted ? 4 : 3, copies.Count);
        var repeated = copies.GroupBy(c => c.Message.MessageId).Where(c => c.Count() > 1).Select(c => c.Key).ToList();
        Assert.Equal(point == CrashPoint.AfterAccepted ? [crashed!] : [], repeated);

        // A row marked sent is never sent again.
        app.Advance(TimeSpan.FromHours(1));
        await app.DeliverAsync();
        Assert.Equal(copies.Count, Copies());
    }
}

public sealed class NoticeCrashTests_Sqlite(SqliteNoticeServer server) : NoticeCrashTests(server), IClassFixture<SqliteNoticeServer>;

public sealed class NoticeCrashTests_Postgres(PostgresNoticeServer server) : NoticeCrashTests(server), IClassFixture<PostgresNoticeServer>;
