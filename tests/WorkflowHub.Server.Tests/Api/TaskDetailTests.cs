using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using static WorkflowHub.Server.Tests.Api.Api;

namespace WorkflowHub.Server.Tests.Api;

/// <summary>What staff see of a task, what completing it may write and answers, and who reads or cancels an instance.</summary>
public abstract class TaskDetailTests(ApiServer server)
{
    /// <summary>Inspect (declares result and remark by inputOutput), then a gateway on the routing variable "route".</summary>
    private static string Inspection(string key, string group) => Process(key, $$"""
        <bpmn:startEvent id="s"/>
        <bpmn:userTask id="inspect" name="核查" camunda:candidateGroups="{{group}}" camunda:dueDate="P2D" camunda:followUpDate="P1D">
          <bpmn:extensionElements><camunda:inputOutput>
            <camunda:inputParameter name="result">${'pending'}</camunda:inputParameter>
            <camunda:outputParameter name="remark">${remark}</camunda:outputParameter>
          </camunda:inputOutput></bpmn:extensionElements>
        </bpmn:userTask>
        <bpmn:exclusiveGateway id="gw" default="toClose"/>
        <bpmn:userTask id="escalate" name="督办" camunda:candidateGroups="{{group}}"/>
        <bpmn:userTask id="close" name="结案" camunda:candidateGroups="{{group}}" camunda:formKey="app:forms/close?fields=closedBy,note"/>
        <bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>
        <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="inspect"/>
        <bpmn:sequenceFlow id="f2" sourceRef="inspect" targetRef="gw"/>
        <bpmn:sequenceFlow id="toEscalate" sourceRef="gw" targetRef="escalate"><bpmn:conditionExpression>${route == 'escalate'}</bpmn:conditionExpression></bpmn:sequenceFlow>
        <bpmn:sequenceFlow id="toClose" sourceRef="gw" targetRef="close"/>
        <bpmn:sequenceFlow id="f3" sourceRef="escalate" targetRef="e1"/>
        <bpmn:sequenceFlow id="f4" sourceRef="close" targetRef="e2"/>
        """).Replace("<bpmn:process ", "<bpmn:process name=\"网格巡查\" ", StringComparison.Ordinal);

    [SkippableFact]
    public async Task A_task_carries_what_a_person_needs_and_completing_writes_only_declared_variables()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        await DeployAsync(admin, Inspection("inspection", "grid-7"));
        await ExpectAsync(await admin.PutAsJsonAsync("/api/groups/grid-7", new { name = "第七网格" }), HttpStatusCode.NotFound);
        await EnsureGroupAsync(admin, "grid-7");
        await ExpectAsync(await admin.PutAsJsonAsync("/api/groups/grid-7", new { name = "第七网格" }), HttpStatusCode.OK);
        var instance = await StartAsync(admin, "inspection", "WG-0007", new { route = "close", address = "人民路 1 号", remark = "初查" });
        var (staff, staffName, _) = await app.UserAsync(admin, "grid", ["Staff"], "grid-7");

        var listed = Assert.Single(Items(await ExpectAsync(await staff.GetAsync("/api/tasks?processKey=inspection"), HttpStatusCode.OK)))!.AsObject();
        var detail = await ExpectAsync(await staff.GetAsync($"/api/tasks/{listed["id"]}"), HttpStatusCode.OK);
        foreach (var task in new[] { listed, detail })
        {
            Assert.Equal("网格巡查", task["processName"]!.GetValue<string>());
            Assert.Equal("WG-0007", task["businessKey"]!.GetValue<string>());
            Assert.NotNull(task["dueDate"]);
            Assert.NotNull(task["followUpDate"]);
            Assert.Equal("第七网格", task["candidateGroups"]![0]!["name"]!.GetValue<string>());
            Assert.Equal(["remark", "result"], task["formFields"]!.AsArray().Select(f => f!.GetValue<string>()).ToArray());
            // The declared variables only: the routing variable and the address are not the form's.
            Assert.Equal(["remark"], task["variables"]!.AsObject().Select(v => v.Key).ToArray());
            Assert.Equal("inspect", task["currentActivities"]![0]!["elementId"]!.GetValue<string>());
        }

        // Staff who see a task read its instance; a stranger does not.
        await ExpectAsync(await staff.GetAsync($"/api/instances/{instance["id"]}"), HttpStatusCode.OK);
        await ExpectAsync(await staff.GetAsync($"/api/instances/{instance["id"]}/history"), HttpStatusCode.OK);
        var (stranger, _, _) = await app.UserAsync(admin, "stranger", ["Staff"], "grid-8");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/instances/{instance["id"]}")).StatusCode);

