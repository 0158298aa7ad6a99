using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static WorkflowHub.Server.Tests.Api.Api;

namespace WorkflowHub.Server.Tests.Api;

/// <summary>The administration pages' server side: user search and groups, bulk retry, jobs, the system page, definitions' counts and start form, webhook test deliveries.</summary>
public abstract class AdministrationTests(ApiServer server)
{
    [SkippableFact]
    public async Task Users_are_found_by_a_part_of_their_names_and_their_groups_are_set_with_them()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await EnsureGroupAsync(admin, "east" + suffix);
        await EnsureGroupAsync(admin, "west" + suffix);
        await ExpectFieldErrorAsync(await admin.PostAsJsonAsync("/api/users", new { userName = "nobody" + suffix, password = UserPassword, groups = new[] { "none" + suffix } }), "groups[0]");
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonObject>($"/api/users?q=nobody{suffix}"))!["total"]!.GetValue<int>());

        var created = await ExpectAsync(await admin.PostAsJsonAsync("/api/users", new
        {
            userName = "Zhang" + suffix, password = UserPassword, displayName = "张三" + suffix, email = $"zhang{suffix}@example.cn", groups = new[] { "east" + suffix },
        }), HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        Assert.Equal(["east" + suffix], created["groups"]!.AsArray().Select(g => g!.GetValue<string>()));

        // Case-blind on user names and addresses, a part of the display name.
        foreach (var q in new[] { "zhang" + suffix.ToUpperInvariant(), "张三" + suffix, $"ZHANG{suffix}@EXAMPLE" })
        {
            var found = await admin.GetFromJsonAsync<JsonObject>($"/api/users?q={Uri.EscapeDataString(q)}");
            Assert.Equal(id, Assert.Single(Items(found!))!["id"]!.GetValue<string>());
        }

        await ExpectFieldErrorAsync(await admin.PutAsJsonAsync($"/api/users/{id}", new { groups = new[] { "west" + suffix, "none" + suffix } }), "groups[1]");
        var updated = await ExpectAsync(await admin.PutAsJsonAsync($"/api/users/{id}", new { groups = new[] { "west" + suffix } }), HttpStatusCode.OK);
        Assert.Equal(["west" + suffix], updated["groups"]!.AsArray().Select(g => g!.GetValue<string>()));
        var groups = Items((await admin.GetFromJsonAsync<JsonObject>("/api/groups?pageSize=200"))!);
        Assert.Empty(groups.Single(g => g!["id"]!.GetValue<string>() == "east" + suffix)!["members"]!.AsArray());
        Assert.Single(groups.Single(g => g!["id"]!.GetValue<string>() == "west" + suffix)!["members"]!.AsArray());
    }

    [SkippableFact]
    public async Task A_group_named_by_open_tasks_is_not_deleted_from_the_organisation_editor_and_the_refusal_counts_them()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var group = "busy" + Guid.NewGuid().ToString("N")[..6];
        await ExpectAsync(await admin.PostAsJsonAsync("/api/organisation/groups", new { id = group, name = "忙碌组", kind = "Functional" }), HttpStatusCode.Created);
        var key = "grouptask" + group;
        await DeployAsync(admin, GroupTask(key, group));
        var first = (await StartAsync(admin, key))["id"]!.GetValue<string>();
        var second = (await StartAsync(admin, key))["id"]!.GetValue<string>();

        var refused = await ExpectAsync(await admin.DeleteAsync($"/api/organisation/groups/{group}"), HttpStatusCode.Conflict);
        Assert.Contains("2 个未完成的任务", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        foreach (var instance in new[] { first, second })
        {
            await ExpectAsync(await admin.PostAsJsonAsync($"/api/instances/{instance}/cancel", new { reason = "测试结束" }), HttpStatusCode.NoContent);
        }
        await ExpectAsync(await admin.DeleteAsync($"/api/organisation/groups/{group}"), HttpStatusCode.NoContent);
    }

    [SkippableFact]
    public async Task Bulk_retry_moves_every_fixed_instance_on_records_who_retried_and_reports_each_failure()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var key = "bulk" + Guid.NewGuid().ToString("N")[..6];
        await DeployAsync(admin, Process(key, """
            <bpmn:startEvent id="s"/><bpmn:userTask id="fix" camunda:assignee="${owner}"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "fix", "e")));
        var instances = new List<string>();
        var incidents = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var instance = (await StartAsync(admin, key))["id"]!.GetValue<string>();
            instances.Add(instance);
            incidents.Add(Assert.Single(Items(await ExpectAsync(await admin.GetAsync($"/api/incidents?instanceId={instance}"), HttpStatusCode.OK)))!["id"]!.GetValue<string>());
            await ExpectAsync(await admin.PatchAsJsonAsync($"/api/instances/{instance}/variables", new { variables = new { owner = "admin" } }), HttpStatusCode.NoContent);
        }

        var staff = await app.UserAsync(admin, "bulkstaff", ["Supervisor"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.PostAsJsonAsync("/api/incidents/retry", new { incidentIds = incidents })).StatusCode);
        await ExpectFieldErrorAsync(await admin.PostAsJsonAsync("/api/incidents/retry", new { incidentIds = Array.Empty<string>() }), "incidentIds");
        await ExpectFieldErrorAsync(await admin.PostAsJsonAsync("/api/incidents/retry", new { incidentIds = Enumerable.Range(0, 201).Select(i => $"x{i}") }), "incidentIds");

        var answer = await ExpectAsync(await admin.PostAsJsonAsync("/api/incidents/retry", new { incidentIds = incidents.Append("no-such-incident") }), HttpStatusCode.OK);
        Assert.Equal(2, answer["retried"]!.GetValue<int>());
        Assert.Equal(1, answer["failed"]!.GetValue<int>());
        var failed = answer["outcomes"]!.AsArray().Single(o => !o!["retried"]!.GetValue<bool>())!;
        Assert.Equal("no-such-incident", failed["incidentId"]!.GetValue<string>());
        Assert.Equal(404, failed["status"]!.GetValue<int>());
        Assert.Contains("no-such-incident", failed["error"]!.GetValue<string>(), StringComparison.Ordinal);

        foreach (var instance in instances)
        {
            Assert.Empty(Items(await ExpectAsync(await admin.GetAsync($"/api/incidents?instanceId={instance}"), HttpStatusCode.OK)));
            var history = Items((await admin.GetFromJsonAsync<JsonObject>($"/api/instances/{instance}/history?pageSize=200"))!);
            Assert.Contains(history, e => e!["type"]!.GetValue<string>() == "incident.resolved" && e["actor"]?.GetValue<string>() == "admin");
        }
        Assert.Equal(2, Items((await admin.GetFromJsonAsync<JsonObject>($"/api/tasks?processKey={key}"))!).Count);

        // Retrying a resolved incident again is a per-incident 409, not a failed request.
        var again = await ExpectAsync(await admin.PostAsJsonAsync("/api/incidents/retry", new { incidentIds = incidents.Take(1) }), HttpStatusCode.OK);
        Assert.Equal(409, again["outcomes"]![0]!["status"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task Jobs_across_instances_list_the_due_ones_and_the_system_page_shows_the_simulation_clock()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var key = "jobs" + Guid.NewGuid().ToString("N")[..6];
        await DeployAsync(admin, Process(key, """
            <bpmn:startEvent id="s"/>
            <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "wait", "e")));
        var instance = (await StartAsync(admin, key, "JOB-1"))["id"]!.GetValue<string>();

        var all = Items((await admin.GetFromJsonAsync<JsonObject>("/api/admin/jobs?state=All&pageSize=200"))!);
        var job = all.Single(j => j!["instanceId"]?.GetValue<string>() == instance)!;
        Assert.Equal(key, job["processKey"]!.GetValue<string>());
        Assert.Equal("JOB-1", job["businessKey"]!.GetValue<string>());
        Assert.Equal("wait", job["elementId"]!.GetValue<string>());
        // Not due yet: the due list leaves it out.
        Assert.DoesNotContain(Items((await admin.GetFromJsonAsync<JsonObject>("/api/admin/jobs?state=Due&pageSize=200"))!), j => j!["instanceId"]?.GetValue<string>() == instance);
        await ExpectFieldErrorAsync(await admin.GetAsync("/api/admin/jobs?state=sometimes"), "state");

        var system = await ExpectAsync(await admin.GetAsync("/api/admin/system"), HttpStatusCode.OK);
        Assert.True(system["clock"]!["simulated"]!.GetValue<bool>());
        Assert.False(string.IsNullOrEmpty(system["version"]!.GetValue<string>()));
        Assert.Contains(system["databaseProvider"]!.GetValue<string>(), new[] { "Sqlite", "Postgres" });
        Assert.DoesNotContain("Password", system.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.True(system["counts"]!["runningInstances"]!.GetValue<int>() >= 1);

        var leader = await app.UserAsync(admin, "sysleader", ["Leader"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.Client.GetAsync("/api/admin/system")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.Client.GetAsync("/api/admin/jobs")).StatusCode);
    }

    [SkippableFact]
    public async Task Definitions_count_instances_per_version_and_offer_the_start_events_form_fields()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var key = "counts" + Guid.NewGuid().ToString("N")[..6];
        string Flow(string taskName) => Process(key, $"""
            <bpmn:startEvent id="s" name="登记"><bpmn:extensionElements><camunda:formData>
              <camunda:formField id="address" label="地址" type="string"><camunda:validation><camunda:constraint name="required"/></camunda:validation></camunda:formField>
              <camunda:formField id="urgent" label="紧急" type="boolean" defaultValue="false"/>
            </camunda:formData></bpmn:extensionElements></bpmn:startEvent>
            <bpmn:userTask id="t" name="{taskName}" camunda:assignee="admin"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "t", "e"));
        await DeployAsync(admin, Flow("one"));
        await StartAsync(admin, key);
        var done = (await StartAsync(admin, key))["id"]!.GetValue<string>();
        var task = Items((await admin.GetFromJsonAsync<JsonObject>($"/api/tasks?processKey={key}"))!).First(t => t!["instanceId"]!.GetValue<string>() == done)!;
        await ExpectAsync(await admin.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new { variables = new { } }), HttpStatusCode.OK);
        await DeployAsync(admin, Flow("two"));
        await StartAsync(admin, key);

        var counts = Items((await admin.GetFromJsonAsync<JsonObject>($"/api/definitions/instance-counts?key={key}"))!);
        Assert.Equal(2, counts.Count);
        var v1 = counts.Single(c => c!["version"]!.GetValue<int>() == 1)!;
        Assert.Equal((1, 1), (v1["running"]!.GetValue<int>(), v1["completed"]!.GetValue<int>()));
        var v2 = counts.Single(c => c!["version"]!.GetValue<int>() == 2)!;
        Assert.Equal((1, 0), (v2["running"]!.GetValue<int>(), v2["completed"]!.GetValue<int>()));

        var form = await ExpectAsync(await admin.GetAsync($"/api/definitions/{key}/start-form"), HttpStatusCode.OK);
        Assert.Equal(2, form["version"]!.GetValue<int>());
        Assert.Equal("s", form["startEventId"]!.GetValue<string>());
        var fields = form["fields"]!.AsArray();
        Assert.Equal(["address", "urgent"], fields.Select(f => f!["id"]!.GetValue<string>()));
        Assert.True(fields[0]!["required"]!.GetValue<bool>());
        Assert.Equal("boolean", fields[1]!["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/definitions/{key}/start-form?version=9")).StatusCode);
        var staff = await app.UserAsync(admin, "countstaff", ["Staff"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.GetAsync($"/api/definitions/instance-counts")).StatusCode);
    }

    [SkippableFact]
    public async Task A_test_delivery_is_signed_received_correlated_and_logged_with_its_payload()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var processKey = "testhook" + suffix;
        await DeployAsync(admin, Process(processKey, """
            <bpmn:startEvent id="in"><bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent>
            <bpmn:userTask id="t" camunda:candidateGroups="dispatch"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "in", "t", "e"), $"""<bpmn:message id="m" name="Ping{suffix}"/>"""));
        var hook = "ping-" + suffix;
        await ExpectAsync(await admin.PostAsJsonAsync("/api/webhooks", new { key = hook, messageName = "Ping" + suffix, businessKeyVariable = "/ticket" }), HttpStatusCode.Created);

        var answer = await ExpectAsync(await admin.PostAsJsonAsync($"/api/webhooks/{hook}/test", new { payload = new { ticket = "T-" + suffix, note = "测试" } }), HttpStatusCode.OK);
        Assert.Equal(202, answer["status"]!.GetValue<int>());
        var instanceId = answer["instanceId"]!.GetValue<string>();
        Assert.Equal("T-" + suffix, answer["businessKey"]!.GetValue<string>());
        var instance = await ExpectAsync(await admin.GetAsync($"/api/instances/{instanceId}"), HttpStatusCode.OK);
        Assert.Equal(processKey, instance["summary"]!["processKey"]!.GetValue<string>());

        // A payload without the business key: refused by the receiver, and the refusal is logged too.
        var refused = await ExpectAsync(await admin.PostAsJsonAsync($"/api/webhooks/{hook}/test", new { }), HttpStatusCode.OK);
        Assert.Equal(400, refused["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(refused["error"]!.GetValue<string>()));

        var log = Items((await admin.GetFromJsonAsync<JsonObject>($"/api/webhooks/{hook}/deliveries"))!);
        Assert.Equal(2, log.Count);
        Assert.All(log, d => Assert.True(d!["test"]!.GetValue<bool>()));
        Assert.Equal(400, log[0]!["status"]!.GetValue<int>());
        Assert.Contains("\"test\":true", log[0]!["payload"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(202, log[1]!["status"]!.GetValue<int>());
        Assert.Equal(instanceId, log[1]!["instanceId"]!.GetValue<string>());
        Assert.Contains("测试", log[1]!["payload"]!.GetValue<string>(), StringComparison.Ordinal);

        // The signature is checked: after a rotation the stored (new) secret still signs it.
        await ExpectAsync(await admin.PostAsync($"/api/webhooks/{hook}/secret", null), HttpStatusCode.OK);
        var rotated = await ExpectAsync(await admin.PostAsJsonAsync($"/api/webhooks/{hook}/test", new { payload = new { ticket = "T2-" + suffix } }), HttpStatusCode.OK);
        Assert.Equal(202, rotated["status"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync("/api/webhooks/none/test", new { })).StatusCode);
    }
}

public sealed class AdministrationTests_Sqlite(SqliteApiServer server) : AdministrationTests(server), IClassFixture<SqliteApiServer>;

public sealed class AdministrationTests_Postgres(PostgresApiServer server) : AdministrationTests(server), IClassFixture<PostgresApiServer>;
