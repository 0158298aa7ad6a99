using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkflowHub.Server.Features.Dev;
using WorkflowHub.Server.Tests.Support;
using WorkflowHub.Testing;

namespace WorkflowHub.Server.Tests.Api;

/// <summary>
/// One in-process server per test class on its own database, with the simulation clock on (over the factory's fake
/// clock, so simulated time is deterministic), the job executor off and data-protection keys in a temp folder.
/// Created lazily inside the first test, so a missing PostgreSQL server skips the test (or fails it under CI).
/// </summary>
public abstract class ApiServer(TestDatabaseProvider provider, IReadOnlyDictionary<string, string?>? extraSettings = null) : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _keys = Path.Combine(Path.GetTempPath(), $"wfh_test_keys_{Guid.NewGuid():N}");
    private TestDatabase? _database;
    private HubServerFactory? _factory;
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>? _server;

    public static IReadOnlyDictionary<string, string?> Settings(string keys) => new Dictionary<string, string?>
    {
        ["Engine:SimulationClock"] = "true",
        ["Server:DataProtectionKeysPath"] = keys,
        ["Server:MaxWebhookBodyBytes"] = "4096",
        ["Server:MaxJsonBodyBytes"] = "65536",
        ["RateLimiting:Api:PermitLimit"] = "0",
        ["RateLimiting:Hooks:PermitLimit"] = "0",
        ["RateLimiting:UnknownHookKeys:PermitLimit"] = "0",
    };

    public async Task<Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>> GetAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_server is null)
            {
                _database = await TestDatabase.CreateAsync(provider);
                var settings = new Dictionary<string, string?>(Settings(_keys));
                AddSettings(settings);
                foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
                {
                    settings[key] = value;
                }
                _factory = new HubServerFactory(_database, settings);
                var fake = _factory.Clock;
                _server = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
                {
                    // The engine's clock is the simulation clock, moved by the API, over the factory's fixed fake time.
                    services.RemoveAll<SimulationTimeProvider>();
                    services.RemoveAll<TimeProvider>();
                    services.AddSingleton(new SimulationTimeProvider(fake));
                    services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<SimulationTimeProvider>());
                    AddServices(services);
                }));
                _server.CreateClient().Dispose();
            }
            return _server;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A derived server's own settings over the shared ones.</summary>
    protected virtual void AddSettings(IDictionary<string, string?> settings)
    {
    }

    /// <summary>A derived server's own test services.</summary>
    protected virtual void AddServices(IServiceCollection services)
    {
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        if (Directory.Exists(_keys))
        {
            Directory.Delete(_keys, recursive: true);
        }
        _gate.Dispose();
    }
}

public sealed class SqliteApiServer() : ApiServer(TestDatabaseProvider.Sqlite);

public sealed class PostgresApiServer() : ApiServer(TestDatabaseProvider.Postgres);

