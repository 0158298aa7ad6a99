using System.Net;
using System.Net.Http.Json;
using WorkflowHub.Server.Tests.Api;
using static WorkflowHub.Server.Tests.Api.Api;
using static WorkflowHub.Server.Tests.Notices.NoticeKit;

namespace WorkflowHub.Server.Tests.Notices;

/// <summary>Broken templates and undeliverable notices become incidents on the instance; fixing and retrying carries on.</summary>
public abstract class NoticeIncidentTests(NoticeServer server)
{
    [SkippableFact]
    public async Task A_broken_template_stops_the_step_with_an_incident_naming_the_line_and_the_flow_continues_once_fixed_and_retried()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var g = Unique();
        var key = $"broken-{g}";
        await ExpectAsync(await admin.PutAsJsonAsync($"/api/notices/templates/{key}",
            new { name = "测试通知", subject = "测试 {{ data.title }}", text = "第一行\n第二行\n结果：{{ undefined_name }}\n" }), HttpStatusCode.OK);
        await DeployAsync(admin, Flow($"broken-{g}", Input("template", key) + Input("to", $"x-{g}@example.gov.cn")));

        var started = await StartAsync(admin, $"broken-{g}", null, new { title = "井盖" });
        var id = started["id"]!.GetValue<string>();
        var incident = Assert.Single(Items(await ExpectAsync(await admin.GetAsync($"/api/incidents?instanceId={id}"), HttpStatusCode.OK)))!;
        var message = incident["message"]!.GetValue<string>();
        Assert.True(message.Contains("text 第 3 行第 7 列：", StringComparison.Ordinal), message);
        Assert.Contains("undefined_name", message);
        Assert.Empty(await OutboxAsync(admin, id));

        var fixedVersion = await ExpectAsync(await admin.PutAsJsonAsync($"/api/notices/templates/{key}",
            new { subject = "测试 {{ data.title }}", text = "第一行\n第二行\n结果：{{ data.title }}\n" }), HttpStatusCode.OK);
        Assert.Equal(2, fixedVersion["version"]!.GetValue<int>());
        await ExpectAsync(await admin.PostAsync($"/api/incidents/{incident["id"]}/retry", null), HttpStatusCode.NoContent);

