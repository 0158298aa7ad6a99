using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using static WorkflowHub.Server.Tests.Api.Api;

namespace WorkflowHub.Server.Tests.Api;

/// <summary>Definitions, instances, paging, messages, handlers, incidents and the errors they answer.</summary>
public abstract class ApiBehaviourTests(ApiServer server)
{
    [SkippableFact]
    public async Task Deploy_answers_201_with_keys_and_versions_and_definitions_can_be_read_back()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var first = await DeployAsync(admin, GroupTask("versioned", "g1"));
        var process = Assert.Single(first["processes"]!.AsArray())!;
        Assert.Equal("versioned", process["key"]!.GetValue<string>());
        Assert.Equal(1, process["version"]!.GetValue<int>());
        var second = await DeployAsync(admin, GroupTask("versioned", "g2"));
        Assert.Equal(2, second["processes"]![0]!["version"]!.GetValue<int>());

        var versions = Items((await admin.GetFromJsonAsync<JsonObject>("/api/definitions/versioned/versions"))!);
        Assert.Equal(2, versions!.Count);
        var latest = Items((await admin.GetFromJsonAsync<JsonObject>("/api/definitions?pageSize=200"))!);
        Assert.Equal(2, latest!.Single(d => d!["key"]!.GetValue<string>() == "versioned")!["version"]!.GetValue<int>());
        var xml = await admin.GetStringAsync("/api/definitions/versioned/xml?version=1");
        Assert.Contains("candidateGroups=\"g1\"", xml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/definitions/nothing-here/xml")).StatusCode);
        await ExpectFieldErrorAsync(await admin.GetAsync("/api/definitions/versioned/xml?version=abc"), "version");
    }