/// <summary>HTTP helpers for the API tests: signing in, creating users and groups, deploying, reading answers.</summary>
public static class Api
{
    public static async Task<HttpClient> LoginAsync(this Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> server, string user, string password)
    {
        var client = server.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        var response = await client.PostAsJsonAsync("/api/identity/login?useCookies=false", new { userName = user, password });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"login of {user}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static Task<HttpClient> AdminAsync(this Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> server) =>
        server.LoginAsync(HubServerFactory.AdminUser, HubServerFactory.AdminPassword);

    public const string UserPassword = "Staff-Password-42!";

    /// <summary>Creates a user (unique name from <paramref name="prefix"/>) with roles and groups, and signs them in.</summary>
    public static async Task<(HttpClient Client, string UserName, string Id)> UserAsync(
        this Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> server, HttpClient admin, string prefix, string[] roles, params string[] groups)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        var created = await admin.PostAsJsonAsync("/api/users", new { userName = name, password = UserPassword, roles });
        await ExpectAsync(created, HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        foreach (var group in groups)
        {
            await AddToGroupAsync(admin, group, id);
        }
        return (await server.LoginAsync(name, UserPassword), name, id);
    }

    /// <summary>Adds a user (Identity id) to a group, creating the group when it does not exist.</summary>
    public static async Task AddToGroupAsync(HttpClient admin, string group, string userId)
    {
        await EnsureGroupAsync(admin, group);
        var current = Items((await admin.GetFromJsonAsync<JsonObject>("/api/groups?pageSize=200"))!);
        var members = current!.Single(g => g!["id"]!.GetValue<string>() == group)!["members"]!.AsArray()
            .Select(m => m!["id"]!.GetValue<string>()).Append(userId).ToArray();
        await ExpectAsync(await admin.PutAsJsonAsync($"/api/groups/{group}/members", new { userIds = members }), HttpStatusCode.OK);
    }

    public static async Task EnsureGroupAsync(HttpClient admin, string group)
    {
        var response = await admin.PostAsJsonAsync("/api/groups", new { id = group, name = group, kind = "Area" });
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
    }

    public static async Task<JsonObject> DeployAsync(HttpClient admin, string xml)
    {
        var response = await admin.PostAsync("/api/definitions", new StringContent(xml, Encoding.UTF8, "application/xml"));
        // 200 when the same XML was deployed before (a shared server: several tests deploy the same helper flows).
        await ExpectAsync(response, response.StatusCode == HttpStatusCode.OK ? HttpStatusCode.OK : HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<JsonObject> StartAsync(HttpClient client, string key, string? businessKey = null, object? variables = null)
    {
        var response = await client.PostAsJsonAsync($"/api/processes/{key}/start", new { businessKey, variables });
        await ExpectAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<JsonObject> ExpectAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)status}, got {(int)response.StatusCode} {body}");
        return body.Length > 0 && body.TrimStart().StartsWith('{') ? JsonNode.Parse(body)!.AsObject() : [];
    }

    /// <summary>A 400 ProblemDetails whose errors name <paramref name="field"/>.</summary>
    public static async Task<JsonObject> ExpectFieldErrorAsync(HttpResponseMessage response, string field)
    {
        var problem = await ExpectAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = problem["errors"]?.AsObject();
        Assert.True(errors is not null && errors.ContainsKey(field), $"expected an error naming '{field}': {problem.ToJsonString()}");
        return problem;
    }

    public static JsonArray Items(JsonObject page) => page["items"]!.AsArray();

    public static string Process(string id, string content, string extraDefinitions = "") => Bpmn.Process(id, content, extraDefinitions);

    /// <summary>A flow started by message <paramref name="message"/> that waits at task "register", offered to group "dispatch".</summary>
    public static string MessageStartFlow(string key, string message) => Process(key, """
        <bpmn:startEvent id="reported"><bpmn:messageEventDefinition messageRef="r"/></bpmn:startEvent>
        <bpmn:userTask id="register" camunda:candidateGroups="dispatch"/><bpmn:endEvent id="e"/>
        """ + Chain("f", "reported", "register", "e"), $"""<bpmn:message id="r" name="{message}"/>""");

    /// <summary>A webhook delivery to <paramref name="uri"/> signed with the X-WorkflowHub-* scheme (at now unless given).</summary>
    public static HttpRequestMessage SignedDelivery(string uri, string secret, string body, string? idempotencyKey = null,
        DateTimeOffset? at = null, string? signature = null)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(Features.Webhooks.WebhookSecrets.TimestampHeader, timestamp);
        request.Headers.Add(Features.Webhooks.WebhookSecrets.SignatureHeader,
            signature ?? Features.Webhooks.WebhookSecrets.Sign(secret, timestamp, Encoding.UTF8.GetBytes(body)));
        if (idempotencyKey is not null)
        {
            request.Headers.Add(Features.Webhooks.WebhookReceiver.IdempotencyHeader, idempotencyKey);
        }
        return request;
    }

    public static string Chain(string prefix, params string[] ids) => Bpmn.Chain(prefix, ids);

    /// <summary>A process whose one user task is offered to <paramref name="group"/>.</summary>
    public static string GroupTask(string key, string group) => Process(key, $"""
        <bpmn:startEvent id="s"/><bpmn:userTask id="fix" name="Fix it" camunda:candidateGroups="{group}"/><bpmn:endEvent id="e"/>
        """ + Chain("f", "s", "fix", "e"));

    public static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;
}