        var row = Assert.Single(await OutboxAsync(admin, id));
        Assert.Equal((2, "测试 井盖"), (row["templateVersion"]!.GetValue<int>(), row["subject"]!.GetValue<string>()));
        var tasks = Items(await ExpectAsync(await admin.GetAsync($"/api/tasks?processKey=broken-{g}"), HttpStatusCode.OK));
        Assert.Equal("fix", Assert.Single(tasks)!["elementId"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task A_template_that_does_not_parse_is_refused_naming_the_part_line_and_column()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var response = await admin.PutAsJsonAsync($"/api/notices/templates/bad-{Unique()}",
            new { name = "坏模板", subject = "主题", html = "<p>\n{{ for x in }}</p>", text = "正文" });
        var problem = await ExpectFieldErrorAsync(response, "html");
        Assert.Contains("html 第 2 行", problem["errors"]!["html"]![0]!.GetValue<string>());
        Assert.Equal(2, problem["problems"]![0]!["line"]!.GetValue<int>());
        await ExpectFieldErrorAsync(await admin.PutAsJsonAsync("/api/notices/templates/Bad Key", new { name = "x", subject = "s", text = "t" }), "key");
        await ExpectFieldErrorAsync(await admin.PutAsJsonAsync($"/api/notices/templates/t-{Unique()}", new { name = "x", subject = "s" }), "text");
    }

    [SkippableFact]
    public async Task After_the_last_retry_a_notice_fails_with_an_incident_and_retrying_the_incident_or_resending_delivers_it()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        await app.DeliverAsync();
        var g = Unique();
        await DeployAsync(admin, Flow($"refused-{g}", Input("template", "reminder") + Input("to", $"y-{g}@example.gov.cn")));
        var first = (await StartAsync(admin, $"refused-{g}", null, new { problemNumber = "WM-3" }))["id"]!.GetValue<string>();
        var second = (await StartAsync(admin, $"refused-{g}", null, new { problemNumber = "WM-4" }))["id"]!.GetValue<string>();

        server.Smtp.Refuse = true;
        try
        {
            await app.DeliverAsync();
            var waiting = Assert.Single(await OutboxAsync(admin, first));
            Assert.Equal(("Pending", 1), (waiting["status"]!.GetValue<string>(), waiting["attempts"]!.GetValue<int>()));
            Assert.Contains("refused by the test", waiting["lastError"]!.GetValue<string>());
            await app.DeliverAsync(); // not due again before the retry delay
            Assert.Equal(1, Assert.Single(await OutboxAsync(admin, first))["attempts"]!.GetValue<int>());
            app.Advance(TimeSpan.FromMinutes(2));
            await app.DeliverAsync();
        }
        finally
        {
            server.Smtp.Refuse = false;
        }

        foreach (var instance in new[] { first, second })
        {
            var failed = Assert.Single(await OutboxAsync(admin, instance));
            Assert.Equal(("Failed", 2), (failed["status"]!.GetValue<string>(), failed["attempts"]!.GetValue<int>()));
            var incident = Assert.Single(Items(await ExpectAsync(await admin.GetAsync($"/api/incidents?instanceId={instance}"), HttpStatusCode.OK)))!;
            Assert.Equal(("notice", failed["incidentId"]!.GetValue<string>()), (incident["kind"]!.GetValue<string>(), incident["id"]!.GetValue<string>()));
            Assert.Contains(failed.Id(), incident["message"]!.GetValue<string>());
        }

        // The first by retrying its incident (the operators' usual way), the second by resending the row.
        var firstRow = Assert.Single(await OutboxAsync(admin, first));
        await ExpectAsync(await admin.PostAsync($"/api/incidents/{firstRow["incidentId"]}/retry", null), HttpStatusCode.NoContent);
        var secondRow = Assert.Single(await OutboxAsync(admin, second));
        await ExpectAsync(await admin.PostAsync($"/api/notices/outbox/{secondRow.Id()}/resend", null), HttpStatusCode.OK);
        await ExpectAsync(await admin.PostAsync($"/api/notices/outbox/{secondRow.Id()}/resend", null), HttpStatusCode.Conflict);
        await app.DeliverAsync();

        foreach (var (instance, row) in new[] { (first, firstRow), (second, secondRow) })
        {
            Assert.Equal("Sent", Assert.Single(await OutboxAsync(admin, instance))["status"]!.GetValue<string>());
            Assert.Single(server.Smtp.Messages, m => m.MessageId == row.Id());
            Assert.Empty(Items(await ExpectAsync(await admin.GetAsync($"/api/incidents?instanceId={instance}"), HttpStatusCode.OK)));
        }
    }

    [SkippableFact]
    public async Task Only_administrators_change_templates_or_resend_and_staff_read_nothing()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var (staff, _, _) = await app.UserAsync(admin, "staff", ["Staff"]);
        var (dispatcher, _, _) = await app.UserAsync(admin, "disp", ["Dispatcher"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/api/notices/outbox")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/api/notices/templates")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await dispatcher.GetAsync("/api/notices/templates/assignment")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dispatcher.PutAsJsonAsync("/api/notices/templates/assignment", new { subject = "x", text = "y" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dispatcher.GetAsync("/api/notices/mailbox")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dispatcher.PostAsync("/api/notices/outbox/x/resend", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/notices/outbox")).StatusCode);
    }
}

public sealed class NoticeIncidentTests_Sqlite(SqliteNoticeServer server) : NoticeIncidentTests(server), IClassFixture<SqliteNoticeServer>;

public sealed class NoticeIncidentTests_Postgres(PostgresNoticeServer server) : NoticeIncidentTests(server), IClassFixture<PostgresNoticeServer>;