        // Overwriting the routing variable is refused, naming it; the declared one is accepted.
        var refused = await ExpectFieldErrorAsync(await staff.PostAsJsonAsync($"/api/tasks/{listed["id"]}/complete",
            new { variables = new { route = "escalate", remark = "ok" } }), "variables.route");
        Assert.False(refused["errors"]!.AsObject().ContainsKey("variables.remark"));
        var completed = await ExpectAsync(await staff.PostAsJsonAsync($"/api/tasks/{listed["id"]}/complete", new { variables = new { remark = "已整改" } }), HttpStatusCode.OK);
        Assert.Equal("Running", completed["status"]!.GetValue<string>());
        var next = Assert.Single(completed["tasks"]!.AsArray())!;
        Assert.Equal("close", next["elementId"]!.GetValue<string>());
        Assert.Equal(["closedBy", "note"], next["formFields"]!.AsArray().Select(f => f!.GetValue<string>()).ToArray());

        // A formKey's declared fields; anything else refused; an administrator may write anything.
        await ExpectFieldErrorAsync(await staff.PostAsJsonAsync($"/api/tasks/{next["id"]}/complete", new { variables = new { route = "x" } }), "variables.route");
        var done = await ExpectAsync(await admin.PostAsJsonAsync($"/api/tasks/{next["id"]}/complete", new { variables = new { closedBy = staffName, anything = 1 } }), HttpStatusCode.OK);
        Assert.Equal("Completed", done["status"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task A_task_without_a_form_shows_the_instance_variables_and_accepts_none_from_staff()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        await DeployAsync(admin, GroupTask("formless", "formless-group"));
        await StartAsync(admin, "formless", "F-1", new { address = "人民路 2 号" });
        var (staff, _, _) = await app.UserAsync(admin, "formless", ["Staff"], "formless-group");
        var task = Assert.Single(Items(await ExpectAsync(await staff.GetAsync("/api/tasks?processKey=formless"), HttpStatusCode.OK)))!;
        Assert.Equal("人民路 2 号", task["variables"]!["address"]!.GetValue<string>());
        Assert.Null(task["formFields"]);
        await ExpectFieldErrorAsync(await staff.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new { variables = new { address = "elsewhere" } }), "variables.address");
        await ExpectAsync(await staff.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new { comment = "ok" }), HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task A_form_js_form_and_camunda_formData_declare_what_staff_may_write()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        // A form of the Forms page: its input keys are the declaration (a dotted key writes its first segment).
        var schema = JsonNode.Parse("""{"type":"default","components":[{"type":"textfield","key":"result"},{"type":"group","components":[{"type":"textfield","key":"photo.after"}]}]}""");
        await ExpectAsync(await admin.PostAsJsonAsync("/api/forms", new { key = "decl-form", name = "处置", schema }), HttpStatusCode.OK);
        await DeployAsync(admin, Process("declared", """
            <bpmn:startEvent id="s"/>
            <bpmn:userTask id="fix" camunda:candidateGroups="decl-group" camunda:formKey="decl-form"/>
            <bpmn:userTask id="check" camunda:candidateGroups="decl-group">
              <bpmn:extensionElements><camunda:formData><camunda:formField id="passed" type="boolean"/></camunda:formData></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "fix", "check", "e")));
        await StartAsync(admin, "declared", "D-1", new { route = "a" });
        var (staff, _, _) = await app.UserAsync(admin, "declarer", ["Staff"], "decl-group");

        var fix = Assert.Single(Items(await ExpectAsync(await staff.GetAsync("/api/tasks?processKey=declared"), HttpStatusCode.OK)))!;
        Assert.Equal(["photo", "result"], fix["formFields"]!.AsArray().Select(f => f!.GetValue<string>()).ToArray());
        await ExpectFieldErrorAsync(await staff.PostAsJsonAsync($"/api/tasks/{fix["id"]}/complete", new { variables = new { route = "b" } }), "variables.route");
        var next = await ExpectAsync(await staff.PostAsJsonAsync($"/api/tasks/{fix["id"]}/complete",
            new { variables = new { result = "fixed", photo = new { after = "p1" } } }), HttpStatusCode.OK);

        var check = Assert.Single(next["tasks"]!.AsArray())!;
        Assert.Equal(["passed"], check["formFields"]!.AsArray().Select(f => f!.GetValue<string>()).ToArray());
        await ExpectFieldErrorAsync(await staff.PostAsJsonAsync($"/api/tasks/{check["id"]}/complete", new { variables = new { result = "x" } }), "variables.result");
        await ExpectAsync(await staff.PostAsJsonAsync($"/api/tasks/{check["id"]}/complete", new { variables = new { passed = true } }), HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task Leaders_read_and_cancel_only_instances_of_their_groups()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        await DeployAsync(admin, GroupTask("scoped", "scope-east"));
        var instance = await StartAsync(admin, "scoped", "S-1");
        var (east, _, _) = await app.UserAsync(admin, "lead-east", ["Leader"], "scope-east");
        var (west, _, _) = await app.UserAsync(admin, "lead-west", ["Leader"], "scope-west");
        // East's instance waits at a group task and, on a parallel branch, at a receive task and a failed expression (an incident).
        await DeployAsync(admin, Process("scoped-wide", """
            <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/>
            <bpmn:userTask id="t" camunda:candidateGroups="scope-east"/><bpmn:receiveTask id="wait"/>
            <bpmn:serviceTask id="fail" camunda:expression="${noSuchVariable}"/><bpmn:endEvent id="e"/>
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="fork"/><bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="t"/>
            <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="wait"/><bpmn:sequenceFlow id="f4" sourceRef="fork" targetRef="fail"/>
            <bpmn:sequenceFlow id="f5" sourceRef="t" targetRef="e"/><bpmn:sequenceFlow id="f6" sourceRef="wait" targetRef="e"/>
            <bpmn:sequenceFlow id="f7" sourceRef="fail" targetRef="e"/>
            """));
        var wide = (await StartAsync(admin, "scoped-wide", "S-2"))["id"]!.GetValue<string>();
        await DeployAsync(admin, GroupTask("scoped-west", "scope-west"));
        var westOnly = (await StartAsync(admin, "scoped-west", "S-3"))["id"]!.GetValue<string>();

        async Task<string[]> ListedAsync(HttpClient client, string path) =>
            Items(await ExpectAsync(await client.GetAsync(path), HttpStatusCode.OK))
                .Select(i => (i!["instanceId"] ?? i["id"])!.GetValue<string>()).Distinct().Order(StringComparer.Ordinal).ToArray();
        string[] Sorted(params string[] ids) => [.. ids.Order(StringComparer.Ordinal)];

        Assert.Equal(Sorted(instance["id"]!.GetValue<string>(), wide), await ListedAsync(east, "/api/instances?pageSize=200"));
        Assert.Equal([westOnly], await ListedAsync(west, "/api/instances?pageSize=200"));
        Assert.Contains(westOnly, await ListedAsync(admin, "/api/instances?pageSize=200"));
        Assert.Equal([wide], await ListedAsync(east, "/api/incidents?pageSize=200"));
        Assert.Empty(await ListedAsync(west, "/api/incidents?pageSize=200"));
        Assert.Empty(await ListedAsync(west, $"/api/incidents?instanceId={wide}"));

        Assert.Equal(HttpStatusCode.NotFound, (await west.GetAsync($"/api/instances/{instance["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await west.GetAsync($"/api/instances/{wide}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await west.PostAsJsonAsync($"/api/instances/{wide}/trigger", new { activityId = "wait" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await east.PatchAsJsonAsync($"/api/instances/{wide}/variables", new { variables = new { x = 1 } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await west.PostAsJsonAsync($"/api/instances/{instance["id"]}/cancel", new { reason = "not mine" })).StatusCode);
        await ExpectAsync(await east.GetAsync($"/api/instances/{wide}/history"), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await east.PostAsJsonAsync($"/api/instances/{wide}/trigger", new { activityId = "wait" })).StatusCode);
        await ExpectAsync(await east.GetAsync($"/api/instances/{instance["id"]}"), HttpStatusCode.OK);
        await ExpectAsync(await east.PostAsJsonAsync($"/api/instances/{instance["id"]}/cancel", new { reason = "duplicate" }), HttpStatusCode.NoContent);
        // Cancelled, it has no open task left: it leaves the leader's list.
        Assert.Equal([wide], await ListedAsync(east, "/api/instances?pageSize=200"));
        // A message correlates by business key across every instance, so it is not a leader's tool.
        Assert.Equal(HttpStatusCode.Forbidden, (await west.PostAsJsonAsync("/api/messages", new { messageName = "Anything", businessKey = "S-2" })).StatusCode);
    }

    [SkippableFact]
    public async Task Redeploying_identical_XML_answers_200_with_the_existing_version()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var xml = GroupTask("redeployed", "g");
        var first = await admin.PostAsync("/api/definitions", new StringContent(xml, Encoding.UTF8, "application/xml"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var again = await ExpectAsync(await admin.PostAsync("/api/definitions", new StringContent(xml, Encoding.UTF8, "application/xml")), HttpStatusCode.OK);
        var process = Assert.Single(again["processes"]!.AsArray())!;
        Assert.Equal(1, process["version"]!.GetValue<int>());
        Assert.False(process["isNew"]!.GetValue<bool>());
    }
}

public sealed class TaskDetailTests_Sqlite(SqliteApiServer server) : TaskDetailTests(server), IClassFixture<SqliteApiServer>;

public sealed class TaskDetailTests_Postgres(PostgresApiServer server) : TaskDetailTests(server), IClassFixture<PostgresApiServer>;
