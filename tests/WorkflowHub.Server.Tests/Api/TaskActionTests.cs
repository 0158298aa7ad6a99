using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WorkflowHub.Server.Tests.Support;
using static WorkflowHub.Server.Tests.Api.Api;

namespace WorkflowHub.Server.Tests.Api;

/// <summary>The Chinese task actions (通过/不通过, 退回, 转办, 委派, 加签/减签, 抄送, 撤回, 催办, 延期申请), checked through the API.</summary>
public abstract class TaskActionTests(ApiServer server)
{
    /// <summary>dispatch → handle (due in 4 h, a non-interrupting 4 h timer that opens "escalate") → verify → end.</summary>
    private static string Chain3(string key) => Process(key, """
        <bpmn:startEvent id="s"/>
        <bpmn:userTask id="dispatch" name="派遣" camunda:assignee="${dispatcher}"/>
        <bpmn:userTask id="handle" name="处置" camunda:assignee="${handler}" camunda:dueDate="PT4H"/>
        <bpmn:boundaryEvent id="late" attachedToRef="handle" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>PT4H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
        <bpmn:userTask id="escalate" name="督办" camunda:candidateGroups="Supervisor"/>
        <bpmn:endEvent id="le"/>
        <bpmn:userTask id="verify" name="核查" camunda:assignee="${verifier}"/>
        <bpmn:endEvent id="e"/>
        <bpmn:sequenceFlow id="l1" sourceRef="late" targetRef="escalate"/><bpmn:sequenceFlow id="l2" sourceRef="escalate" targetRef="le"/>
        """ + Chain("f", "s", "dispatch", "handle", "verify", "e"));

    private sealed record World(HttpClient Admin, (HttpClient C, string N) Dispatcher, (HttpClient C, string N) Handler, (HttpClient C, string N) Verifier, string Key);

