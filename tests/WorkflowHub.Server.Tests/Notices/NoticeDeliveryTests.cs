using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Operations;
using WorkflowHub.Server.Tests.Api;
using static WorkflowHub.Server.Tests.Api.Api;
using static WorkflowHub.Server.Tests.Notices.NoticeKit;

namespace WorkflowHub.Server.Tests.Notices;

/// <summary>Notices from a flow to a real SMTP server: one mail per recipient, Chinese intact, values escaped, sent once.</summary>
public abstract class NoticeDeliveryTests(NoticeServer server)
{
    [SkippableFact]
    public async Task A_notice_task_queues_one_mail_per_recipient_in_its_step_and_the_sender_delivers_each_once()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var g = Unique();
        var group = $"area-{g}";
        await UserWithMailAsync(admin, "zs", "张三", $"zhangsan-{g}@example.gov.cn", group);
        await UserWithMailAsync(admin, "ls", "李四", $"lisi-{g}@example.gov.cn", group);
        await UserWithMailAsync(admin, "nomail", "王五", "", group); // a member without an address is left out
        await DeployAsync(admin, Flow($"notice-{g}",
            Input("template", "assignment") + Input("to", "${toList}") + Input("cc", $"leader-{g}@example.gov.cn")));

        var started = await StartAsync(admin, $"notice-{g}", "WM-2026-000123", new
        {
            toList = new[] { group, $"citizen-{g}@example.com" },
            problemNumber = "WM-2026-000123",
            problemTitle = "人民路垃圾桶满溢",
            problemDescription = "垃圾桶满溢<script>alert('x')</script>",
            location = "城东街道人民路",
            areaGroup = "城东片区组",
            sectorGroup = "环境卫生与绿化组",
            deadline = "2026-03-02T11:30:00+08:00",
        });
        var instanceId = started["id"]!.GetValue<string>();

