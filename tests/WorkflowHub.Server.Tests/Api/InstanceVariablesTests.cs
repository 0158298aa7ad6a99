using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static WorkflowHub.Server.Tests.Api.Api;

namespace WorkflowHub.Server.Tests.Api;

/// <summary>PATCH /api/instances/{id}/variables: administrators only, validated, written to history, and it unblocks a retry.</summary>
public abstract class InstanceVariablesTests(ApiServer server)
{
    [SkippableFact]
    public async Task An_administrator_sets_a_missing_variable_and_the_retried_incident_moves_on()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var key = "vars" + Guid.NewGuid().ToString("N")[..6];
        await DeployAsync(admin, Process(key, """
            <bpmn:startEvent id="s"/><bpmn:userTask id="fix" camunda:assignee="${owner}"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "fix", "e")));
        var instance = (await StartAsync(admin, key))["id"]!.GetValue<string>();
        var incident = Assert.Single(Items(await ExpectAsync(await admin.GetAsync($"/api/incidents?instanceId={instance}"), HttpStatusCode.OK)))!;

        var leader = await app.UserAsync(admin, "lead", ["Leader"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.Client.PatchAsJsonAsync($"/api/instances/{instance}/variables", new { variables = new { owner = "x" } })).StatusCode);
        await ExpectFieldErrorAsync(await admin.PatchAsJsonAsync($"/api/instances/{instance}/variables", new { variables = new { } }), "variables");
        await ExpectAsync(await admin.PatchAsJsonAsync($"/api/instances/{instance}/variables", new { variables = new { owner = "admin" } }), HttpStatusCode.NoContent);
        Assert.Contains((await admin.GetFromJsonAsync<JsonObject>($"/api/instances/{instance}/history?pageSize=200"))!["items"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "variable.set" && e["actor"]!.GetValue<string>() == "admin");

        await ExpectAsync(await admin.PostAsync($"/api/incidents/{incident["id"]}/retry", null), HttpStatusCode.NoContent);
        var task = Assert.Single(Items(await ExpectAsync(await admin.GetAsync($"/api/tasks?processKey={key}"), HttpStatusCode.OK)))!;
        Assert.Equal("admin", task["assignee"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PatchAsJsonAsync("/api/instances/none/variables", new { variables = new { a = 1 } })).StatusCode);
    }
}

public sealed class InstanceVariablesTests_Sqlite(SqliteApiServer server) : InstanceVariablesTests(server), IClassFixture<SqliteApiServer>;

public sealed class InstanceVariablesTests_Postgres(PostgresApiServer server) : InstanceVariablesTests(server), IClassFixture<PostgresApiServer>;
