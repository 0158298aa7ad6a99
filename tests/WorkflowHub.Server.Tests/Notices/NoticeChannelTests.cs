using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Notices;
using WorkflowHub.Server.Hosting;
using WorkflowHub.Server.Tests.Api;
using static WorkflowHub.Server.Tests.Api.Api;
using static WorkflowHub.Server.Tests.Notices.NoticeKit;

namespace WorkflowHub.Server.Tests.Notices;

/// <summary>Group robots through the outbox, against a local HTTP receiver; the robots' signing.</summary>
public abstract class NoticeRobotTests(NoticeServer server)
{
    [SkippableFact]
    public async Task A_notice_to_a_group_with_a_dingtalk_robot_posts_signed_markdown_and_a_refusal_is_retried()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        using var robot = new RobotReceiver();
        var g = Unique();
        var group = $"robot-{g}";
        await EnsureGroupAsync(admin, group);
        await ExpectFieldErrorAsync(await admin.PutAsJsonAsync($"/api/notices/robots/{group}", new { kind = "DingTalk", url = "ftp://x" }), "url");
        var saved = await ExpectAsync(await admin.PutAsJsonAsync($"/api/notices/robots/{group}",
            new { kind = "DingTalk", url = robot.BaseUrl + "robot/send?access_token=tok123", secret = "SEC-test-secret" }), HttpStatusCode.OK);
        Assert.Equal(("127.0.0.1", true), (saved["urlHost"]!.GetValue<string>(), saved["signed"]!.GetValue<bool>()));
        Assert.DoesNotContain("tok123", (await admin.GetStringAsync("/api/notices/robots")));

        await DeployAsync(admin, Flow($"robot-{g}", Input("template", "assignment") + Input("to", group)));
        var id = (await StartAsync(admin, $"robot-{g}", null, new { problemNumber = "WM-7", problemTitle = "井盖缺失", problemDescription = "解放街井盖缺失", location = "解放街" }))["id"]!.GetValue<string>();
        var row = Assert.Single(await OutboxAsync(admin, id));
        Assert.Equal(("Robot", group), (row["channel"]!.GetValue<string>(), row["recipient"]!.GetValue<string>()));

        robot.Answer = """{"errcode":310000,"errmsg":"sign not match"}""";
        await app.DeliverAsync();
        var refused = Assert.Single(await OutboxAsync(admin, id));
        Assert.Equal("Pending", refused["status"]!.GetValue<string>());
        Assert.Contains("310000", refused["lastError"]!.GetValue<string>());

        robot.Answer = """{"errcode":0,"errmsg":"ok"}""";
        app.Advance(TimeSpan.FromMinutes(2));
        await app.DeliverAsync();
        Assert.Equal("Sent", Assert.Single(await OutboxAsync(admin, id))["status"]!.GetValue<string>());

        var (url, body) = robot.Calls.Last();
        var query = HttpUtility.ParseQueryString(url.Query);
        Assert.Equal("tok123", query["access_token"]);
        var timestamp = query["timestamp"]!;
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes("SEC-test-secret"), Encoding.UTF8.GetBytes(timestamp + "\nSEC-test-secret")));
        Assert.Equal(expected, query["sign"]);
        Assert.True(Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture)) < 3_600_000,
            "DingTalk refuses timestamps an hour off the real time, so the wall clock signs, not the simulation clock");
        var json = JsonNode.Parse(body)!;
        Assert.Equal("markdown", json["msgtype"]!.GetValue<string>());
        Assert.Equal("【交办通知】WM-7 井盖缺失", json["markdown"]!["title"]!.GetValue<string>());
        Assert.Contains("问题描述：解放街井盖缺失", json["markdown"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Feishu_signs_in_the_body_and_wecom_sends_markdown_content()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_772_400_000);
        var (url, feishu) = RobotTransport.Request(RobotKind.Feishu, "https://open.feishu.cn/open-apis/bot/v2/hook/x", "s3cret", "标题", "**正文**", now);
        Assert.Equal("https://open.feishu.cn/open-apis/bot/v2/hook/x", url);
        Assert.Equal("1772400000", feishu["timestamp"]!.GetValue<string>());
        Assert.Equal(Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes("1772400000\ns3cret"), Array.Empty<byte>())), feishu["sign"]!.GetValue<string>());
        Assert.Equal("**正文**", feishu["card"]!["elements"]![0]!["content"]!.GetValue<string>());
        var (_, wecom) = RobotTransport.Request(RobotKind.WeCom, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", null, "标题", "正文", now);
        Assert.Equal("**标题**\n\n正文", wecom["markdown"]!["content"]!.GetValue<string>());
    }
}

public sealed class NoticeRobotTests_Sqlite(SqliteNoticeServer server) : NoticeRobotTests(server), IClassFixture<SqliteNoticeServer>;

public sealed class NoticeRobotTests_Postgres(PostgresNoticeServer server) : NoticeRobotTests(server), IClassFixture<PostgresNoticeServer>;

/// <summary>Without an SMTP host mail lands in the pickup folder, which the console's 邮件 page reads; the template editor's API.</summary>
public sealed class NoticePickupTests(SqliteApiServer server) : IClassFixture<SqliteApiServer>
{
    [Fact]
    public async Task Without_smtp_a_test_mail_lands_in_the_pickup_folder_and_the_mailbox_api_shows_it()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        Assert.Empty(Items(await ExpectAsync(await admin.GetAsync("/api/notices/mailbox"), HttpStatusCode.OK)));
        var queued = await ExpectAsync(await admin.PostAsJsonAsync("/api/notices/templates/supervision-order/test", new { to = "unit@example.gov.cn" }), HttpStatusCode.Accepted);
        await app.DeliverAsync();
        await app.DeliverAsync(); // a second run finds it sent: still one file