    private async Task<World> WorldAsync()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var key = "act" + Guid.NewGuid().ToString("N")[..8];
        await DeployAsync(admin, Chain3(key));
        var d = await app.UserAsync(admin, "disp", ["Dispatcher"]);
        var h = await app.UserAsync(admin, "hand", ["Staff"]);
        var v = await app.UserAsync(admin, "veri", ["Staff"]);
        return new World(admin, (d.Client, d.UserName), (h.Client, h.UserName), (v.Client, v.UserName), key);
    }

    private static async Task<string> StartAtHandleAsync(World w)
    {
        var started = await StartAsync(w.Admin, w.Key, "BK-" + Guid.NewGuid().ToString("N")[..6],
            new { dispatcher = w.Dispatcher.N, handler = w.Handler.N, verifier = w.Verifier.N });
        var instance = started["id"]!.GetValue<string>();
        var dispatch = await OpenTaskAsync(w.Admin, instance, "dispatch");
        await ExpectAsync(await w.Dispatcher.C.PostAsJsonAsync($"/api/tasks/{dispatch}/approve", new { opinion = "派往片区" }), HttpStatusCode.NoContent);
        return instance;
    }

    private static async Task<string> OpenTaskAsync(HttpClient admin, string instance, string element)
    {
        var page = await ExpectAsync(await admin.GetAsync($"/api/tasks?pageSize=200"), HttpStatusCode.OK);
        return Items(page).Single(t => t!["instanceId"]!.GetValue<string>() == instance && t["elementId"]!.GetValue<string>() == element)!["id"]!.GetValue<string>();
    }

    private static async Task<JsonArray> OpenTasksAsync(HttpClient admin, string instance) =>
        new(Items(await ExpectAsync(await admin.GetAsync("/api/tasks?pageSize=200"), HttpStatusCode.OK))
            .Where(t => t!["instanceId"]!.GetValue<string>() == instance).Select(t => t!.DeepClone()).ToArray());

    private static async Task<JsonArray> HistoryAsync(HttpClient admin, string instance) =>
        (await admin.GetFromJsonAsync<JsonObject>($"/api/instances/{instance}/history?pageSize=200"))!["items"]!.AsArray();

    [SkippableFact]
    public async Task Approve_needs_an_opinion_and_sets_the_outcome_and_the_record()
    {
        var w = await WorldAsync();
        var instance = await StartAtHandleAsync(w);
        var handle = await OpenTaskAsync(w.Admin, instance, "handle");
        await ExpectFieldErrorAsync(await w.Handler.C.PostAsJsonAsync($"/api/tasks/{handle}/reject", new { opinion = " " }), "opinion");
        await ExpectAsync(await w.Handler.C.PostAsJsonAsync($"/api/tasks/{handle}/reject", new { opinion = "现场未整改" }), HttpStatusCode.NoContent);
        var detail = await ExpectAsync(await w.Admin.GetAsync($"/api/instances/{instance}"), HttpStatusCode.OK);
        Assert.Equal("rejected", detail["variables"]!["outcome"]!.GetValue<string>());
        Assert.False(detail["variables"]!["approved"]!.GetValue<bool>());
        var verify = await OpenTaskAsync(w.Admin, instance, "verify");
        var record = await w.Verifier.C.GetItemsAsync($"/api/tasks/{verify}/comments");
        Assert.Contains(record!, c => c!["kind"]!.GetValue<string>() == "Reject" && c["message"]!.GetValue<string>() == "现场未整改");
    }

    [SkippableFact]
    public async Task Transfer_hands_the_task_over_and_keeps_the_owner()
    {
        var w = await WorldAsync();
        var instance = await StartAtHandleAsync(w);
        var handle = await OpenTaskAsync(w.Admin, instance, "handle");
        await ExpectFieldErrorAsync(await w.Handler.C.PostAsJsonAsync($"/api/tasks/{handle}/transfer", new { userId = w.Verifier.N }), "reason");
        await ExpectAsync(await w.Handler.C.PostAsJsonAsync($"/api/tasks/{handle}/transfer", new { userId = w.Verifier.N, reason = "不属本组" }), HttpStatusCode.OK);
        var task = await ExpectAsync(await w.Verifier.C.GetAsync($"/api/tasks/{handle}"), HttpStatusCode.OK);
        Assert.Equal(w.Verifier.N, task["assignee"]!.GetValue<string>());
        var state = await ExpectAsync(await w.Verifier.C.GetAsync($"/api/tasks/{handle}/actions"), HttpStatusCode.OK);
        Assert.Equal(w.Handler.N, state["owner"]!.GetValue<string>());
        Assert.Contains(await HistoryAsync(w.Admin, instance), e => e!["type"]!.GetValue<string>() == "task.transfer"
            && e["data"]!["reason"]!.GetValue<string>() == "不属本组" && e["actor"]!.GetValue<string>() == w.Handler.N);
        await ExpectAsync(await w.Handler.C.PostAsJsonAsync($"/api/tasks/{handle}/approve", new { opinion = "x" }), HttpStatusCode.Conflict);
    }

    [SkippableFact]
    public async Task Delegate_then_resolve_gives_the_task_back_to_the_owner_who_completes_it()
    {
        var w = await WorldAsync();
        var instance = await StartAtHandleAsync(w);
        var handle = await OpenTaskAsync(w.Admin, instance, "handle");
        await ExpectAsync(await w.Handler.C.PostAsJsonAsync($"/api/tasks/{handle}/delegate", new { userId = w.Verifier.N, reason = "请协助核实" }), HttpStatusCode.OK);
        var state = await ExpectAsync(await w.Verifier.C.GetAsync($"/api/tasks/{handle}/actions"), HttpStatusCode.OK);
        Assert.Equal("Pending", state["delegation"]!.GetValue<string>());
        await ExpectAsync(await w.Verifier.C.PostAsJsonAsync($"/api/tasks/{handle}/approve", new { opinion = "ok" }), HttpStatusCode.Conflict);
        await ExpectAsync(await w.Verifier.C.PostAsJsonAsync($"/api/tasks/{handle}/resolve", new { reason = "已核实" }), HttpStatusCode.OK);
        var task = await ExpectAsync(await w.Handler.C.GetAsync($"/api/tasks/{handle}"), HttpStatusCode.OK);
        Assert.Equal(w.Handler.N, task["assignee"]!.GetValue<string>());
        Assert.Equal("Resolved", (await ExpectAsync(await w.Handler.C.GetAsync($"/api/tasks/{handle}/actions"), HttpStatusCode.OK))["delegation"]!.GetValue<string>());
        await ExpectAsync(await w.Handler.C.PostAsJsonAsync($"/api/tasks/{handle}/approve", new { opinion = "办结" }), HttpStatusCode.NoContent);
        Assert.Contains(await HistoryAsync(w.Admin, instance), e => e!["type"]!.GetValue<string>() == "task.resolve");
    }

    [SkippableFact]
    public async Task Cosigners_before_hold_the_owner_back_removing_cancels_and_after_cosigners_finish_the_task()
    {
        var w = await WorldAsync();
        var instance = await StartAtHandleAsync(w);
        var handle = await OpenTaskAsync(w.Admin, instance, "handle");
        var added = await w.Handler.C.PostAsJsonAsync($"/api/tasks/{handle}/cosigners", new { userIds = new[] { w.Verifier.N, w.Dispatcher.N }, position = "Before", reason = "会签" });
        var cosigns = (await added.Content.ReadFromJsonAsync<JsonArray>())!;
        Assert.Equal(2, cosigns.Count);
        await ExpectAsync(await w.Handler.C.PostAsJsonAsync($"/api/tasks/{handle}/approve", new { opinion = "先办" }), HttpStatusCode.Conflict);

        var mine = await w.Verifier.C.GetItemsAsync("/api/cosigns");
        var verifierPart = Assert.Single(mine!)!["id"]!.GetValue<string>();
        await ExpectAsync(await w.Verifier.C.PostAsJsonAsync($"/api/cosigns/{verifierPart}/complete", new { reason = "同意" }), HttpStatusCode.NoContent);
        var dispatcherPart = cosigns.Single(c => c!["userName"]!.GetValue<string>() == w.Dispatcher.N)!["id"]!.GetValue<string>();
        await ExpectAsync(await w.Handler.C.PostAsJsonAsync($"/api/tasks/{handle}/cosigners/{dispatcherPart}/remove", new { reason = "无需派遣组" }), HttpStatusCode.NoContent);
        Assert.Empty((await w.Dispatcher.C.GetItemsAsync("/api/cosigns"))!);

        await ExpectAsync(await w.Handler.C.PostAsJsonAsync($"/api/tasks/{handle}/cosigners", new { userIds = new[] { w.Verifier.N }, position = "After", reason = "复核" }), HttpStatusCode.OK);
        await ExpectAsync(await w.Handler.C.PostAsJsonAsync($"/api/tasks/{handle}/approve", new { opinion = "已处置" }), HttpStatusCode.Accepted);
        Assert.Contains(await OpenTasksAsync(w.Admin, instance), t => t!["id"]!.GetValue<string>() == handle);
        var after = Assert.Single((await w.Verifier.C.GetItemsAsync("/api/cosigns"))!)!["id"]!.GetValue<string>();
        await ExpectAsync(await w.Verifier.C.PostAsJsonAsync($"/api/cosigns/{after}/complete", new { reason = "复核通过" }), HttpStatusCode.NoContent);
        var open = await OpenTasksAsync(w.Admin, instance);
        Assert.DoesNotContain(open, t => t!["id"]!.GetValue<string>() == handle);
        Assert.Contains(open, t => t!["elementId"]!.GetValue<string>() == "verify");
        var types = (await HistoryAsync(w.Admin, instance)).Select(e => e!["type"]!.GetValue<string>()).ToList();
        Assert.Contains("task.coSignAdded", types);
        Assert.Contains("task.coSignRemoved", types);
        Assert.Contains("task.coSigned", types);
    }

    [SkippableFact]
    public async Task Carbon_copies_are_read_only_entries_for_users_and_from_a_flow_step()
    {
        var w = await WorldAsync();
        var instance = await StartAtHandleAsync(w);
        var handle = await OpenTaskAsync(w.Admin, instance, "handle");
        await ExpectAsync(await w.Handler.C.PostAsJsonAsync($"/api/tasks/{handle}/cc", new { userIds = new[] { w.Verifier.N }, reason = "请知悉" }), HttpStatusCode.OK);
        var copies = await ExpectAsync(await w.Verifier.C.GetAsync("/api/copies"), HttpStatusCode.OK);
        Assert.Contains(Items(copies), c => c!["instanceId"]!.GetValue<string>() == instance && c["reason"]!.GetValue<string>() == "请知悉");
        await ExpectAsync(await w.Verifier.C.GetAsync($"/api/tasks/{handle}"), HttpStatusCode.OK);
        await ExpectAsync(await w.Verifier.C.PostAsJsonAsync($"/api/tasks/{handle}/approve", new { opinion = "x" }), HttpStatusCode.Conflict);

        var key = "cc" + Guid.NewGuid().ToString("N")[..8];
        await DeployAsync(w.Admin, Process(key, """
            <bpmn:startEvent id="s"/>
            <bpmn:serviceTask id="copy" camunda:type="external" camunda:topic="task.cc"/>
            <bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "copy", "e")));
        var flow = await StartAsync(w.Admin, key, null, new { ccUsers = w.Dispatcher.N, ccReason = "流程抄送" });
        var flowCopies = await ExpectAsync(await w.Dispatcher.C.GetAsync("/api/copies"), HttpStatusCode.OK);
        Assert.Contains(Items(flowCopies), c => c!["instanceId"]!.GetValue<string>() == flow["id"]!.GetValue<string>() && c["from"]!.GetValue<string>() == "flow");
    }

    [SkippableFact]
    public async Task Withdraw_takes_a_task_back_while_the_next_is_untouched_only()
    {
        var w = await WorldAsync();
        var instance = await StartAtHandleAsync(w);
        var dispatchId = (await w.Dispatcher.C.GetItemsAsync("/api/tasks/done"))!
            .First(c => c!["instanceId"]!.GetValue<string>() == instance)!["taskId"]!.GetValue<string>();
        var withdrawn = await ExpectAsync(await w.Dispatcher.C.PostAsJsonAsync($"/api/tasks/{dispatchId}/withdraw", new { reason = "派错片区" }), HttpStatusCode.OK);
        var open = await OpenTasksAsync(w.Admin, instance);
        var back = Assert.Single(open)!;
        Assert.Equal("dispatch", back["elementId"]!.GetValue<string>());
        Assert.Equal(w.Dispatcher.N, back["assignee"]!.GetValue<string>());
        Assert.Equal(withdrawn["taskId"]!.GetValue<string>(), back["id"]!.GetValue<string>());
        Assert.Contains(await HistoryAsync(w.Admin, instance), e => e!["type"]!.GetValue<string>() == "task.withdraw");

        // Once the next task is taken up, it is too late.
        await ExpectAsync(await w.Dispatcher.C.PostAsJsonAsync($"/api/tasks/{back["id"]}/approve", new { opinion = "重新派遣" }), HttpStatusCode.NoContent);
        var handle = await OpenTaskAsync(w.Admin, instance, "handle");
        await ExpectAsync(await w.Handler.C.PostAsJsonAsync($"/api/tasks/{handle}/comments", new { reason = "已到场" }), HttpStatusCode.NoContent);
        await ExpectAsync(await w.Dispatcher.C.PostAsJsonAsync($"/api/tasks/{back["id"]}/withdraw", new { reason = "再撤" }), HttpStatusCode.Conflict);
    }

    [SkippableFact]
    public async Task Urge_counts_and_reminds_the_holder_but_plain_staff_may_not_urge()
    {
        var w = await WorldAsync();
        var instance = await StartAtHandleAsync(w);
        var handle = await OpenTaskAsync(w.Admin, instance, "handle");
        Assert.Equal(HttpStatusCode.Forbidden, (await w.Handler.C.PostAsJsonAsync($"/api/tasks/{handle}/urge", new { reason = "快" })).StatusCode);
        await ExpectAsync(await w.Admin.PostAsJsonAsync($"/api/tasks/{handle}/urge", new { reason = "群众反映强烈" }), HttpStatusCode.OK);
        var second = await ExpectAsync(await w.Admin.PostAsJsonAsync($"/api/tasks/{handle}/urge", new { reason = "再催" }), HttpStatusCode.OK);
        Assert.Equal(2, second["urgeCount"]!.GetValue<int>());
        Assert.Equal(2, (await ExpectAsync(await w.Handler.C.GetAsync($"/api/tasks/{handle}/actions"), HttpStatusCode.OK))["urgeCount"]!.GetValue<int>());
        var reminders = await w.Handler.C.GetItemsAsync("/api/reminders");
        Assert.Equal(2, reminders!.Count(r => r!["taskId"]!.GetValue<string>() == handle));
    }

    [SkippableFact]
    public async Task An_approved_extension_moves_the_due_date_and_the_boundary_timer()
    {
        var w = await WorldAsync();
        var app = await server.GetAsync();
        var leader = await app.UserAsync(w.Admin, "lead", ["Leader"]);
        var instance = await StartAtHandleAsync(w);
        var handle = await OpenTaskAsync(w.Admin, instance, "handle");
        var task = await ExpectAsync(await w.Handler.C.GetAsync($"/api/tasks/{handle}"), HttpStatusCode.OK);
        var due = task["dueDate"]!.GetValue<DateTimeOffset>();
        await ExpectFieldErrorAsync(await w.Handler.C.PostAsJsonAsync($"/api/tasks/{handle}/extension", new { dueDate = due.AddHours(-1), reason = "x" }), "dueDate");
        await ExpectAsync(await w.Handler.C.PostAsJsonAsync($"/api/tasks/{handle}/extension", new { dueDate = due.AddDays(1), reason = "等待材料" }), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Forbidden, (await w.Handler.C.PostAsJsonAsync("/api/extension-requests/x/approve", new { reason = "" })).StatusCode);
        var pending = await leader.Client.GetItemsAsync("/api/extension-requests?status=Pending&taskId=" + handle);
        var request = Assert.Single(pending!)!["id"]!.GetValue<string>();
        await ExpectAsync(await leader.Client.PostAsJsonAsync($"/api/extension-requests/{request}/approve", new { reason = "同意" }), HttpStatusCode.OK);
        task = await ExpectAsync(await w.Handler.C.GetAsync($"/api/tasks/{handle}"), HttpStatusCode.OK);
        Assert.Equal(due.AddDays(1), task["dueDate"]!.GetValue<DateTimeOffset>());

        // The boundary timer was due with the old date; it now fires a day later.
        await ExpectAsync(await w.Admin.PostAsJsonAsync("/api/dev/clock/advance", new { duration = "PT5H" }), HttpStatusCode.OK);
        Assert.DoesNotContain(await OpenTasksAsync(w.Admin, instance), t => t!["elementId"]!.GetValue<string>() == "escalate");
        await ExpectAsync(await w.Admin.PostAsJsonAsync("/api/dev/clock/advance", new { duration = "P1D" }), HttpStatusCode.OK);
        Assert.Contains(await OpenTasksAsync(w.Admin, instance), t => t!["elementId"]!.GetValue<string>() == "escalate");
    }

    [SkippableFact]
    public async Task Return_sends_the_task_back_to_the_earlier_assignee_and_restarts_its_timers()
    {
        var w = await WorldAsync();
        var instance = await StartAtHandleAsync(w);
        var handle = await OpenTaskAsync(w.Admin, instance, "handle");
        await ExpectAsync(await w.Handler.C.PostAsJsonAsync($"/api/tasks/{handle}/approve", new { opinion = "已处置" }), HttpStatusCode.NoContent);
        var verify = await OpenTaskAsync(w.Admin, instance, "verify");
        var targets = await w.Verifier.C.GetItemsAsync($"/api/tasks/{verify}/return-targets");
        Assert.Equal(["handle", "dispatch"], targets!.Select(t => t!["elementId"]!.GetValue<string>()).ToArray());
        await ExpectFieldErrorAsync(await w.Verifier.C.PostAsJsonAsync($"/api/tasks/{verify}/return", new { targetElementId = "escalate", reason = "x" }), "targetElementId");
        var returned = await ExpectAsync(await w.Verifier.C.PostAsJsonAsync($"/api/tasks/{verify}/return", new { targetElementId = "handle", reason = "整改不到位" }), HttpStatusCode.OK);
        var open = Assert.Single(await OpenTasksAsync(w.Admin, instance))!;
        Assert.Equal("handle", open["elementId"]!.GetValue<string>());
        Assert.Equal(w.Handler.N, open["assignee"]!.GetValue<string>());
        Assert.Equal(returned["taskId"]!.GetValue<string>(), open["id"]!.GetValue<string>());
        var history = await HistoryAsync(w.Admin, instance);
        Assert.Contains(history, e => e!["type"]!.GetValue<string>() == "task.return" && e["data"]!["reason"]!.GetValue<string>() == "整改不到位");
        Assert.Contains(history, e => e!["type"]!.GetValue<string>() == "task.cancelled" && e["taskId"]!.GetValue<string>() == verify);
        var record = await w.Handler.C.GetItemsAsync($"/api/tasks/{open["id"]}/comments");
        Assert.Contains(record!, c => c!["kind"]!.GetValue<string>() == "Return" && c["taskId"]!.GetValue<string>() == verify);

        // The returned task's boundary timer starts again from now.
        await ExpectAsync(await w.Admin.PostAsJsonAsync("/api/dev/clock/advance", new { duration = "PT4H1M" }), HttpStatusCode.OK);
        Assert.Contains(await OpenTasksAsync(w.Admin, instance), t => t!["elementId"]!.GetValue<string>() == "escalate");
    }

    [SkippableFact]
    public async Task Attachments_keep_their_type_and_size_limits()
    {
        var w = await WorldAsync();
        var instance = await StartAtHandleAsync(w);
        var handle = await OpenTaskAsync(w.Admin, instance, "handle");
        using var bad = new MultipartFormDataContent { { new ByteArrayContent("MZ"u8.ToArray()) { Headers = { ContentType = new("application/x-msdownload") } }, "file", "a.exe" } };
        await ExpectFieldErrorAsync(await w.Handler.C.PostAsync($"/api/tasks/{handle}/attachments", bad), "file");
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 1, 2, 3 };
        using var good = new MultipartFormDataContent { { new ByteArrayContent(png) { Headers = { ContentType = new("image/png") } }, "file", "现场.png" } };
        var saved = await ExpectAsync(await w.Handler.C.PostAsync($"/api/tasks/{handle}/attachments", good), HttpStatusCode.OK);
        var bytes = await w.Handler.C.GetByteArrayAsync($"/api/attachments/{saved["id"]}");
        Assert.Equal(png, bytes);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Verifier.C.GetAsync($"/api/attachments/{saved["id"]}")).StatusCode);
    }
}

public sealed class TaskActionTests_Sqlite(SqliteApiServer server) : TaskActionTests(server), IClassFixture<SqliteApiServer>;

public sealed class TaskActionTests_Postgres(PostgresApiServer server) : TaskActionTests(server), IClassFixture<PostgresApiServer>;
