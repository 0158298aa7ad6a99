using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using WorkflowHub.Server.Features.Webhooks;
using WorkflowHub.Server.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Server.Tests.Api.Api;

namespace WorkflowHub.Server.Tests.Api;

/// <summary>Behaviour that depends on settings or restarts: each test starts its own server(s) on a fresh database.</summary>
public abstract class ServerSettingsTests(TestDatabaseProvider provider) : IDisposable
{
    private readonly TestNodes _nodes = new();

    public void Dispose()
    {
        _nodes.Dispose();
        GC.SuppressFinalize(this);
    }

    private Dictionary<string, string?> With(string keys, params (string Key, string? Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>(ApiServer.Settings(keys));
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }
        return settings;
    }

    private string TempKeys() => _nodes.KeyFolder();

    [SkippableFact]
    public async Task Without_the_simulation_clock_the_clock_endpoints_do_not_exist()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new HubServerFactory(database, With(TempKeys(), ("Engine:SimulationClock", "false")));
        var admin = await app.AdminAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/dev/clock")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync("/api/dev/clock/advance", new { duration = "PT1H" })).StatusCode);
    }

    [SkippableFact]
    public async Task The_simulation_clock_is_refused_in_Production_with_one_line_and_exit_code_2()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        // The real executable: the refusal must stop a real start, before it serves anything.
        var result = await ServerProcess.RunAsync(["--urls", "http://127.0.0.1:0"], new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = null,
            ["WORKFLOWHUB__Database__Provider"] = provider.ToString(),
            ["WORKFLOWHUB__Database__ConnectionString"] = database.ConnectionString,
            ["WORKFLOWHUB__Engine__SimulationClock"] = "true",
            ["WORKFLOWHUB__Server__DataProtectionKeysPath"] = TempKeys(),
        });
        // One clear line and exit code 2 (a setting to fix), not a stack trace.
        Assert.True(result.ExitCode == 2, $"exit code {result.ExitCode}:\n{result.Output}");
        Assert.Equal(WorkflowHub.Server.Features.Dev.SimulationClockModule.ProductionRefusal, result.Output.Trim());
    }

    [SkippableFact]
    public async Task A_setting_out_of_range_is_refused_naming_it_without_a_stack_trace_and_exit_code_2()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        // Read while the host is built (the engine's options), so the refusal must come from around the whole start.
        var result = await ServerProcess.RunAsync(["--urls", "http://127.0.0.1:0"], new Dictionary<string, string?>
        {
            ["WORKFLOWHUB__Database__Provider"] = provider.ToString(),
            ["WORKFLOWHUB__Database__ConnectionString"] = database.ConnectionString,
            ["WORKFLOWHUB__Engine__JobExecutor__BatchSize"] = "0",
            ["WORKFLOWHUB__Server__DataProtectionKeysPath"] = TempKeys(),
        });
        Assert.True(result.ExitCode == 2, $"exit code {result.ExitCode}:\n{result.Output}");
        Assert.Equal(
            [WorkflowHub.Server.Hosting.StartupRefusals.InvalidSettingsLine, "  Engine:JobExecutor:BatchSize must be between 1 and 1000."],
            result.Output.Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToArray());
    }

    [SkippableFact]
    public async Task Over_the_rate_the_API_and_the_hooks_answer_429()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new HubServerFactory(database, With(TempKeys(),
            ("RateLimiting:Api:PermitLimit", "3"), ("RateLimiting:Api:Window", "01:00:00"),
            ("RateLimiting:UnknownHookKeys:PermitLimit", "2"), ("RateLimiting:UnknownHookKeys:Window", "01:00:00")));
        var admin = await app.AdminAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await admin.GetAsync("/api/handlers")).StatusCode);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);

        var hooks = app.CreateClient();
        var hookStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            hookStatuses.Add((await hooks.PostAsync("/hooks/unknown", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode);
        }
        // Probing unknown keys is throttled per address, before the database is read.
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], hookStatuses);

        // A webhook's own limit: one delivery a minute (the first is refused for its signature, and still counts).
        await using var limited = new HubServerFactory(database, With(TempKeys()));
        var limitedAdmin = await limited.AdminAsync();
        await ExpectAsync(await limitedAdmin.PostAsJsonAsync("/api/webhooks",
            new { key = "slow", messageName = "Slow", allowUnknownMessage = true, rateLimitPerMinute = 1 }), HttpStatusCode.Created);
        var client = limited.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/hooks/slow", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsync("/hooks/slow", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode);
        await ExpectAsync(await limitedAdmin.PutAsJsonAsync("/api/webhooks/slow", new { rateLimitPerMinute = 100 }), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/hooks/slow", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode);
    }

    [SkippableFact]
    public async Task Idempotency_keys_and_webhook_secrets_survive_a_restart()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var keys = TempKeys();
        const string body = """{"ticket":{"id":"R-1"}}""";
        string secret, instanceId;
        await using (var first = new HubServerFactory(database, With(keys)))
        {
            var admin = await first.AdminAsync();
            await DeployAsync(admin, Process("restartintake", """
                <bpmn:startEvent id="reported"><bpmn:messageEventDefinition messageRef="r"/></bpmn:startEvent>
                <bpmn:userTask id="register"/><bpmn:endEvent id="e"/>
                """ + Chain("f", "reported", "register", "e"), """<bpmn:message id="r" name="RestartReport"/>"""));
            var created = await ExpectAsync(await admin.PostAsJsonAsync("/api/webhooks", new { key = "restart", messageName = "RestartReport", businessKeyVariable = "/ticket/id" }), HttpStatusCode.Created);
            secret = created["secret"]!.GetValue<string>();
            var answer = await ExpectAsync(await first.CreateClient().SendAsync(Signed(secret, body, "once")), HttpStatusCode.Accepted);
            instanceId = answer["instanceId"]!.GetValue<string>();
        }
        await using (var second = new HubServerFactory(database, With(keys)))
        {
            var replay = await second.CreateClient().SendAsync(Signed(secret, body, "once"));
            var answer = await ExpectAsync(replay, HttpStatusCode.Accepted);
            Assert.Equal(instanceId, answer["instanceId"]!.GetValue<string>());
            Assert.True(replay.Headers.Contains(WebhookReceiver.ReplayedHeader));
            var admin = await second.AdminAsync();
            var instances = await ExpectAsync(await admin.GetAsync("/api/instances?key=restartintake"), HttpStatusCode.OK);
            Assert.Equal(1, instances["total"]!.GetValue<int>());
            // A new key is a new delivery: the secret, protected with the persisted keys, still verifies.
            await ExpectAsync(await second.CreateClient().SendAsync(Signed(secret, """{"ticket":{"id":"R-2"}}""", "twice")), HttpStatusCode.Accepted);
        }
    }

    [SkippableFact]
    public async Task Two_nodes_on_one_database_accept_each_others_tokens_and_webhook_secrets()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        // Separate key folders: only the database is shared, as between two machines.
        await using var nodeA = new HubServerFactory(database, With(TempKeys()));
        var adminA = await nodeA.AdminAsync();
        await DeployAsync(adminA, Process("twonodes", """
            <bpmn:startEvent id="reported"><bpmn:messageEventDefinition messageRef="r"/></bpmn:startEvent>
            <bpmn:userTask id="register"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "reported", "register", "e"), """<bpmn:message id="r" name="TwoNodes"/>"""));
        var secret = (await ExpectAsync(await adminA.PostAsJsonAsync("/api/webhooks", new { key = "twonodes", messageName = "TwoNodes" }), HttpStatusCode.Created))["secret"]!.GetValue<string>();

        await using var nodeB = new HubServerFactory(database, With(TempKeys()));
        var onB = nodeB.CreateClient();
        onB.DefaultRequestHeaders.Authorization = adminA.DefaultRequestHeaders.Authorization;
        await ExpectAsync(await onB.GetAsync("/api/definitions"), HttpStatusCode.OK);
        await ExpectAsync(await nodeB.CreateClient().SendAsync(Signed(secret, """{"n":1}""", "node-b", "twonodes")), HttpStatusCode.Accepted);
        Assert.Contains("hub_data_protection_keys", await Schema.TablesAsync(database));
    }

    [SkippableFact]
    public async Task Concurrent_duplicates_of_one_idempotency_key_correlate_once()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new HubServerFactory(database, With(TempKeys()));
        var admin = await app.AdminAsync();
        await DeployAsync(admin, Process("raceintake", """
            <bpmn:startEvent id="reported"><bpmn:messageEventDefinition messageRef="r"/></bpmn:startEvent>
            <bpmn:userTask id="register"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "reported", "register", "e"), """<bpmn:message id="r" name="RaceReport"/>"""));
        var created = await ExpectAsync(await admin.PostAsJsonAsync("/api/webhooks", new { key = "race", messageName = "RaceReport" }), HttpStatusCode.Created);
        var secret = created["secret"]!.GetValue<string>();
        var client = app.CreateClient();
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            client.SendAsync(Signed(secret, """{"n":1}""", "same", "race"))));
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        var instances = await ExpectAsync(await admin.GetAsync("/api/instances?key=raceintake"), HttpStatusCode.OK);
        Assert.Equal(1, instances["total"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task The_API_reference_is_served_at_docs()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new HubServerFactory(database, With(TempKeys()));
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true });
        var docs = await client.GetAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        var openApi = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/tasks/{id}/complete", openApi, StringComparison.Ordinal);
        Assert.Contains("/hooks/{key}", openApi, StringComparison.Ordinal);
    }

    private static HttpRequestMessage Signed(string secret, string body, string idempotencyKey, string hook = "restart") =>
        SignedDelivery($"/hooks/{hook}", secret, body, idempotencyKey);
}

public sealed class ServerSettingsTests_Sqlite() : ServerSettingsTests(TestDatabaseProvider.Sqlite);

public sealed class ServerSettingsTests_Postgres() : ServerSettingsTests(TestDatabaseProvider.Postgres);