    [SkippableFact]
    public async Task A_broken_BPMN_file_is_a_400_listing_problems_with_their_line()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var broken = Process("broken", """
            <bpmn:startEvent id="s"/>
            <bpmn:userTask id="fix"/>
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="nowhere"/>
            """);
        var response = await admin.PostAsync("/api/definitions", new StringContent(broken, Encoding.UTF8, "application/xml"));
        var problem = await ExpectAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problems = problem["problems"]!.AsArray();
        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.True(p!["line"]!.GetValue<int>() > 0));

        var validated = await ExpectAsync(await admin.PostAsync("/api/definitions/validate", new StringContent(broken, Encoding.UTF8, "text/xml")), HttpStatusCode.OK);
        Assert.False(validated["valid"]!.GetValue<bool>());
        Assert.NotEmpty(validated["problems"]!.AsArray());

        var notXml = await admin.PostAsync("/api/definitions", new StringContent("<definitions", Encoding.UTF8, "application/xml"));
        Assert.Equal(HttpStatusCode.BadRequest, notXml.StatusCode);
        var wrongType = await admin.PostAsync("/api/definitions", new StringContent(broken, Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
    }

    [SkippableFact]
    public async Task Instances_are_listed_a_page_at_a_time_with_filters()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        await DeployAsync(admin, GroupTask("paged", "g"));
        for (var i = 1; i <= 5; i++)
        {
            await StartAsync(admin, "paged", $"P-{i}", new { n = i });
        }
        var page1 = await ExpectAsync(await admin.GetAsync("/api/instances?key=paged&page=1&pageSize=2"), HttpStatusCode.OK);
        var page3 = await ExpectAsync(await admin.GetAsync("/api/instances?key=paged&page=3&pageSize=2"), HttpStatusCode.OK);
        Assert.Equal(5, page1["total"]!.GetValue<int>());
        Assert.Equal(2, Items(page1).Count);
        Assert.Single(Items(page3));
        var one = await ExpectAsync(await admin.GetAsync("/api/instances?key=paged&businessKey=P-3&status=Running"), HttpStatusCode.OK);
        var found = Assert.Single(Items(one))!;
        Assert.Equal("P-3", found["businessKey"]!.GetValue<string>());
        var none = await ExpectAsync(await admin.GetAsync("/api/instances?key=paged&status=completed"), HttpStatusCode.OK);
        Assert.Empty(Items(none));

        var detail = await ExpectAsync(await admin.GetAsync($"/api/instances/{found["id"]}"), HttpStatusCode.OK);
        Assert.Equal(3, detail["variables"]!["n"]!.GetValue<int>());
        var history = Items((await admin.GetFromJsonAsync<JsonObject>($"/api/instances/{found["id"]}/history"))!);
        Assert.NotEmpty(history!);

        var tasks = await ExpectAsync(await admin.GetAsync("/api/tasks?processKey=paged&pageSize=2&page=2&sort=created"), HttpStatusCode.OK);
        Assert.Equal(5, tasks["total"]!.GetValue<int>());
        Assert.Equal(2, Items(tasks).Count);

        await ExpectAsync(await admin.PostAsJsonAsync($"/api/instances/{found["id"]}/cancel", new { reason = "duplicate" }), HttpStatusCode.NoContent);
        var cancelled = await ExpectAsync(await admin.GetAsync($"/api/instances/{found["id"]}"), HttpStatusCode.OK);
        Assert.Equal("Cancelled", cancelled["summary"]!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/instances/no-such-instance")).StatusCode);
    }

    [SkippableFact]
    public async Task Tasks_sort_by_priority_and_become_overdue_as_the_clock_moves()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        await DeployAsync(admin, Process("prioritised", """
            <bpmn:startEvent id="s"/>
            <bpmn:userTask id="fix" camunda:candidateGroups="area-west" camunda:priority="${prio}" camunda:dueDate="PT1H"/>
            <bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "fix", "e")));
        await StartAsync(admin, "prioritised", "LOW", new { prio = 10 });
        await StartAsync(admin, "prioritised", "HIGH", new { prio = 90 });

        var byPriority = Items(await ExpectAsync(await admin.GetAsync("/api/tasks?processKey=prioritised&sort=priority&desc=true"), HttpStatusCode.OK));
        Assert.Equal(["HIGH", "LOW"], byPriority.Select(t => t!["businessKey"]!.GetValue<string>()).ToArray());
        Assert.Empty(Items(await ExpectAsync(await admin.GetAsync("/api/tasks?processKey=prioritised&overdue=true"), HttpStatusCode.OK)));

        await ExpectAsync(await admin.PostAsJsonAsync("/api/dev/clock/advance", new { duration = "PT2H" }), HttpStatusCode.OK);
        var overdue = Items(await ExpectAsync(await admin.GetAsync("/api/tasks?processKey=prioritised&overdue=true&sort=due"), HttpStatusCode.OK));
        Assert.Equal(2, overdue.Count);
        var high = Items(await ExpectAsync(await admin.GetAsync("/api/tasks?processKey=prioritised&businessKey=HIGH"), HttpStatusCode.OK));
        Assert.Equal(90, Assert.Single(high)!["priority"]!.GetValue<int>());
    }

    [SkippableTheory]
    [InlineData("/api/instances?page=0", "page")]
    [InlineData("/api/instances?pageSize=1000", "pageSize")]
    [InlineData("/api/instances?pageSize=ten", "pageSize")]
    [InlineData("/api/instances?status=Sleeping", "status")]
    [InlineData("/api/instances?startedAfter=yesterday", "startedAfter")]
    [InlineData("/api/tasks?sort=colour", "sort")]
    [InlineData("/api/tasks?dueBefore=soon", "dueBefore")]
    [InlineData("/api/tasks?mine=perhaps", "mine")]
    [InlineData("/api/incidents?page=-1", "page")]
    public async Task Bad_query_values_are_400_problems_naming_the_field(string path, string field)
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        await ExpectFieldErrorAsync(await admin.GetAsync(path), field);
    }

    [SkippableFact]
    public async Task Unreadable_JSON_is_a_400_with_its_position_and_engine_errors_name_their_field()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var response = await admin.PostAsync("/api/processes/anything/start", new StringContent("{\n  \"businessKey\": \"x\",\n  \"variables\": {oops}\n}", Encoding.UTF8, "application/json"));
        var problem = await ExpectAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(3, problem["position"]!["line"]!.GetValue<int>());
        Assert.NotNull(problem["errors"]);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync("/api/processes/no-such-process/start", new { })).StatusCode);
        await ExpectFieldErrorAsync(await admin.PostAsJsonAsync("/api/messages", new { businessKey = "x" }), "messageName");
        await ExpectFieldErrorAsync(await admin.PostAsJsonAsync("/api/dev/clock/advance", new { duration = "tomorrow" }), "duration");
        await ExpectFieldErrorAsync(await admin.PostAsJsonAsync("/api/dev/clock/advance", new { }), "duration");
        // A value of the wrong JSON type is named by its property.
        await ExpectFieldErrorAsync(await admin.PostAsJsonAsync("/api/dev/clock/advance", new { duration = 24 }), "duration");
    }

    [SkippableFact]
    public async Task A_JSON_body_over_the_limit_is_413()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var response = await admin.PostAsJsonAsync("/api/messages", new { messageName = "m", variables = new { text = new string('x', 70_000) } });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [SkippableFact]
    public async Task Messages_start_or_move_instances_and_unknown_ones_are_404()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        await DeployAsync(admin, MessageStartFlow("intake", "ApiProblemReported"));
        var result = await ExpectAsync(await admin.PostAsJsonAsync("/api/messages",
            new { messageName = "ApiProblemReported", businessKey = "12345-0001", variables = new { channel = "12345" } }), HttpStatusCode.OK);
        Assert.True(result["startedInstance"]!.GetValue<bool>());
        // The engine's own argument errors name their field too.
        await ExpectFieldErrorAsync(await admin.PostAsJsonAsync("/api/processes/intake/start", new { }), "processKey");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync("/api/messages", new { messageName = "NobodyListens" })).StatusCode);
    }

    [SkippableFact]
    public async Task Handlers_and_incidents_are_listed()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        await ExpectAsync(await admin.GetAsync("/api/handlers"), HttpStatusCode.OK);
        var incidents = await ExpectAsync(await admin.GetAsync("/api/incidents?page=1&pageSize=10"), HttpStatusCode.OK);
        Assert.NotNull(incidents["items"]);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync("/api/incidents/no-such-incident/retry", new { })).StatusCode);
    }

    [SkippableFact]
    public async Task Deploy_reads_the_request_bytes_in_the_declared_encoding_and_refuses_invalid_utf8()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var latin1 = Process("latin1", """<bpmn:startEvent id="s" name="café"/><bpmn:endEvent id="e"/>""" + Chain("f", "s", "e"))
            .Replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"", StringComparison.Ordinal);
        var body = new ByteArrayContent(Encoding.Latin1.GetBytes(latin1));
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/xml");
        await ExpectAsync(await admin.PostAsync("/api/definitions", body), HttpStatusCode.Created);
        Assert.Contains("name=\"café\"", await admin.GetStringAsync("/api/definitions/latin1/xml"), StringComparison.Ordinal);

        var bytes = Encoding.UTF8.GetBytes(Process("badutf8", """<bpmn:startEvent id="s" name="caf#"/><bpmn:endEvent id="e"/>""" + Chain("f", "s", "e")));
        bytes[Array.IndexOf(bytes, (byte)'#')] = 0xE9;
        var invalid = new ByteArrayContent(bytes);
        invalid.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/xml");
        var problem = await ExpectAsync(await admin.PostAsync("/api/definitions", invalid), HttpStatusCode.BadRequest);
        Assert.Contains("encoding", problem.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        await ExpectAsync(await admin.GetAsync("/api/definitions/badutf8/versions"), HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Starting_a_version_that_does_not_exist_is_a_404_naming_the_version()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        await DeployAsync(admin, GroupTask("oneversion", "g1"));
        var problem = await ExpectAsync(await admin.PostAsJsonAsync("/api/processes/oneversion/start", new { version = 9 }), HttpStatusCode.NotFound);
        // The engine's English text, translated (zh-CN by default): it names the version asked for and those there are.
        Assert.Equal("流程“oneversion”没有版本 9（现有版本 1 至 1）。", problem["detail"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Trigger_moves_on_a_receive_task_without_messageRef_and_names_a_bad_activity()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        await DeployAsync(admin, Process("triggered", """
            <bpmn:startEvent id="s"/><bpmn:receiveTask id="wait"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "wait", "e")));
        var id = (await StartAsync(admin, "triggered"))["id"]!.GetValue<string>();
        await ExpectFieldErrorAsync(await admin.PostAsJsonAsync($"/api/instances/{id}/trigger", new { }), "activityId");
        await ExpectAsync(await admin.PostAsJsonAsync($"/api/instances/{id}/trigger", new { activityId = "s" }), HttpStatusCode.NotFound);
        await ExpectAsync(await admin.PostAsJsonAsync($"/api/instances/{id}/trigger", new { activityId = "wait", variables = new { ok = true } }), HttpStatusCode.NoContent);
        var detail = await ExpectAsync(await admin.GetAsync($"/api/instances/{id}"), HttpStatusCode.OK);
        Assert.Equal("Completed", detail["summary"]!["status"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Signals_are_sent_by_administrators_and_dispatchers_only_and_reach_waiting_instances()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var signal = $"flood-{Guid.NewGuid():N}"[..14];
        await DeployAsync(admin, Process("flooded", $"""
            <bpmn:startEvent id="s"/>
            <bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="Sig"/></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "wait", "e"), $"""<bpmn:signal id="Sig" name="{signal}"/>"""));
        var id = (await StartAsync(admin, "flooded"))["id"]!.GetValue<string>();

        var (supervisor, _, _) = await app.UserAsync(admin, "sup", ["Supervisor"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsJsonAsync("/api/signals", new { signalName = signal })).StatusCode);
        var (dispatcher, _, _) = await app.UserAsync(admin, "disp", ["Dispatcher"]);
        await ExpectFieldErrorAsync(await dispatcher.PostAsJsonAsync("/api/signals", new { signalName = " " }), "signalName");

        var sent = await ExpectAsync(await dispatcher.PostAsJsonAsync("/api/signals", new { signalName = signal, variables = new { level = 3 } }), HttpStatusCode.OK);
        Assert.Equal(id, Assert.Single(sent["movedInstanceIds"]!.AsArray())!.GetValue<string>());
        var detail = await ExpectAsync(await admin.GetAsync($"/api/instances/{id}"), HttpStatusCode.OK);
        Assert.Equal("Completed", detail["summary"]!["status"]!.GetValue<string>());
    }
}

public sealed class ApiBehaviourTests_Sqlite(SqliteApiServer server) : ApiBehaviourTests(server), IClassFixture<SqliteApiServer>;

public sealed class ApiBehaviourTests_Postgres(PostgresApiServer server) : ApiBehaviourTests(server), IClassFixture<PostgresApiServer>;
