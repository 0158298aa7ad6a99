using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static WorkflowHub.Server.Tests.Api.Api;

namespace WorkflowHub.Server.Tests.Api;

/// <summary>
/// The external-task endpoints (issue 13): /api/external-tasks and Camunda 7's /engine-rest/external-task, their roles,
/// typed variables, answer shapes, errors and long polling.
/// </summary>
public abstract class ExternalTaskApiTests(ApiServer server)
{
    private static string Flow(string key, string topic) => Process(key, $"""
        <bpmn:startEvent id="s"/>
        <bpmn:serviceTask id="check" camunda:type="external" camunda:topic="{topic}" camunda:taskPriority="5"/>
        <bpmn:boundaryEvent id="refused" attachedToRef="check"><bpmn:errorEventDefinition errorRef="REFUSED"/></bpmn:boundaryEvent>
        <bpmn:userTask id="review"/><bpmn:userTask id="appeal"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
        <bpmn:sequenceFlow id="b1" sourceRef="refused" targetRef="appeal"/><bpmn:sequenceFlow id="b2" sourceRef="appeal" targetRef="e2"/>
        """ + Chain("f", "s", "check", "review", "e"));

    private static async Task<(HttpClient Admin, HttpClient Worker, string Key, string Topic)> SetUpAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app)
    {
        var admin = await app.AdminAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var key = "ext" + suffix;
        var topic = "credit.check." + suffix;
        await DeployAsync(admin, Flow(key, topic));
        var worker = await app.UserAsync(admin, "worker", ["Worker"]);
        return (admin, worker.Client, key, topic);
    }

    private static object FetchBody(string worker, string topic, long timeout = 0) => new
    {
        workerId = worker,
        maxTasks = 10,
        usePriority = true,
        asyncResponseTimeout = timeout,
        topics = new[] { new { topicName = topic, lockDuration = 60000 } },
    };

    [SkippableFact]
    public async Task Only_workers_and_administrators_may_call_and_anonymous_callers_get_401()
    {
        var app = await server.GetAsync();
        var (admin, worker, _, topic) = await SetUpAsync(app);
        var staff = await app.UserAsync(admin, "staff", ["Staff"]);
        using var anonymous = app.CreateClient();
        foreach (var path in new[] { "/api/external-tasks/fetch-and-lock", "/engine-rest/external-task/fetchAndLock" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync(path, FetchBody("w", topic))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.PostAsJsonAsync(path, FetchBody("w", topic))).StatusCode);
            await ExpectAsync(await worker.PostAsJsonAsync(path, FetchBody("w", topic)), HttpStatusCode.OK);
            await ExpectAsync(await admin.PostAsJsonAsync(path, FetchBody("w", topic)), HttpStatusCode.OK);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.PostAsJsonAsync("/engine-rest/external-task/x/unlock", new { })).StatusCode);
    }

    [SkippableFact]
    public async Task Camunda_fetchAndLock_answers_Camundas_fields_and_typed_variables_and_complete_takes_typed_variables()
    {
        var app = await server.GetAsync();
        var (admin, worker, key, topic) = await SetUpAsync(app);
        var instance = (await StartAsync(admin, key, "WH-2026-000042", new { amount = 1200, applicant = "张三", big = 5_000_000_000L, rate = 0.5, flag = true, meta = new { area = "东阁" }, none = (string?)null }))["id"]!.GetValue<string>();

        var response = await worker.PostAsJsonAsync("/engine-rest/external-task/fetchAndLock", FetchBody("js-1", topic));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.ToString());
        var task = Assert.Single(JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray())!.AsObject();
        Assert.Equal(topic, task["topicName"]!.GetValue<string>());
        Assert.Equal("js-1", task["workerId"]!.GetValue<string>());
        Assert.Equal(instance, task["processInstanceId"]!.GetValue<string>());
        Assert.Equal(("check", key, "WH-2026-000042"), (task["activityId"]!.GetValue<string>(), task["processDefinitionKey"]!.GetValue<string>(), task["businessKey"]!.GetValue<string>()));
        Assert.Equal(5, task["priority"]!.GetValue<long>());
        Assert.Null(task["retries"]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$", task["lockExpirationTime"]!.GetValue<string>());
        Assert.StartsWith("check:", task["activityInstanceId"]!.GetValue<string>(), StringComparison.Ordinal);
        var vars = task["variables"]!.AsObject();
        Assert.Equal((1200, "Integer"), (vars["amount"]!["value"]!.GetValue<int>(), vars["amount"]!["type"]!.GetValue<string>()));
        Assert.Equal(("张三", "String"), (vars["applicant"]!["value"]!.GetValue<string>(), vars["applicant"]!["type"]!.GetValue<string>()));
        Assert.Equal("Long", vars["big"]!["type"]!.GetValue<string>());
        Assert.Equal(("Double", "Boolean", "Null"), (vars["rate"]!["type"]!.GetValue<string>(), vars["flag"]!["type"]!.GetValue<string>(), vars["none"]!["type"]!.GetValue<string>()));
        Assert.Equal("Json", vars["meta"]!["type"]!.GetValue<string>());
        Assert.Equal("东阁", JsonNode.Parse(vars["meta"]!["value"]!.GetValue<string>())!["area"]!.GetValue<string>());

        var id = task["id"]!.GetValue<string>();
        var bad = await worker.PostAsJsonAsync($"/engine-rest/external-task/{id}/complete", new { workerId = "js-1", variables = new { total = new { value = "many", type = "Long" } } });
        var badBody = await ExpectAsync(bad, HttpStatusCode.BadRequest);
        Assert.Equal("InvalidRequestException", badBody["type"]!.GetValue<string>());
        Assert.Contains("variables.total", badBody["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var wrong = await ExpectAsync(await worker.PostAsJsonAsync($"/engine-rest/external-task/{id}/complete", new { workerId = "someone-else" }), HttpStatusCode.BadRequest);
        Assert.Equal("BadUserRequestException", wrong["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await worker.PostAsJsonAsync($"/api/external-tasks/{id}/complete", new { workerId = "someone-else" })).StatusCode);
        var missing = await ExpectAsync(await worker.PostAsJsonAsync("/engine-rest/external-task/no-such-task/complete", new { workerId = "js-1" }), HttpStatusCode.NotFound);
        Assert.Equal("InvalidRequestException", missing["type"]!.GetValue<string>());

        await ExpectAsync(await worker.PostAsJsonAsync($"/engine-rest/external-task/{id}/complete", new
        {
            workerId = "js-1",
            variables = new Dictionary<string, object>
            {
                ["approved"] = new { value = true, type = "Boolean" },
                ["total"] = new { value = 5_000_000_000L, type = "Long" },
                ["doc"] = new { value = "{\"x\":1}", type = "Json" },
                ["checkedAt"] = new { value = "2026-12-01T08:00:00.000+0800", type = "Date" },
                ["note"] = new { value = "ok", type = "string" },
            },
        }), HttpStatusCode.NoContent);

        var detail = await ExpectAsync(await admin.GetAsync($"/api/instances/{instance}"), HttpStatusCode.OK);
        var variables = detail["variables"]!.AsObject();
        Assert.True(variables["approved"]!.GetValue<bool>());
        Assert.Equal(5_000_000_000L, variables["total"]!.GetValue<long>());
        Assert.Equal(1, variables["doc"]!["x"]!.GetValue<int>());
        Assert.Equal("2026-12-01T00:00:00.000Z", variables["checkedAt"]!.GetValue<string>());
        Assert.Single(Items(await ExpectAsync(await admin.GetAsync($"/api/tasks?processKey={key}"), HttpStatusCode.OK)), t => t!["elementId"]!.GetValue<string>() == "review");
    }

    [SkippableFact]
    public async Task A_fetch_waits_for_a_task_started_meanwhile_and_bad_fetches_name_their_field()
    {
        var app = await server.GetAsync();
        var (admin, worker, key, topic) = await SetUpAsync(app);

        var waiting = worker.PostAsJsonAsync("/api/external-tasks/fetch-and-lock", FetchBody("poller", topic, timeout: 120_000));
        var instance = (await StartAsync(admin, key))["id"]!.GetValue<string>();
        var locked = Assert.Single((await ExpectAsync0(await waiting.WaitAsync(TimeSpan.FromMinutes(1)))).AsArray())!;
        Assert.Equal(instance, locked["processInstanceId"]!.GetValue<string>());

        await ExpectFieldErrorAsync(await worker.PostAsJsonAsync("/api/external-tasks/fetch-and-lock", FetchBody("w", topic, timeout: 3_600_000)), "asyncResponseTimeout");
        await ExpectFieldErrorAsync(await worker.PostAsJsonAsync("/api/external-tasks/fetch-and-lock", new { workerId = "w", topics = new[] { new { topicName = topic } } }), "topics[0].lockDuration");
        await ExpectFieldErrorAsync(await worker.PostAsJsonAsync("/api/external-tasks/fetch-and-lock", new { topics = new[] { new { topicName = topic, lockDuration = 1000 } } }), "workerId");
        await ExpectFieldErrorAsync(await worker.PostAsJsonAsync("/api/external-tasks/fetch-and-lock", new { workerId = "w", maxTasks = 100_000, topics = new[] { new { topicName = topic, lockDuration = 1000 } } }), "maxTasks");
    }

    [SkippableFact]
    public async Task A_bpmn_error_goes_to_the_boundary_event_and_a_failure_without_retries_is_an_incident()
    {
        var app = await server.GetAsync();
        var (admin, worker, key, topic) = await SetUpAsync(app);
        var first = (await StartAsync(admin, key))["id"]!.GetValue<string>();
        var second = (await StartAsync(admin, key))["id"]!.GetValue<string>();
        var tasks = (await ExpectAsync0(await worker.PostAsJsonAsync("/api/external-tasks/fetch-and-lock", FetchBody("w", topic)))).AsArray();
        string IdOf(string instance) => tasks.Single(t => t!["processInstanceId"]!.GetValue<string>() == instance)!["id"]!.GetValue<string>();

        await ExpectAsync(await worker.PostAsJsonAsync($"/api/external-tasks/{IdOf(first)}/bpmn-error", new { workerId = "w", errorCode = "REFUSED", variables = new { reason = "no licence" } }), HttpStatusCode.NoContent);
        Assert.Single(Items(await ExpectAsync(await admin.GetAsync($"/api/tasks?processKey={key}"), HttpStatusCode.OK)), t => t!["elementId"]!.GetValue<string>() == "appeal");

        await ExpectAsync(await worker.PostAsJsonAsync($"/engine-rest/external-task/{IdOf(second)}/failure", new { workerId = "w", errorMessage = "credit bureau down", retries = 0, retryTimeout = 0 }), HttpStatusCode.NoContent);
        var incident = Assert.Single(Items(await ExpectAsync(await admin.GetAsync($"/api/incidents?instanceId={second}"), HttpStatusCode.OK)))!;
        Assert.Equal("failedExternalTask", incident["kind"]!.GetValue<string>());
        var listed = Assert.Single(Items(await ExpectAsync(await worker.GetAsync($"/api/external-tasks?topicName={topic}&withRetriesLeft=false"), HttpStatusCode.OK)))!;
        Assert.Equal("credit bureau down", listed["errorMessage"]!.GetValue<string>());
        var camunda = Assert.Single((await ExpectAsync0(await worker.GetAsync($"/engine-rest/external-task?topicName={topic}&noRetriesLeft=true"))).AsArray())!;
        Assert.Equal((0, second), (camunda["retries"]!.GetValue<int>(), camunda["processInstanceId"]!.GetValue<string>()));
        Assert.Equal(1, (await ExpectAsync0(await worker.GetAsync($"/engine-rest/external-task/count?topicName={topic}")))["count"]!.GetValue<int>());

        await ExpectAsync(await admin.PostAsync($"/api/incidents/{incident["id"]}/retry", null), HttpStatusCode.NoContent);
        var again = Assert.Single((await ExpectAsync0(await worker.PostAsJsonAsync("/engine-rest/external-task/fetchAndLock", FetchBody("w2", topic)))).AsArray())!;
        Assert.Equal(1, again["retries"]!.GetValue<int>());
        await ExpectAsync(await worker.PostAsJsonAsync($"/engine-rest/external-task/{again["id"]}/extendLock", new { workerId = "w2", newDuration = 120000 }), HttpStatusCode.NoContent);
        await ExpectAsync(await worker.PostAsJsonAsync($"/engine-rest/external-task/{again["id"]}/unlock", new { }), HttpStatusCode.NoContent);
        await ExpectAsync(await worker.PostAsJsonAsync($"/api/external-tasks/{again["id"]}/lock", new { workerId = "w3", lockDuration = 1000 }), HttpStatusCode.OK);
        await ExpectAsync(await worker.PostAsJsonAsync($"/api/external-tasks/{again["id"]}/complete", new { workerId = "w3", variables = new { score = 7 } }), HttpStatusCode.NoContent);
        Assert.Equal(7, (await ExpectAsync(await admin.GetAsync($"/api/instances/{second}"), HttpStatusCode.OK))["variables"]!["score"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task A_fetch_hands_the_worker_the_variables_as_they_are_now_not_as_they_were_when_the_task_was_created()
    {
        var app = await server.GetAsync();
        var (admin, worker, key, topic) = await SetUpAsync(app);
        var instance = (await StartAsync(admin, key, null, new { amount = 1200, applicant = "张三" }))["id"]!.GetValue<string>();
        // After the task was created, an operator changes one variable and adds one.
        await ExpectAsync(await admin.PatchAsJsonAsync($"/api/instances/{instance}/variables", new { variables = new { amount = 9800, area = "东阁" } }), HttpStatusCode.NoContent);

        var task = Assert.Single((await ExpectAsync0(await worker.PostAsJsonAsync("/engine-rest/external-task/fetchAndLock", FetchBody("js-now", topic)))).AsArray())!;
        var vars = task["variables"]!.AsObject();
        Assert.Equal(9800, vars["amount"]!["value"]!.GetValue<int>());
        Assert.Equal("东阁", vars["area"]!["value"]!.GetValue<string>());
        Assert.Equal("张三", vars["applicant"]!["value"]!.GetValue<string>());

        // Unlocked and fetched again through our API with a variable filter: still today's values, only the named ones.
        await ExpectAsync(await worker.PostAsJsonAsync($"/api/external-tasks/{task["id"]}/unlock", new { }), HttpStatusCode.NoContent);
        await ExpectAsync(await admin.PatchAsJsonAsync($"/api/instances/{instance}/variables", new { variables = new { amount = 10 } }), HttpStatusCode.NoContent);
        var again = Assert.Single((await ExpectAsync0(await worker.PostAsJsonAsync("/api/external-tasks/fetch-and-lock", new
        {
            workerId = "w", maxTasks = 5, topics = new[] { new { topicName = topic, lockDuration = 60000, variables = new[] { "amount", "area" } } },
        }))).AsArray())!;
        var filtered = again["variables"]!.AsObject();
        Assert.Equal(["amount", "area"], filtered.Select(kv => kv.Key).Order(StringComparer.Ordinal));
        Assert.Equal(10, filtered["amount"]!.GetValue<int>());
    }

    /// <summary>A 200 whose body is a JSON array.</summary>
    private static async Task<JsonNode> ExpectAsync0(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }
}

public sealed class ExternalTaskApiTests_Sqlite(SqliteApiServer server) : ExternalTaskApiTests(server), IClassFixture<SqliteApiServer>;

public sealed class ExternalTaskApiTests_Postgres(PostgresApiServer server) : ExternalTaskApiTests(server), IClassFixture<PostgresApiServer>;
