using System.Net;
using System.Net.Http.Json;
using WorkflowHub.Server.Tests.Api;
using static WorkflowHub.Server.Tests.Api.Api;
using static WorkflowHub.Server.Tests.Notices.NoticeKit;

namespace WorkflowHub.Server.Tests.Notices;

/// <summary>Who reads the outbox (发件记录): leaders the notices of their groups' instances only, staff none, administrators all.</summary>
public abstract class NoticeOutboxScopeTests(NoticeServer server)
{
    [SkippableFact]
    public async Task Leaders_read_only_the_notices_of_their_groups_instances_and_staff_none()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var g = Unique();
        var template = $"scope-{g}";
        await ExpectAsync(await admin.PutAsJsonAsync($"/api/notices/templates/{template}",
            new { name = "范围通知", subject = "通知 {{ instance.businessKey }}", text = "请处理。" }), HttpStatusCode.OK);
        var east = $"east-{g}";
        var west = $"west-{g}";
        string Sent(string key, string group) => Flow(key, Input("template", template) + Input("to", $"{key}@example.gov.cn")).Replace("nobody", group, StringComparison.Ordinal);
        await DeployAsync(admin, Sent(east, east));
        await DeployAsync(admin, Sent(west, west));
        var eastInstance = (await StartAsync(admin, east, "E-1"))["id"]!.GetValue<string>();
        var westInstance = (await StartAsync(admin, west, "W-1"))["id"]!.GetValue<string>();
        var eastNotice = Assert.Single(await OutboxAsync(admin, eastInstance)).Id();
        var westNotice = Assert.Single(await OutboxAsync(admin, westInstance)).Id();

        var (leader, _, _) = await app.UserAsync(admin, "lead-out", ["Leader"], east);
        var (staff, _, _) = await app.UserAsync(admin, "staff-out", ["Staff"], east);

        var listed = Items(await ExpectAsync(await leader.GetAsync("/api/notices/outbox?pageSize=200"), HttpStatusCode.OK))
            .Select(n => n!["id"]!.GetValue<string>()).ToList();
        Assert.Contains(eastNotice, listed);
        Assert.DoesNotContain(westNotice, listed);
        var filtered = await ExpectAsync(await leader.GetAsync($"/api/notices/outbox?instanceId={westInstance}"), HttpStatusCode.OK);
        Assert.Equal(0, filtered["total"]!.GetValue<int>());
        await ExpectAsync(await leader.GetAsync($"/api/notices/outbox/{eastNotice}"), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/api/notices/outbox/{westNotice}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsync($"/api/notices/outbox/{eastNotice}/resend", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/api/notices/outbox")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/api/notices/outbox/{eastNotice}")).StatusCode);

        await ExpectAsync(await admin.GetAsync($"/api/notices/outbox/{westNotice}"), HttpStatusCode.OK);
    }
}

public sealed class NoticeOutboxScopeTests_Sqlite(SqliteNoticeServer server) : NoticeOutboxScopeTests(server), IClassFixture<SqliteNoticeServer>;

public sealed class NoticeOutboxScopeTests_Postgres(PostgresNoticeServer server) : NoticeOutboxScopeTests(server), IClassFixture<PostgresNoticeServer>;
