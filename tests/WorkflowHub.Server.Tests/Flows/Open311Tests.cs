using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace WorkflowHub.Server.Tests.Flows;

/// <summary>Must-show (e): an Open311 GeoReport v2 POST creates a case that GET requests shows, with status and the responsible agency.</summary>
public abstract class Open311Tests(FlowServer server)
{
    [SkippableFact]
    public async Task E_an_Open311_post_creates_a_case_visible_through_get_requests()
    {
        var flow = await FlowDriver.StartAsync(server);
        var client = (await server.GetAsync()).CreateClient();

        var services = await client.GetFromJsonAsync<JsonArray>("/open311/v2/services.json");
        Assert.Contains(services!, s => s!["service_code"]!.GetValue<string>() == "HJ02");
        Assert.Contains("<service_code>HJ02</service_code>", await client.GetStringAsync("/open311/v2/services.xml"));
        var definition = await client.GetFromJsonAsync<JsonObject>("/open311/v2/services/HJ02.json");
        Assert.Equal("areaCode", definition!["attributes"]![0]!["code"]!.GetValue<string>());

        FormUrlEncodedContent Form(string key) => new(new Dictionary<string, string>
        {
            ["api_key"] = key, ["service_code"] = "HJ02", ["description"] = "路口垃圾无人清理", ["address_string"] = "东关路 8 号",
            ["attribute[areaCode]"] = "DG01-01", ["lat"] = "34.1", ["long"] = "117.2", ["first_name"] = "李",
        });
        var refused = await client.PostAsync("/open311/v2/requests.json", Form("wrong-key"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(403, (await refused.Content.ReadFromJsonAsync<JsonArray>())![0]!["code"]!.GetValue<int>());

        var posted = await client.PostAsync("/open311/v2/requests.json", Form(FlowServer.Open311Key));
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        var id = (await posted.Content.ReadFromJsonAsync<JsonArray>())![0]!["service_request_id"]!.GetValue<string>();
        await flow.NoIncidentsAsync();

        var one = (await client.GetFromJsonAsync<JsonArray>($"/open311/v2/requests/{id}.json"))![0]!;
        Assert.Equal("open", one["status"]!.GetValue<string>());
        Assert.Equal("处置中", one["status_notes"]!.GetValue<string>());
        Assert.Equal("东阁街道片区行动组", one["agency_responsible"]!.GetValue<string>());
        Assert.NotNull(one["expected_datetime"]);
        var listed = await client.GetFromJsonAsync<JsonArray>("/open311/v2/requests.json?service_code=HJ02&status=open");
        Assert.Contains(listed!, r => r!["service_request_id"]!.GetValue<string>() == id);
        var missing = await client.GetAsync("/open311/v2/requests/WH-1999-000001.json");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var bad = await client.GetAsync("/open311/v2/requests.json?status=maybe");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(400, (await bad.Content.ReadFromJsonAsync<JsonArray>())![0]!["code"]!.GetValue<int>());

        // the case runs the shipped flow like any other: two tasks wait
        var instance = await flow.InstanceOfAsync(id);
        Assert.Equal(["assist", "rectify"], (await flow.TasksAsync(instance)).Select(t => t["elementId"]!.GetValue<string>()).Order().ToArray());
    }
}

public sealed class Open311Tests_Sqlite(SqliteFlowServer server) : Open311Tests(server), IClassFixture<SqliteFlowServer>;

public sealed class Open311Tests_Postgres(PostgresFlowServer server) : Open311Tests(server), IClassFixture<PostgresFlowServer>;
