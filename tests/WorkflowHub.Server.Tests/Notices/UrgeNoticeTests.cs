using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static WorkflowHub.Server.Tests.Api.Api;
using static WorkflowHub.Server.Tests.Notices.NoticeKit;

namespace WorkflowHub.Server.Tests.Notices;

/// <summary>催办 mails whoever holds the task now through the notice outbox, in the urge's step, and keeps the count.</summary>
public abstract class UrgeNoticeTests(NoticeServer server)
{
    [SkippableFact]
    public async Task An_urge_mails_the_candidate_groups_members_then_the_assignee_once_claimed()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var g = Unique();
        var group = $"urge-{g}";
        var zhang = await UserWithMailAsync(admin, "zs", "张三", $"zhangsan-{g}@example.gov.cn", group);
        await UserWithMailAsync(admin, "ls", "李四", $"lisi-{g}@example.gov.cn", group);
        await UserWithMailAsync(admin, "nomail", "王五", "", group); // reached in-app only
        var key = $"urge-{g}";
        await DeployAsync(admin, Process(key, $"""
            <bpmn:startEvent id="s"/><bpmn:userTask id="fix" name="整改落实" camunda:candidateGroups="{group}" camunda:dueDate="P2D"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "fix", "e")));
        var instance = (await StartAsync(admin, key, $"WH-{g}", new { location = "人民路<东段>" }))["id"]!.GetValue<string>();
        var task = Assert.Single(Items(await ExpectAsync(await admin.GetAsync($"/api/tasks?processKey={key}"), HttpStatusCode.OK)))!["id"]!.GetValue<string>();

        var first = await ExpectAsync(await admin.PostAsJsonAsync($"/api/tasks/{task}/urge", new { reason = "群众再次来电<反映>" }), HttpStatusCode.OK);
        Assert.Equal(1, first["urgeCount"]!.GetValue<int>());

        // Written in the urge's step, one row per reachable member; nothing is sent until the sender runs.
        var rows = (await OutboxAsync(admin, instance)).Where(r => r["templateKey"]?.GetValue<string>() == "task-urge").ToList();
        Assert.Equal([$"lisi-{g}@example.gov.cn", $"zhangsan-{g}@example.gov.cn"], rows.Select(r => r["recipient"]!.GetValue<string>()).Order());
        Assert.All(rows, r => Assert.Equal("Pending", r["status"]!.GetValue<string>()));

        await app.DeliverAsync();
        var mail = Assert.Single(server.Smtp.Received, r => r.Recipients[0] == $"zhangsan-{g}@example.gov.cn").Message;
        Assert.Equal($"【催办】整改落实 WH-{g}", mail.Subject);
        Assert.Contains("张三：", mail.TextBody);
        Assert.Contains("催办意见：群众再次来电<反映>", mail.TextBody);
        Assert.Contains("群众再次来电&lt;反映&gt;", mail.HtmlBody);
        Assert.Contains($"{NoticeServer.PublicBaseUrl}/tasks/{task}", mail.TextBody);

        // Claimed: the next urge goes to the assignee alone, and says it is the second.
        var zhangClient = await app.LoginAsync(zhang, UserPassword);
        await ExpectAsync(await zhangClient.PostAsync($"/api/tasks/{task}/claim", null), HttpStatusCode.OK);
        var second = await ExpectAsync(await admin.PostAsJsonAsync($"/api/tasks/{task}/urge", new { reason = "今天办结" }), HttpStatusCode.OK);
        Assert.Equal(2, second["urgeCount"]!.GetValue<int>());
        var latest = (await OutboxAsync(admin, instance)).Where(r => r["templateKey"]?.GetValue<string>() == "task-urge").Except(rows, new SameRow()).ToList();
        Assert.Equal($"zhangsan-{g}@example.gov.cn", Assert.Single(latest)["recipient"]!.GetValue<string>());
        await app.DeliverAsync();
        var again = Assert.Single(server.Smtp.Received, r => r.Message.MessageId == latest[0].Id()).Message;
        Assert.Contains("第 2 次", again.TextBody);
        Assert.Contains("今天办结", again.TextBody);
    }

    private sealed class SameRow : IEqualityComparer<JsonObject>
    {
        public bool Equals(JsonObject? x, JsonObject? y) => x?.Id() == y?.Id();

        public int GetHashCode(JsonObject obj) => obj.Id().GetHashCode(StringComparison.Ordinal);
    }
}

public sealed class UrgeNoticeTests_Sqlite(SqliteNoticeServer server) : UrgeNoticeTests(server), Xunit.IClassFixture<SqliteNoticeServer>;

public sealed class UrgeNoticeTests_Postgres(PostgresNoticeServer server) : UrgeNoticeTests(server), Xunit.IClassFixture<PostgresNoticeServer>;
