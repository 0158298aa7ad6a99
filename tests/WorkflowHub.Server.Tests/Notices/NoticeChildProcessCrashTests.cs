using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Notices;
using WorkflowHub.Server.Features.Webhooks;
using WorkflowHub.Server.Mail;
using WorkflowHub.Server.Tests.Support;
using WorkflowHub.Testing;

namespace WorkflowHub.Server.Tests.Notices;

/// <summary>
/// The real server process killed while the SMTP server holds back its "accepted" answer to a notice: the server
/// has the mail, the sender never heard so. A sender started afterwards delivers that notice again with the same
/// Message-ID and the rest once; no notice is lost.
/// </summary>
public sealed class NoticeChildProcessCrashTests
{
    private static readonly TimeSpan ChildTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Killing_the_server_process_between_smtp_acceptance_and_marking_sent_repeats_only_the_same_message()
    {
        await using var database = TestDatabase.CreateSqlite();
        await using var smtp = new TestSmtpServer();
        var keys = Directory.CreateTempSubdirectory("wfh_test_keys_").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = database.ConnectionString,
            ["Mail:From"] = NoticeServer.From,
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Mail:Smtp:UseSsl"] = "false",
            ["Notices:Delivery:PollInterval"] = "00:00:00.200",
            ["Notices:Delivery:LeaseDuration"] = "00:02:00",
            ["Server:DataProtectionKeysPath"] = keys,
        };
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var services = new HubServices(database, settings, s =>
        {
            s.AddDataProtection();
            s.AddKeyedSingleton(WebhookReceiver.WallClockKey, TimeProvider.System);
            s.AddSingleton<TimeProvider>(clock);
            s.AddHubMail();
            s.AddHubNotices();
        });
        await services.MigrateAsync();
        var ids = await QueueAsync(services, clock.GetUtcNow(), "甲", "乙", "丙");

        // 1. The server process delivers; the SMTP server keeps the first mail and holds its answer; the process is killed.
        var held = smtp.HoldNextAnswer();
        using (var child = StartServer(settings))
        {
            var first = await held.WaitAsync(ChildTimeout);
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
            Assert.Contains(first.MessageId, ids);
        }
        smtp.ReleaseHeld();
        var crashed = smtp.Messages.Single(m => ids.Contains(m.MessageId ?? "")).MessageId!;
        Assert.Equal(NoticeStatus.Pending, (await RowsAsync(services)).Single(r => r.Id == crashed).Status);

        // 2. A sender started after the dead one's leases ran out delivers every notice; the held one again, same Message-ID.
        clock.Advance(TimeSpan.FromMinutes(3));
        await services.Services.GetRequiredService<NoticeSender>().DeliverDueAsync();

        Assert.All(await RowsAsync(services), r => Assert.Equal(NoticeStatus.Sent, r.Status));
        var copies = smtp.Messages.Where(m => ids.Contains(m.MessageId ?? "")).Select(m => m.MessageId).ToList();
        Assert.Equal(ids.Order(), copies.Distinct().Order());
        Assert.Equal([crashed], copies.GroupBy(c => c).Where(c => c.Count() > 1).Select(c => c.Key));
        Assert.Equal(4, copies.Count);
        Directory.Delete(keys, recursive: true);
    }

    private static async Task<List<string>> QueueAsync(HubServices services, DateTimeOffset now, params string[] names)
    {
        var contexts = services.Services.GetRequiredService<IDbContextFactory<HubDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var ids = new List<string>();
        foreach (var name in names)
        {
            var id = $"{Guid.CreateVersion7():N}@wfh.example.gov.cn";
            db.Add(new NoticeOutboxRecord
            {
                Id = id, Channel = NoticeChannel.Mail, Recipient = $"{id[..8]}@example.gov.cn", RecipientName = name, TemplateKey = "assignment",
                TemplateVersion = 1, Subject = $"【交办通知】{name}", Html = $"<p>{name}</p>", Text = name, Status = NoticeStatus.Pending,
                NextAttemptAt = now, CreatedAt = now,
            });
            ids.Add(id);
        }
        await db.SaveChangesAsync();
        return ids;
    }

    private static async Task<List<NoticeOutboxRecord>> RowsAsync(HubServices services)
    {
        await using var db = await services.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync();
        return await db.Set<NoticeOutboxRecord>().AsNoTracking().ToListAsync();
    }

    /// <summary>The real server executable, configured through WORKFLOWHUB__ variables, on a port of its own choosing.</summary>
    private static Process StartServer(IReadOnlyDictionary<string, string?> settings)
    {
        var environment = settings.ToDictionary(p => "WORKFLOWHUB__" + p.Key.Replace(":", "__", StringComparison.Ordinal), p => p.Value);
        environment["WORKFLOWHUB__Bootstrap__AdminPassword"] = HubServerFactory.AdminPassword;
        environment["WORKFLOWHUB__Engine__JobExecutor__Enabled"] = "false";
        return ServerProcess.Start(["--urls=http://127.0.0.1:0"], environment, _ => { });
    }
}
