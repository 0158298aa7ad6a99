using System.Net;
using System.Net.Http.Json;
using WorkflowHub.Server.Tests.Api;
using static WorkflowHub.Server.Tests.Api.Api;
using static WorkflowHub.Server.Tests.Notices.NoticeKit;

namespace WorkflowHub.Server.Tests.Notices;

/// <summary>
/// The escalation ladder's recipients: head:GROUP (单位负责人) and leaders:GROUP (包联领导), and head:* / leaders:* for
/// the groups of the task the notice is about, resolved to the people's addresses from the organisation tables.
/// </summary>
public abstract class NoticeOrganisationRecipientTests(NoticeServer server)
{
    [SkippableFact]
    public async Task A_ladder_step_reaches_the_head_of_the_tasks_group_and_the_leaders_linked_to_its_areas()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var g = Unique();
        var (group, street, community) = ($"area-{g}", $"S{g}", $"C{g}");
        var head = await UserWithMailAsync(admin, "head", "片长", $"head-{g}@example.gov.cn");
        var member = await UserWithMailAsync(admin, "member", "组员", $"member-{g}@example.gov.cn");
        var streetLeader = await UserWithMailAsync(admin, "lead1", "街道包联领导", $"lead1-{g}@example.gov.cn");
        var communityLeader = await UserWithMailAsync(admin, "lead2", "社区包联领导", $"lead2-{g}@example.gov.cn");
        var elsewhere = await UserWithMailAsync(admin, "lead3", "别处领导", $"lead3-{g}@example.gov.cn");
        var template = $"ladder-{g}";
        await ExpectAsync(await admin.PutAsJsonAsync($"/api/notices/templates/{template}",
            new { name = "超期督办", subject = "超期督办", text = "{{ recipient.name }}：待办已超期。\n" }), HttpStatusCode.OK);
        await Org(admin, "groups", new { id = group, name = $"片区组{g}", kind = "Area", head, members = new[] { member } });
        await Org(admin, "groups", new { id = $"other-{g}", name = $"别的组{g}", kind = "Area" });
        await Org(admin, "areas", new { code = $"D{g}", name = $"区{g}", level = "District" });
        await Org(admin, "areas", new { code = street, name = $"街道{g}", level = "Street", parent = $"D{g}", areaGroup = group });
        // The community has no group of its own: it inherits the street's, so its leader is the group's too.
        await Org(admin, "areas", new { code = community, name = $"社区{g}", level = "Community", parent = street });
        await Org(admin, "areas", new { code = $"X{g}", name = $"别处{g}", level = "Street", parent = $"D{g}", areaGroup = $"other-{g}" });
        await Org(admin, "leader-links", new { leader = streetLeader, kind = "Street", target = $"街道{g}", area = street });
        await Org(admin, "leader-links", new { leader = communityLeader, kind = "Community", target = $"社区{g}", area = community });
        await Org(admin, "leader-links", new { leader = elsewhere, kind = "Street", target = $"别处{g}", area = $"X{g}" });

        // What the ladder editor writes: a non-interrupting timer on the task → a send task to head:* with leaders:* in cc.
        await DeployAsync(admin, Process($"ladder-{g}", $"""
            <bpmn:startEvent id="s"/>
            <bpmn:userTask id="fix" name="整改落实" camunda:candidateGroups="{group}"/>
            <bpmn:boundaryEvent id="late" attachedToRef="fix" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:sendTask id="escalate" camunda:type="external" camunda:topic="notice">
              <bpmn:extensionElements><camunda:inputOutput>{Input("template", template) + Input("to", "head:*") + Input("cc", "leaders:*")}</camunda:inputOutput></bpmn:extensionElements>
            </bpmn:sendTask>
            <bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
            """ + Chain("f", "s", "fix", "e") + Chain("g", "late", "escalate", "e2")));
        var id = (await StartAsync(admin, $"ladder-{g}", $"LADDER-{g}"))["id"]!.GetValue<string>();
        Assert.Empty(await OutboxAsync(admin, id));
        await ExpectAsync(await admin.PostAsJsonAsync("/api/dev/clock/advance", new { duration = "PT2H" }), HttpStatusCode.OK);

        var rows = await OutboxAsync(admin, id);
        Assert.Equal(
            [($"head-{g}@example.gov.cn", false), ($"lead1-{g}@example.gov.cn", true), ($"lead2-{g}@example.gov.cn", true)],
            rows.Select(r => (r["recipient"]!.GetValue<string>(), r["cc"]!.GetValue<bool>())).OrderBy(r => r.Item1, StringComparer.Ordinal));

        // Named groups work without a task; a group without a head is an incident that says so.
        await DeployAsync(admin, Flow($"named-{g}", Input("template", template) + Input("to", $"head:{group}, leaders:{group}")));
        var named = (await StartAsync(admin, $"named-{g}"))["id"]!.GetValue<string>();
        Assert.Equal(3, (await OutboxAsync(admin, named)).Count);
        await DeployAsync(admin, Flow($"headless-{g}", Input("template", template) + Input("to", $"head:other-{g}")));
        var headless = (await StartAsync(admin, $"headless-{g}"))["id"]!.GetValue<string>();
        var incident = Assert.Single(Items(await ExpectAsync(await admin.GetAsync($"/api/incidents?instanceId={headless}"), HttpStatusCode.OK)))!;
        Assert.Contains($"（other-{g}）没有负责人", incident["message"]!.GetValue<string>());
    }

    private static async Task Org(HttpClient admin, string table, object row) =>
        await ExpectAsync(await admin.PostAsJsonAsync($"/api/organisation/{table}", row), HttpStatusCode.Created);
}

public sealed class NoticeOrganisationRecipientTests_Sqlite(SqliteNoticeServer server) : NoticeOrganisationRecipientTests(server), IClassFixture<SqliteNoticeServer>;

public sealed class NoticeOrganisationRecipientTests_Postgres(PostgresNoticeServer server) : NoticeOrganisationRecipientTests(server), IClassFixture<PostgresNoticeServer>;
