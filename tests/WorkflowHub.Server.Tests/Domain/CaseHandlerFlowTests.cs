using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WorkflowHub.Server.Tests.Api;
using WorkflowHub.Server.Tests.Support;
using static WorkflowHub.Server.Tests.Api.Api;
using static WorkflowHub.Server.Tests.Domain.DemoSettings;

namespace WorkflowHub.Server.Tests.Domain;

/// <summary>The case.* handlers inside real flows: the ledger moves with the engine's steps; bad inputs become incidents.</summary>
public abstract class CaseHandlerFlowTests(ApiServer server)
{
    private static string Task(string id, string topic, params (string Name, string Value)[] inputs) => inputs.Length == 0
        ? $"""<bpmn:serviceTask id="{id}" camunda:type="external" camunda:topic="{topic}"/>"""
        : $"""
          <bpmn:serviceTask id="{id}" camunda:type="external" camunda:topic="{topic}">
            <bpmn:extensionElements><camunda:inputOutput>{string.Concat(inputs.Select(i => $"<camunda:inputParameter name=\"{i.Name}\">{i.Value}</camunda:inputParameter>"))}</camunda:inputOutput></bpmn:extensionElements>
          </bpmn:serviceTask>
          """;

    private static string Expr(string code) => "${" + code + "}";

    private static async Task<JsonObject> CaseByDescriptionAsync(HttpClient client, string description)
    {
        var items = (await client.GetFromJsonAsync<JsonObject>($"/api/cases?q={Uri.EscapeDataString(description)}"))!["items"]!.AsArray();
        return await client.GetFromJsonAsync<JsonObject>($"/api/cases/{Assert.Single(items)!["number"]}") ?? [];
    }

    [SkippableFact]
    public async Task A_flow_registers_routes_assigns_with_calendar_due_dates_verifies_closes_and_schedules_the_look_back()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var key = $"case-{Guid.NewGuid():N}"[..16];
        await DeployAsync(admin, Process(key, $"""
            <bpmn:startEvent id="s"/>
            {Task("reg", "case.register")}
            {Task("route", "case.route")}
            {Task("assign", "case.assign")}
            <bpmn:userTask id="fix" name="整改" camunda:candidateGroups="{Expr("areaGroup")}"
                           camunda:dueDate="{Expr("deadlineFor(categoryCode, '紧急')")}" camunda:followUpDate="{Expr("workhours(2)")}"/>
            {Task("submit", "case.verify", ("result", "submitted"))}
            {Task("pass", "case.verify", ("result", "passed"), ("actor", "inspector"))}
            {Task("close", "case.close")}
            {Task("look", "case.schedule-lookback", ("after", "P30D"))}
            <bpmn:endEvent id="e"/>
            {Chain("f", "s", "reg", "route", "assign", "fix", "submit", "pass", "close", "look", "e")}
            """));
        var description = $"物业合同未公示 {Guid.NewGuid():N}";
        var instance = await StartAsync(admin, key, variables: new
        {
            channel = "Hotline12345", categoryCode = "WY02", urgency = "Urgent", description, address = "同和社区 5 号楼", areaCode = "TH01-01", externalRef = "12345-0001",
        });

        var registered = await CaseByDescriptionAsync(admin, description);
        Assert.Equal("InProgress", registered["summary"]!["status"]!.GetValue<string>());
        Assert.Equal("area-tonghe", registered["summary"]!["areaGroup"]!.GetValue<string>());
        Assert.Equal(instance["id"]!.GetValue<string>(), registered["processInstanceId"]!.GetValue<string>());

