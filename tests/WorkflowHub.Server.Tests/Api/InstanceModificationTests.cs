using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static WorkflowHub.Server.Tests.Api.Api;

namespace WorkflowHub.Server.Tests.Api;

/// <summary>POST /api/instances/{id}/modify: administrators move tokens in one step; bad instructions are 400s naming the field.</summary>
public abstract class InstanceModificationTests(ApiServer server)
{
    [SkippableFact]
    public async Task An_administrator_moves_a_token_and_history_records_who_and_why()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var key = "modify" + Guid.NewGuid().ToString("N")[..6];
        await DeployAsync(admin, Process(key, """
            <bpmn:startEvent id="s"/><bpmn:userTask id="register" name="登记"/><bpmn:userTask id="fix" name="整改"/>
            <bpmn:userTask id="verify" name="核查"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "register", "fix", "verify", "e")));
        var instance = (await StartAsync(admin, key))["id"]!.GetValue<string>();
        var detail = (await admin.GetFromJsonAsync<JsonObject>($"/api/instances/{instance}"))!;
        var register = detail["activities"]!.AsArray().Single(a => a!["elementId"]!.GetValue<string>() == "register")!["tokenId"]!.GetValue<string>();

        var supervisor = await app.UserAsync(admin, "sup", ["Supervisor"]);
        var body = new
        {
            instructions = new object[]
            {
                new { type = "cancel", activityInstanceId = register },
                new { type = "startBeforeActivity", activityId = "verify" },
            },
            variables = new { skipped = true },
            reason = "登记已线下完成",
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.Client.PostAsJsonAsync($"/api/instances/{instance}/modify", body)).StatusCode);

        var result = await ExpectAsync(await admin.PostAsJsonAsync($"/api/instances/{instance}/modify", body), HttpStatusCode.OK);
        Assert.Equal("Running", result["status"]!.GetValue<string>());
        Assert.Equal(register, Assert.Single(result["cancelledTokenIds"]!.AsArray())!.GetValue<string>());
        var task = Assert.Single(Items(await ExpectAsync(await admin.GetAsync($"/api/tasks?processKey={key}"), HttpStatusCode.OK)))!;
        Assert.Equal("verify", task["elementId"]!.GetValue<string>());
        var history = (await admin.GetFromJsonAsync<JsonObject>($"/api/instances/{instance}/history?pageSize=200"))!["items"]!.AsArray();
        var modified = Assert.Single(history, e => e!["type"]!.GetValue<string>() == "instance.modified")!;
        Assert.Equal("admin", modified["actor"]!.GetValue<string>());
        Assert.Equal("登记已线下完成", modified["data"]!["reason"]!.GetValue<string>());
        Assert.True((await admin.GetFromJsonAsync<JsonObject>($"/api/instances/{instance}"))!["variables"]!["skipped"]!.GetValue<bool>());
    }

    [SkippableFact]
    public async Task Bad_instructions_are_400s_naming_the_field_and_change_nothing()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var key = "modbad" + Guid.NewGuid().ToString("N")[..6];
        await DeployAsync(admin, Process(key, """
            <bpmn:startEvent id="s"/><bpmn:userTask id="fix"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "fix", "e")));
        var instance = (await StartAsync(admin, key))["id"]!.GetValue<string>();
        var url = $"/api/instances/{instance}/modify";

        var unknown = await ExpectFieldErrorAsync(await admin.PostAsJsonAsync(url, new
        {
            instructions = new object[] { new { type = "cancel", activityId = "fix" }, new { type = "startBeforeActivity", activityId = "nowhere" } },
        }), "instructions[1].activityId");
        Assert.Contains("nowhere", unknown["errors"]!["instructions[1].activityId"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        await ExpectFieldErrorAsync(await admin.PostAsJsonAsync(url, new { instructions = new object[] { new { type = "jump", activityId = "fix" } } }), "instructions[0].type");
        await ExpectFieldErrorAsync(await admin.PostAsJsonAsync(url, new { instructions = Array.Empty<object>() }), "instructions");
        await ExpectFieldErrorAsync(await admin.PostAsJsonAsync(url, new { instructions = new object[] { new { type = "cancel" } } }), "instructions[0]");
        await ExpectFieldErrorAsync(await admin.PostAsJsonAsync(url, new { instructions = new object[] { new { type = "cancel", activityInstanceId = "t999" } } }), "instructions[0].activityInstanceId");
        Assert.Equal("fix", Assert.Single(Items(await ExpectAsync(await admin.GetAsync($"/api/tasks?processKey={key}"), HttpStatusCode.OK)))!["elementId"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync("/api/instances/none/modify", new { instructions = new object[] { new { type = "cancel", activityId = "fix" } } })).StatusCode);

        // Cancelling the last token with nothing started ends the instance (cancelled, as Camunda does); then it is a 409.
        var ended = await ExpectAsync(await admin.PostAsJsonAsync(url, new { instructions = new object[] { new { type = "cancel", activityId = "fix" } }, reason = "重复件" }), HttpStatusCode.OK);
        Assert.Equal("Cancelled", ended["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync(url, new { instructions = new object[] { new { type = "startBeforeActivity", activityId = "fix" } } })).StatusCode);
    }
}

public sealed class InstanceModificationTests_Sqlite(SqliteApiServer server) : InstanceModificationTests(server), IClassFixture<SqliteApiServer>;

public sealed class InstanceModificationTests_Postgres(PostgresApiServer server) : InstanceModificationTests(server), IClassFixture<PostgresApiServer>;
