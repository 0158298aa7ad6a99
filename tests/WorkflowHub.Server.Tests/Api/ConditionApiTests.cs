using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static WorkflowHub.Server.Tests.Api.Api;

namespace WorkflowHub.Server.Tests.Api;

/// <summary>
/// Conditional start events over HTTP (issue 13): POST /api/conditions and Camunda's POST /engine-rest/condition start
/// every latest definition whose conditional start holds for the given variables; administrators and dispatchers only.
/// </summary>
public abstract class ConditionApiTests(ApiServer server)
{
    /// <summary>A process started when its variable (unique per test, so the shared server's other flows stay out) is large.</summary>
    private static string Flow(string key, string variable, int above) => Process(key, $$"""
        <bpmn:startEvent id="large"><bpmn:conditionalEventDefinition><bpmn:condition>${{{variable}} gt {{above}}}</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:startEvent>
        <bpmn:userTask id="review"/><bpmn:endEvent id="e"/>
        """ + Chain("f", "large", "review", "e"));

    [SkippableFact]
    public async Task Dispatchers_start_every_process_whose_condition_holds_and_others_may_not_ask()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var amount = "amount" + suffix;
        await DeployAsync(admin, Flow("cond" + suffix, amount, 1000));
        await DeployAsync(admin, Flow("condHigh" + suffix, amount, 100000));

        var (staff, _, _) = await app.UserAsync(admin, "staff", ["Staff"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync("/api/conditions", new { variables = new Dictionary<string, object> { [amount] = 5000 } })).StatusCode);
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/conditions", new { })).StatusCode);

        var (dispatcher, _, _) = await app.UserAsync(admin, "disp", ["Dispatcher"]);
        var answer = await ExpectAsync(await dispatcher.PostAsJsonAsync("/api/conditions", new
        {
            variables = new Dictionary<string, object> { [amount] = 5000, ["area"] = "东阁" },
            businessKey = "WH-2026-000777",
        }), HttpStatusCode.OK);
        var started = Assert.Single(answer["started"]!.AsArray())!;
        Assert.Equal(("cond" + suffix, "large", "WH-2026-000777"), (started["processKey"]!.GetValue<string>(), started["startEventId"]!.GetValue<string>(), started["businessKey"]!.GetValue<string>()));
        var detail = await ExpectAsync(await admin.GetAsync($"/api/instances/{started["id"]}"), HttpStatusCode.OK);
        Assert.Equal(5000, detail["variables"]![amount]!.GetValue<int>());
        Assert.Equal("东阁", detail["variables"]!["area"]!.GetValue<string>());

        // Nothing holds: 200 with nothing started. A key narrows the evaluation to one process.
        Assert.Empty((await ExpectAsync(await dispatcher.PostAsJsonAsync("/api/conditions", new { variables = new Dictionary<string, object> { [amount] = 10 } }), HttpStatusCode.OK))["started"]!.AsArray());
        var narrowed = await ExpectAsync(await admin.PostAsJsonAsync("/api/conditions", new
        {
            variables = new Dictionary<string, object> { [amount] = 200000 },
            processDefinitionKey = "condHigh" + suffix,
        }), HttpStatusCode.OK);
        Assert.Equal("condHigh" + suffix, Assert.Single(narrowed["started"]!.AsArray())!["processKey"]!.GetValue<string>());
        await ExpectFieldErrorAsync(await admin.PostAsJsonAsync("/api/conditions", new { processDefinitionKey = " " }), "processDefinitionKey");
        await ExpectFieldErrorAsync(await admin.PostAsJsonAsync("/api/conditions", new { businessKey = new string('x', 300) }), "businessKey");
    }

    [SkippableFact]
    public async Task Camundas_condition_path_takes_typed_variables_and_answers_process_instances()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var amount = "amount" + suffix;
        await DeployAsync(admin, Flow("camcond" + suffix, amount, 1000));

        var response = await admin.PostAsJsonAsync("/engine-rest/condition", new
        {
            variables = new Dictionary<string, object> { [amount] = new { value = 1500, type = "Integer" } },
            businessKey = "BK-1",
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var instance = Assert.Single(JsonNode.Parse(body)!.AsArray())!;
        Assert.Equal(("BK-1", false), (instance["businessKey"]!.GetValue<string>(), instance["ended"]!.GetValue<bool>()));
        Assert.False(string.IsNullOrEmpty(instance["definitionId"]!.GetValue<string>()));
        var detail = await ExpectAsync(await admin.GetAsync($"/api/instances/{instance["id"]}"), HttpStatusCode.OK);
        Assert.Equal(1500, detail["variables"]![amount]!.GetValue<int>());

        var bad = await admin.PostAsJsonAsync("/engine-rest/condition", new { variables = new Dictionary<string, object> { [amount] = new { value = "many", type = "Long" } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("InvalidRequestException", JsonNode.Parse(await bad.Content.ReadAsStringAsync())!["type"]!.GetValue<string>());
    }
}

public sealed class ConditionApiTests_Sqlite(SqliteApiServer server) : ConditionApiTests(server), IClassFixture<SqliteApiServer>;

public sealed class ConditionApiTests_Postgres(PostgresApiServer server) : ConditionApiTests(server), IClassFixture<PostgresApiServer>;
