using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using WorkflowHub.Server.Features.Webhooks;
using WorkflowHub.Server.Tests.Api;
using WorkflowHub.Testing;
using static WorkflowHub.Server.Tests.Api.Api;

namespace WorkflowHub.Server.Tests.Flows;

/// <summary>
/// The API server with seed 001's demo organisation (users with a known password) and the shipped flows, notice
/// templates and intake webhooks from workflows/, exactly as a first start makes them. Tests talk HTTP only.
/// </summary>
public abstract class FlowServer(TestDatabaseProvider provider) : ApiServer(provider)
{
    public const string DemoPassword = "Demo-Password-42!";

    public const string Open311Key = "open311-test-key-0123456789";

    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        settings["Demo:SeedOnFirstStart"] = "true";
        settings["Flows:DeployOnStart"] = "true";
        settings["Demo:Password"] = DemoPassword;
        settings["Notices:Delivery:Enabled"] = "false";
        settings["Server:MaxJsonBodyBytes"] = "1048576";
        settings["Open311:ApiKeys:0"] = Open311Key;
    }
}

public sealed class SqliteFlowServer() : FlowServer(TestDatabaseProvider.Sqlite);

public sealed class PostgresFlowServer() : FlowServer(TestDatabaseProvider.Postgres);

/// <summary>What the flow tests do over HTTP: sign in as demo users, report, work tasks, move the clock, read the outbox.</summary>
public sealed class FlowDriver(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> server, HttpClient admin)
{
    /// <summary>A 1×1 PNG: the photo store checks the content's signature.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    private readonly Dictionary<string, HttpClient> _users = new(StringComparer.Ordinal);

    public HttpClient Admin => admin;

    public static async Task<FlowDriver> StartAsync(FlowServer fixture)
    {
        var server = await fixture.GetAsync();
        return new FlowDriver(server, await server.AdminAsync());
    }

    public async Task<HttpClient> AsAsync(string user)
    {
        if (!_users.TryGetValue(user, out var client))
        {
            client = await server.LoginAsync(user, FlowServer.DemoPassword);
            _users[user] = client;
        }
        return client;
    }

    public async Task<DateTimeOffset> NowAsync() =>
        (await admin.GetFromJsonAsync<JsonObject>("/api/dev/clock"))!["now"]!.GetValue<DateTimeOffset>();

    /// <summary>Moves the simulated clock to <paramref name="target"/> a day at most at a time, running what falls due on the way.</summary>
    public async Task AdvanceToAsync(DateTimeOffset target)
    {
        for (var guard = 0; guard < 400; guard++)
        {
            var now = await NowAsync();
            if (now >= target)
            {
                return;
            }
            var step = target - now > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : target - now;
            var seconds = Math.Max(1, (long)Math.Ceiling(step.TotalSeconds));
            await ExpectAsync(await admin.PostAsJsonAsync("/api/dev/clock/advance", new { duration = $"PT{seconds}S" }), HttpStatusCode.OK);
        }
        throw new InvalidOperationException("the clock did not reach the target");
    }

    public async Task<JsonObject> WebhookAsync(string key, JsonObject payload)
    {
        var secret = (await ExpectAsync(await admin.PostAsync($"/api/webhooks/{key}/secret", null), HttpStatusCode.OK))["secret"]!.GetValue<string>();
        var body = payload.ToJsonString();
        using var request = SignedDelivery($"/hooks/{key}", secret, body, "it-" + Guid.NewGuid().ToString("N"));
        return await ExpectAsync(await server.CreateClient().SendAsync(request), HttpStatusCode.Accepted);
    }

    /// <summary>Registers a problem as a member of staff would in the console (multipart with a photo); returns the case number.</summary>
    public async Task<string> ReportAsync(string user, string category, string area, string address, string description, IReadOnlyDictionary<string, string>? more = null)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Patrol"), "channel" }, { new StringContent(category), "categoryCode" }, { new StringContent(area), "areaCode" },
            { new StringContent(address), "address" }, { new StringContent(description), "description" }, { Photo(), "photos", "before.png" },
        };
        foreach (var (name, value) in more ?? new Dictionary<string, string>())
        {
            form.Add(new StringContent(value), name);
        }
        var created = await ExpectAsync(await (await AsAsync(user)).PostAsync("/api/cases", form), HttpStatusCode.Created);
        return created["summary"]!["number"]!.GetValue<string>();
    }

    public async Task AddAfterPhotoAsync(string user, string number)
    {
        using var form = new MultipartFormDataContent { { new StringContent("After"), "stage" }, { Photo(), "photos", "after.png" } };
        await ExpectAsync(await (await AsAsync(user)).PostAsync($"/api/cases/{number}/photos", form), HttpStatusCode.OK);
    }

    private static ByteArrayContent Photo()
    {
        var photo = new ByteArrayContent(Png);
        photo.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return photo;
    }

    public async Task<JsonObject> CaseAsync(string number) => await ExpectAsync(await admin.GetAsync($"/api/cases/{number}"), HttpStatusCode.OK);

    public async Task<JsonArray> TimelineAsync(string number)
    {
        var response = await admin.GetAsync($"/api/cases/{number}/timeline");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var node = JsonNode.Parse(body)!;
        return node as JsonArray ?? node["items"]!.AsArray();
    }

    public async Task<string> InstanceOfAsync(string number) => (await CaseAsync(number))["processInstanceId"]!.GetValue<string>();

    /// <summary>The open tasks of an instance.</summary>
    public async Task<List<JsonObject>> TasksAsync(string instanceId)
    {
        var page = await admin.GetFromJsonAsync<JsonObject>("/api/tasks?pageSize=200&processKey=problem-case");
        return [.. Items(page!).Select(t => t!.AsObject()).Where(t => t["instanceId"]!.GetValue<string>() == instanceId)];
    }

    public async Task<JsonObject> TaskAsync(string instanceId, string element) =>
        (await TasksAsync(instanceId)).SingleOrDefault(t => t["elementId"]!.GetValue<string>() == element)
        ?? throw new Xunit.Sdk.XunitException($"no open task {element} in {instanceId}: {string.Join(", ", (await TasksAsync(instanceId)).Select(t => t["elementId"]))}");

    public async Task CompleteAsync(string user, JsonObject task, object variables)
    {
        var client = await AsAsync(user);
        await ExpectAsync(await client.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new { variables }), HttpStatusCode.OK);
        await NoIncidentsAsync();
    }

    /// <summary>The notices the instance wrote, oldest first.</summary>
    public async Task<List<JsonObject>> NoticesAsync(string instanceId)
    {
        var page = await admin.GetFromJsonAsync<JsonObject>($"/api/notices/outbox?pageSize=200&instanceId={instanceId}");
        return [.. Items(page!).Select(n => n!.AsObject()).Reverse()];
    }

    /// <summary>Fails with the incidents' messages when the flows have any (a handler, expression or notice that failed).</summary>
    public async Task NoIncidentsAsync()
    {
        var incidents = await admin.GetFromJsonAsync<JsonNode>("/api/incidents?pageSize=200");
        var list = incidents as JsonArray ?? incidents!["items"]!.AsArray();
        Assert.True(list.Count == 0, "incidents: " + list.ToJsonString());
    }
}