        // Written by the step that started the instance: nothing has been sent yet.
        var rows = await OutboxAsync(admin, instanceId);
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal("Pending", r["status"]!.GetValue<string>()));
        Assert.Single(rows, r => r["cc"]!.GetValue<bool>());
        Assert.DoesNotContain(server.Smtp.Messages, m => rows.Any(r => r.Id() == m.MessageId));

        await app.DeliverAsync();

        var received = server.Smtp.Received.Where(r => rows.Any(o => o.Id() == r.Message.MessageId)).ToList();
        Assert.Equal(4, received.Count);
        foreach (var row in rows)
        {
            var (message, envelope) = Assert.Single(received, r => r.Message.MessageId == row.Id());
            Assert.Equal([row["recipient"]!.GetValue<string>()], envelope);
            Assert.Equal("【交办通知】WM-2026-000123 人民路垃圾桶满溢", message.Subject);
            // On the wire the subject is RFC 2047 encoded words (pure ASCII), decoded back to the same Chinese above.
            var raw = System.Text.Encoding.ASCII.GetString(message.Headers.First(h => h.Id == MimeKit.HeaderId.Subject).RawValue).Trim();
            Assert.StartsWith("=?utf-8?", raw, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("垃圾桶满溢&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", message.HtmlBody);
            Assert.DoesNotContain("<script>", message.HtmlBody);
            Assert.Contains("城东片区组", message.TextBody);
            Assert.Contains("还剩 3 小时", message.TextBody); // the clock says 08:30
            Assert.Contains($"{NoticeServer.PublicBaseUrl}/cases/WM-2026-000123", message.TextBody);
            Assert.Equal(instanceId, message.Headers["X-WorkflowHub-Instance"]);
        }
        var zhang = Assert.Single(received, r => r.Recipients[0] == $"zhangsan-{g}@example.gov.cn").Message;
        Assert.Equal("张三", ((MimeKit.MailboxAddress)zhang.To[0]).Name);
        Assert.Contains("张三：", zhang.TextBody);
        var cc = Assert.Single(received, r => r.Recipients[0] == $"leader-{g}@example.gov.cn").Message;
        Assert.Empty(cc.To);
        Assert.Single(cc.Cc);

        Assert.All(await OutboxAsync(admin, instanceId), r => Assert.Equal("Sent", r["status"]!.GetValue<string>()));
        await app.DeliverAsync();
        Assert.Equal(4, server.Smtp.Messages.Count(m => rows.Any(r => r.Id() == m.MessageId)));
    }

    [SkippableFact]
    public async Task Every_shipped_template_reaches_the_smtp_server_with_its_chinese_subject_and_body_intact()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var templates = Items(await ExpectAsync(await admin.GetAsync("/api/notices/templates?pageSize=100"), HttpStatusCode.OK));
        string[] shipped = ["assignment", "reminder", "supervision-order", "report-to-head", "party-group-submission", "forward-dual-report",
            "acceptance", "rebound-reminder", "bureau-bulletin", "daily-summary", "weekly-dispatch", "weekly-inspection-bulletin", "task-urge"];
        Assert.All(shipped, key => Assert.Contains(templates, t => t!["key"]!.GetValue<string>() == key));

        var g = Unique();
        var expected = new Dictionary<string, JsonObject>();
        foreach (var key in shipped)
        {
            var preview = await ExpectAsync(await admin.PostAsJsonAsync($"/api/notices/templates/{key}/preview", new { }), HttpStatusCode.OK);
            var queued = await ExpectAsync(await admin.PostAsJsonAsync($"/api/notices/templates/{key}/test", new { to = $"test-{g}@example.gov.cn" }), HttpStatusCode.Accepted);
            expected[queued["id"]!.GetValue<string>()] = preview;
        }
        await app.DeliverAsync();

        foreach (var (id, preview) in expected)
        {
            var message = Assert.Single(server.Smtp.Messages, m => m.MessageId == id);
            Assert.Equal("[测试 TEST] " + preview["subject"]!.GetValue<string>(), message.Subject);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", message.Subject);
            Assert.Equal(preview["text"]!.GetValue<string>().ReplaceLineEndings(), message.TextBody!.ReplaceLineEndings());
            Assert.Equal(preview["html"]!.GetValue<string>().ReplaceLineEndings(), message.HtmlBody!.ReplaceLineEndings());
            Assert.Contains("市创建全国文明城市工作指挥部办公室", message.TextBody);
        }
        var order = expected.Keys.Select(id => Assert.Single(server.Smtp.Messages, m => m.MessageId == id).Subject!).ToList();
        Assert.Contains(order, s => s.Contains("督办〔2026〕第 12 号", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task A_supervision_order_takes_the_next_number_of_the_year_and_keeps_it_in_a_variable()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var g = Unique();
        var prefix = "督办" + g[..4];
        await DeployAsync(admin, Flow($"order-{g}", Input("template", "supervision-order") + Input("to", $"unit-{g}@example.gov.cn")
            + Input("number", prefix)));
        var subjects = new List<string>();
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var started = await StartAsync(admin, $"order-{g}", null, new
            {
                problemNumber = "WM-1", problemTitle = "井盖缺失", problemDescription = "井盖缺失", location = "解放街",
                unit = "市政设施所", basis = "督办办法第八条", deadline = "2026-03-05T18:00:00+08:00",
            });
            var id = started["id"]!.GetValue<string>();
            subjects.Add(Assert.Single(await OutboxAsync(admin, id))["subject"]!.GetValue<string>());
            var detail = await ExpectAsync(await admin.GetAsync($"/api/instances/{id}"), HttpStatusCode.OK);
            Assert.Contains($"{prefix}〔2026〕第 {subjects.Count} 号", detail.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        }
        Assert.Equal($"【督办单】{prefix}〔2026〕第 1 号 井盖缺失", subjects[0]);
        Assert.Equal($"【督办单】{prefix}〔2026〕第 2 号 井盖缺失", subjects[1]);
    }

    [SkippableFact]
    public async Task A_send_task_with_the_notice_topic_queues_the_notice_too()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var g = Unique();
        await DeployAsync(admin, Flow($"send-{g}", Input("template", "reminder") + Input("to", $"a-{g}@example.gov.cn, b-{g}@example.gov.cn"), "sendTask"));
        var started = await StartAsync(admin, $"send-{g}", null, new { problemNumber = "WM-2", problemDescription = "路面坑洼", location = "北街" });
        var id = started["id"]!.GetValue<string>();
        var incidents = await ExpectAsync(await admin.GetAsync($"/api/incidents?instanceId={id}"), HttpStatusCode.OK);
        Assert.True(Items(incidents).Count == 0, incidents.ToJsonString());
        Assert.Equal(2, (await OutboxAsync(admin, id)).Count);
    }

    [SkippableFact]
    public async Task The_outbox_backlog_gauge_counts_what_committed_steps_queued_until_the_sender_delivers_it()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        await app.DeliverAsync();
        var backlog = app.Services.GetServices<IOperationalGauge>().Single(g => g.Name == "workflowhub.outbox.backlog");
        async Task<long> ReadAsync()
        {
            await using var db = await app.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync();
            return await backlog.ReadAsync(db, CancellationToken.None);
        }
        Assert.Equal(0, await ReadAsync());

        var g = Unique();
        await DeployAsync(admin, Flow($"backlog-{g}", Input("template", "reminder") + Input("to", $"a-{g}@example.gov.cn, b-{g}@example.gov.cn, c-{g}@example.gov.cn")));
        await StartAsync(admin, $"backlog-{g}", null, new { problemNumber = "WM-3", problemDescription = "井盖缺失", location = "南街" });
        Assert.Equal(3, await ReadAsync());

        await app.DeliverAsync();
        Assert.Equal(0, await ReadAsync());
        var metrics = await (await admin.GetAsync("/metrics")).Content.ReadAsStringAsync();
        Assert.Contains("workflowhub_outbox_backlog", metrics, StringComparison.Ordinal);
    }
}

public sealed class NoticeDeliveryTests_Sqlite(SqliteNoticeServer server) : NoticeDeliveryTests(server), IClassFixture<SqliteNoticeServer>;

public sealed class NoticeDeliveryTests_Postgres(PostgresNoticeServer server) : NoticeDeliveryTests(server), IClassFixture<PostgresNoticeServer>;