        // Monday 2 March 2026, 08:30 in Beijing: 3 working days (WY02 urgent) end on Thursday at 17:30; 2 working hours at 10:30.
        var tasks = (await admin.GetFromJsonAsync<JsonObject>($"/api/tasks?processKey={key}"))!["items"]!.AsArray();
        var fix = Assert.Single(tasks)!;
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 17, 30, 0, TimeSpan.FromHours(8)), fix["dueDate"]!.GetValue<DateTimeOffset>());
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 10, 30, 0, TimeSpan.FromHours(8)), fix["followUpDate"]!.GetValue<DateTimeOffset>());
        Assert.Equal(["area-tonghe"], fix["candidateGroups"]!.AsArray().Select(g => g!["id"]!.GetValue<string>()));
        Assert.Equal(fix["dueDate"]!.GetValue<DateTimeOffset>(), registered["summary"]!["dueAt"]!.GetValue<DateTimeOffset>());

        await ExpectAsync(await admin.PostAsJsonAsync($"/api/tasks/{fix["id"]}/complete", new { }), HttpStatusCode.OK);

        var closed = await CaseByDescriptionAsync(admin, description);
        var number = closed["summary"]!["number"]!.GetValue<string>();
        Assert.Equal("Closed", closed["summary"]!["status"]!.GetValue<string>());
        Assert.True(closed["lastVerificationPassed"]!.GetValue<bool>());
        Assert.Equal(closed["summary"]!["closedAt"]!.GetValue<DateTimeOffset>().AddDays(30), closed["lookbackAt"]!.GetValue<DateTimeOffset>());

        var timeline = (await admin.GetItemsAsync($"/api/cases/{number}/timeline"))!;
        Assert.Equal(["register", "route", "assign", "verify", "verify", "close", "schedule-lookback"], timeline.Select(t => t!["action"]!.GetValue<string>()));
        Assert.All(timeline, t => Assert.Equal(instance["id"]!.GetValue<string>(), t!["processInstanceId"]!.GetValue<string>()));
        Assert.Equal("inspector", timeline[4]!["actor"]!.GetValue<string>());
        Assert.Equal(["Registered", "InProgress", "AwaitingVerification", "AwaitingVerification", "Closed"],
            timeline.Where(t => t!["toStatus"] is not null).Select(t => t!["toStatus"]!.GetValue<string>()));
    }

    [SkippableFact]
    public async Task Escalation_counts_supervision_orders_and_forwarding_goes_to_the_streets_dual_report_unit()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var number = Number(await RegisterAsync(admin, "SR01", "FT02-01", "违停堵路"));
        var key = $"esc-{Guid.NewGuid():N}"[..16];
        await DeployAsync(admin, Process(key, $"""
            <bpmn:startEvent id="s"/>
            {Task("remind", "case.escalate")}
            {Task("order", "case.escalate")}
            {Task("head", "case.escalate")}
            {Task("fwd", "case.forward", ("mode", "dual-report"))}
            <bpmn:userTask id="wait"/>
            <bpmn:endEvent id="e"/>
            {Chain("f", "s", "remind", "order", "head", "fwd", "wait", "e")}
            """));
        var instance = await StartAsync(admin, key, number);

        var detail = (await admin.GetFromJsonAsync<JsonObject>($"/api/cases/{number}"))!;
        Assert.Equal(3, detail["summary"]!["escalationLevel"]!.GetValue<int>());
        Assert.Equal(1, detail["summary"]!["supervisionOrders"]!.GetValue<int>());
        Assert.Equal("Forwarded", detail["summary"]!["status"]!.GetValue<string>());
        Assert.StartsWith("县交警大队凤台", detail["forwardedTo"]!["name"]!.GetValue<string>());
        var variables = (await admin.GetFromJsonAsync<JsonObject>($"/api/instances/{instance["id"]}"))!.ToJsonString();
        Assert.Contains("\"escalationTarget\":\"fengtai-head\"", variables);
    }

    [SkippableFact]
    public async Task A_handler_with_a_bad_input_stops_with_an_incident_that_says_what_is_wrong()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var number = Number(await RegisterAsync(admin, "HJ04", "TH01-02", "垃圾外溢"));
        var key = $"bad-{Guid.NewGuid():N}"[..16];
        await DeployAsync(admin, Process(key, $"""
            <bpmn:startEvent id="s"/>
            {Task("fwd", "case.forward", ("caseNumber", number), ("mode", "sideways"))}
            <bpmn:endEvent id="e"/>
            {Chain("f", "s", "fwd", "e")}
            """));
        var instance = await StartAsync(admin, key);
        var incidents = (await admin.GetFromJsonAsync<JsonObject>($"/api/incidents?instanceId={instance["id"]}"))!["items"]!.AsArray();
        var message = Assert.Single(incidents)!["message"]!.GetValue<string>();
        Assert.Contains("case.forward", message);
        Assert.Contains("输入 mode 须为 report-up 或 dual-report，不是“sideways”", message);
        // Nothing the failed step wrote stays: the case is untouched.
        Assert.Single((await admin.GetItemsAsync($"/api/cases/{number}/timeline"))!);

        var handlers = (await admin.GetFromJsonAsync<JsonObject>("/api/handlers?pageSize=200"))!["items"]!.AsArray().Select(h => h!["topic"]!.GetValue<string>()).ToList();
        // The ledger's nine handlers are offered (the shipped flows add more case.* topics of their own).
        Assert.Subset(handlers.ToHashSet(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal)
        {
            "case.assign", "case.close", "case.escalate", "case.forward", "case.register", "case.reopen", "case.route", "case.schedule-lookback", "case.verify",
        });
    }
}

public sealed class CaseHandlerFlowTests_Sqlite(DemoSqliteServer server) : CaseHandlerFlowTests(server), IClassFixture<DemoSqliteServer>;

public sealed class CaseHandlerFlowTests_Postgres(DemoPostgresServer server) : CaseHandlerFlowTests(server), IClassFixture<DemoPostgresServer>;