        var list = await ExpectAsync(await admin.GetAsync("/api/notices/mailbox"), HttpStatusCode.OK);
        var item = Assert.Single(Items(list))!;
        Assert.Equal((1, 1), (list["total"]!.GetValue<int>(), list["page"]!.GetValue<int>()));
        Assert.Equal(queued["id"]!.GetValue<string>(), item["messageId"]!.GetValue<string>());
        Assert.Equal("[测试 TEST] 【督办单】督办〔2026〕第 12 号 人民路与解放街交叉口垃圾桶满溢", item["subject"]!.GetValue<string>());
        var shown = await ExpectAsync(await admin.GetAsync($"/api/notices/mailbox/{item["id"]}"), HttpStatusCode.OK);
        Assert.Contains("督 办 单", shown["html"]!.GetValue<string>());
        Assert.Contains("督办依据", shown["text"]!.GetValue<string>());
        var raw = await admin.GetAsync($"/api/notices/mailbox/{item["id"]}/raw");
        Assert.Equal("message/rfc822", raw.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/notices/mailbox/..%2F..%2Fappsettings")).StatusCode);

        var sent = Assert.Single(Items(await ExpectAsync(await admin.GetAsync("/api/notices/outbox?status=Sent"), HttpStatusCode.OK)))!;
        Assert.Equal(queued["id"]!.GetValue<string>(), sent["id"]!.GetValue<string>());
        await ExpectFieldErrorAsync(await admin.GetAsync("/api/notices/outbox?status=Lost"), "status");
    }

    [Fact]
    public async Task An_edit_is_a_new_version_the_preview_renders_drafts_and_errors_name_the_line()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var current = await ExpectAsync(await admin.GetAsync("/api/notices/templates/reminder"), HttpStatusCode.OK);
        Assert.Equal("催办提醒", current["name"]!.GetValue<string>());

        var preview = await ExpectAsync(await admin.PostAsJsonAsync("/api/notices/templates/reminder/preview",
            new { html = "<p>{{ data.problemDescription }}</p>", sample = new { data = new { problemDescription = "<img src=x onerror=alert(1)>" } } }), HttpStatusCode.OK);
        Assert.Equal("<p>&lt;img src=x onerror=alert(1)&gt;</p>", preview["html"]!.GetValue<string>());
        var broken = await admin.PostAsJsonAsync("/api/notices/templates/reminder/preview", new { text = "a\n{{ end }}" });
        Assert.Contains("第 2 行", (await ExpectFieldErrorAsync(broken, "text"))["errors"]!["text"]![0]!.GetValue<string>());

        var edited = await ExpectAsync(await admin.PutAsJsonAsync("/api/notices/templates/reminder",
            new { subject = "【催办】{{ data.problemNumber }}", html = current["html"], text = current["text"] }), HttpStatusCode.OK);
        Assert.Equal((current["version"]!.GetValue<int>() + 1, "editor", "催办提醒"),
            (edited["version"]!.GetValue<int>(), edited["source"]!.GetValue<string>(), edited["name"]!.GetValue<string>()));
        var versions = await ExpectAsync(await admin.GetAsync("/api/notices/templates/reminder/versions"), HttpStatusCode.OK);
        Assert.Equal(edited["version"]!.GetValue<int>(), Items(versions)[0]!["version"]!.GetValue<int>());
        var old = await ExpectAsync(await admin.GetAsync($"/api/notices/templates/reminder/versions/{current["version"]}"), HttpStatusCode.OK);
        Assert.Equal(current["subject"]!.GetValue<string>(), old["subject"]!.GetValue<string>());

        // The file is unchanged, so loading the folder again keeps the editor's version.
        Assert.DoesNotContain("reminder", await app.Services.GetRequiredService<NoticeTemplateLoader>().LoadAsync(CancellationToken.None));
        Assert.Equal(edited["version"]!.GetValue<int>(), (await ExpectAsync(await admin.GetAsync("/api/notices/templates/reminder"), HttpStatusCode.OK))["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_changed_template_file_becomes_the_next_version_and_a_broken_one_is_skipped()
    {
        var app = await server.GetAsync();
        var folder = Directory.CreateTempSubdirectory("wfh_templates_").FullName;
        try
        {
            var options = Options.Create(new NoticesOptions { TemplatesDirectory = folder });
            var loader = new NoticeTemplateLoader(app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<HubDbContext>>(),
                new NoticeRenderer(options), options, app.Services.GetRequiredService<HubPaths>(), TimeProvider.System, NullLogger<NoticeTemplateLoader>.Instance);
            var key = $"file-{Unique()}";
            var file = Path.Combine(folder, key + ".notice");
            await File.WriteAllTextAsync(file, "---\nname: 文件模板\n---\n=== subject ===\n一\n=== text ===\n正文\n");
            await File.WriteAllTextAsync(Path.Combine(folder, "broken.notice"), "---\nname: 坏\n---\n=== subject ===\n{{ if }}\n=== text ===\nx\n");
            Assert.Equal([key], await loader.LoadAsync(CancellationToken.None));
            Assert.Empty(await loader.LoadAsync(CancellationToken.None));
            await File.WriteAllTextAsync(file, "---\nname: 文件模板\n---\n=== subject ===\n二\n=== text ===\n正文\n");
            Assert.Equal([key], await loader.LoadAsync(CancellationToken.None));
            var admin = await app.AdminAsync();
            var latest = await ExpectAsync(await admin.GetAsync($"/api/notices/templates/{key}"), HttpStatusCode.OK);
            Assert.Equal((2, "二", "file"), (latest["version"]!.GetValue<int>(), latest["subject"]!.GetValue<string>(), latest["source"]!.GetValue<string>()));
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/notices/templates/broken")).StatusCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
