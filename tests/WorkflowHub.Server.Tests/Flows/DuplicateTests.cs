using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace WorkflowHub.Server.Tests.Flows;

/// <summary>
/// Duplicate reports (并单): a second report of an open problem (same category and grid, near or at the same address)
/// waits for the dispatcher, who merges it into the open case or lets it go on as its own. HTTP only.
/// </summary>
public abstract class DuplicateTests(FlowServer server)
{
    private const string Grid = "DG02-02";

    [SkippableFact]
    public async Task A_repeat_report_is_merged_into_the_open_case_or_goes_on_when_the_dispatcher_says_it_is_not_a_duplicate()
    {
        var flow = await FlowDriver.StartAsync(server);
        var client = (await server.GetAsync()).CreateClient();
        static string Text(JsonObject o, string name) => o[name]!.GetValue<string>();
        async Task<string[]> OpenTasksAsync(string number) =>
            [.. (await flow.TasksAsync(await flow.InstanceOfAsync(number))).Select(t => Text(t, "elementId")).Order()];

        // the first report: no candidate, straight to the dual assignment
        var first = await flow.ReportAsync("dongge-staff", "HJ02", Grid, "阁前路 18 号", "路边垃圾堆积。",
            new Dictionary<string, string> { ["latitude"] = "34.2", ["longitude"] = "117.3" });
        Assert.Equal(["assist", "rectify"], await OpenTasksAsync(first));

        // 20 m away, another address and another reporter: offered to the dispatcher with the first case as the candidate
        var near = await flow.ReportAsync("dongge-staff", "HJ02", Grid, "阁前路 18 号对面", "对面也看到垃圾堆积。", new Dictionary<string, string>
        {
            ["latitude"] = "34.20018", ["longitude"] = "117.3", ["reporterName"] = "赵先生", ["reporterContact"] = "13900000000", ["externalRef"] = "JY-0001",
        });
        Assert.Equal(["dedupe"], await OpenTasksAsync(near));
        var suspected = await flow.CaseAsync(near);
        Assert.Equal("Registered", Text(suspected["summary"]!.AsObject(), "status"));
        Assert.Equal([first], suspected["duplicateCandidates"]!.AsArray().Select(n => n!.GetValue<string>()).ToArray());
        var dedupe = await flow.TaskAsync(await flow.InstanceOfAsync(near), "dedupe");
        Assert.Contains("func-collection", dedupe["candidateGroups"]!.AsArray().Select(g => Text(g!.AsObject(), "id")));

        // merged (并单): the report is closed as 已并单 pointing to the first case, which gets its reporter, reference and photo
        await flow.CompleteAsync("collector", dedupe, new { duplicateDecision = "merge", mergeInto = first, duplicateComment = "同一堆垃圾" });
        var merged = await flow.CaseAsync(near);
        Assert.Equal("Merged", Text(merged["summary"]!.AsObject(), "status"));
        Assert.Equal("已并单", Text(merged["summary"]!.AsObject(), "statusName"));
        Assert.Equal(first, Text(merged, "mergedInto"));
        Assert.Empty(merged["duplicateCandidates"]!.AsArray());
        Assert.Empty(await flow.TasksAsync(await flow.InstanceOfAsync(near)));
        var survivor = await flow.CaseAsync(first);
        Assert.Equal(2, survivor["photos"]!.AsArray().Count);
        var mergeIn = (await flow.TimelineAsync(first)).Single(e => Text(e!.AsObject(), "action") == "merge-in")!.AsObject();
        Assert.Contains(near, Text(mergeIn, "note"));
        Assert.Contains("JY-0001", Text(mergeIn, "note"));
        Assert.Contains("赵先生", Text(mergeIn, "note"));
        Assert.Equal(["assist", "rectify"], await OpenTasksAsync(first));

        // Open311 with the first case's address written differently: merged too, and GeoReport answers the survivor's status
        var posted = await client.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = FlowServer.Open311Key, ["service_code"] = "HJ02", ["description"] = "垃圾没人管", ["address_string"] = "阁前路18号",
            ["attribute[areaCode]"] = Grid, ["first_name"] = "钱",
        }));
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        var request = (await posted.Content.ReadFromJsonAsync<JsonArray>())![0]!["service_request_id"]!.GetValue<string>();
        await flow.CompleteAsync("collector", await flow.TaskAsync(await flow.InstanceOfAsync(request), "dedupe"), new { duplicateDecision = "merge", mergeInto = first });
        var geo = (await client.GetFromJsonAsync<JsonArray>($"/open311/v2/requests/{request}.json"))![0]!.AsObject();
        Assert.Equal("open", Text(geo, "status"));
        Assert.Contains(first, Text(geo, "status_notes"));
        Assert.Contains("处置中", Text(geo, "status_notes"));
        Assert.Equal("东阁街道片区行动组", Text(geo, "agency_responsible"));
        Assert.Equal(survivor["summary"]!["dueAt"]!.GetValue<DateTimeOffset>().ToUnixTimeSeconds(),
            DateTimeOffset.Parse(Text(geo, "expected_datetime"), System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds());
        Assert.Contains(await client.GetFromJsonAsync<JsonArray>($"/open311/v2/requests.json?status=open&service_request_id={request}") ?? [], r => Text(r!.AsObject(), "service_request_id") == request);
        Assert.Empty((await client.GetFromJsonAsync<JsonArray>($"/open311/v2/requests.json?status=closed&service_request_id={request}"))!);

        // a 12345 order at the same address that the dispatcher finds is a different problem: it goes on as its own case
        var accepted = await flow.WebhookAsync("hotline-12345", new JsonObject
        {
            ["workOrderNo"] = "GD-DUP-0002", ["callerName"] = "孙女士", ["address"] = "阁前路 18 号", ["content"] = "门口另有一处建筑垃圾。",
            ["categoryCode"] = "HJ02", ["gridCode"] = Grid,
        });
        var hotline = accepted["instanceId"]!.GetValue<string>();
        var separate = await flow.TaskAsync(hotline, "dedupe");
        await flow.CompleteAsync("collector", separate, new { duplicateDecision = "separate", mergeInto = first, duplicateComment = "另一处问题" });
        Assert.Equal(["assist", "rectify"], (await flow.TasksAsync(hotline)).Select(t => Text(t, "elementId")).Order().ToArray());
        var ownNumber = Items((await flow.Admin.GetFromJsonAsync<JsonObject>($"/api/cases?channel=Hotline12345&area={Grid}"))!)
            .Select(c => Text(c!.AsObject(), "number")).Single();
        var kept = await flow.CaseAsync(ownNumber);
        Assert.Equal("InProgress", Text(kept["summary"]!.AsObject(), "status"));
        Assert.Null(kept["mergedInto"]);
        Assert.Empty(kept["duplicateCandidates"]!.AsArray());
        Assert.Contains(await flow.TimelineAsync(ownNumber), e => Text(e!.AsObject(), "action") == "not-duplicate");

        // far away (about 1 km) and at another address: not a candidate at all
        var far = await flow.ReportAsync("dongge-staff", "HJ02", Grid, "阁前路 300 号", "另一端的垃圾。",
            new Dictionary<string, string> { ["latitude"] = "34.21", ["longitude"] = "117.3" });
        Assert.Equal(["assist", "rectify"], await OpenTasksAsync(far));
        await flow.NoIncidentsAsync();
    }

    private static JsonArray Items(JsonObject page) => page["items"]!.AsArray();
}

public sealed class DuplicateTests_Sqlite(SqliteFlowServer server) : DuplicateTests(server), IClassFixture<SqliteFlowServer>;

public sealed class DuplicateTests_Postgres(PostgresFlowServer server) : DuplicateTests(server), IClassFixture<PostgresFlowServer>;
