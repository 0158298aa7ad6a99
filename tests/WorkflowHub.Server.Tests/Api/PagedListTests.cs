using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WorkflowHub.Server.Tests.Support;
using static WorkflowHub.Server.Tests.Api.Api;

namespace WorkflowHub.Server.Tests.Api;

/// <summary>Every list answers { items, total, page, pageSize }, takes page and pageSize, and is empty past its end.</summary>
public abstract class PagedListTests(ApiServer server)
{
    public static TheoryData<string> Lists() => new()
    {
        "/api/definitions", "/api/definitions/listed/versions", "/api/instances", "/api/instances/{instance}/history",
        "/api/tasks", "/api/incidents", "/api/handlers", "/api/users", "/api/groups", "/api/webhooks",
        "/api/webhooks/listed-hook/deliveries", "/api/definitions/instance-counts", "/api/drafts", "/api/forms", "/api/forms/listed-form/versions",
        "/api/tasks/{task}/comments", "/api/copies", "/api/cosigns", "/api/reminders", "/api/extension-requests", "/api/tasks/done",
        "/api/tasks/{task}/attachments", "/api/notices/templates", "/api/notices/outbox", "/api/notices/robots", "/api/notices/mailbox",
        "/api/organisation/areas", "/api/categories", "/api/tasks/{task}/return-targets",
    };

    /// <summary>Lists the seed does not fill (they may be empty here); their shape and bounds are checked all the same.</summary>
    private static readonly string[] MayBeEmpty =
    [
        "/api/handlers", "/api/cosigns", "/api/reminders", "/api/extension-requests", "/api/tasks/done", "/api/tasks/{task}/attachments",
        "/api/notices/templates", "/api/notices/outbox", "/api/notices/robots", "/api/notices/mailbox", "/api/organisation/areas", "/api/categories",
        "/api/tasks/{task}/return-targets",
    ];

    [SkippableTheory]
    [MemberData(nameof(Lists))]
    public async Task Every_list_has_the_paged_shape_and_a_page_past_the_end_is_empty(string path)
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var (instance, task) = await SeedAsync(admin);
        var mayBeEmpty = MayBeEmpty.Contains(path);
        path = path.Replace("{instance}", instance, StringComparison.Ordinal).Replace("{task}", task, StringComparison.Ordinal);

        var first = await ExpectAsync(await admin.GetAsync(path + "?page=1&pageSize=1"), HttpStatusCode.OK);
        Assert.Equal(["items", "page", "pageSize", "total"], first.Select(p => p.Key).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(1, first["page"]!.GetValue<int>());
        Assert.Equal(1, first["pageSize"]!.GetValue<int>());
        Assert.True(first["total"]!.GetValue<int>() >= (mayBeEmpty ? 0 : 1), first.ToJsonString());
        Assert.Equal(Math.Min(1, first["total"]!.GetValue<int>()), Items(first).Count);

        // The largest page number must not wrap around to a real page (its offset overflows an int).
        var far = await ExpectAsync(await admin.GetAsync(path + "?page=2147483647&pageSize=7"), HttpStatusCode.OK);
        Assert.Empty(Items(far));
        Assert.Equal(first["total"]!.GetValue<int>(), far["total"]!.GetValue<int>());
        Assert.True(far["page"]!.GetValue<int>() > 1);

        await ExpectFieldErrorAsync(await admin.GetAsync(path + "?page=0"), "page");
        await ExpectFieldErrorAsync(await admin.GetAsync(path + "?pageSize=100000"), "pageSize");
    }

    private static async Task<(string Instance, string Task)> SeedAsync(HttpClient admin)
    {
        await DeployAsync(admin, GroupTask("listed", "listed-group"));
        var started = await StartAsync(admin, "listed", "L-1");
        var instance = started["id"]!.GetValue<string>();
        var task = Items(await ExpectAsync(await admin.GetAsync("/api/tasks?processKey=listed"), HttpStatusCode.OK))[0]!["id"]!.GetValue<string>();
        await ExpectAsync(await admin.PutAsJsonAsync("/api/drafts/listed-draft", new { xml = GroupTask("listed-draft", "listed-group") }), HttpStatusCode.OK);
        await ExpectAsync(await admin.PostAsJsonAsync("/api/forms", new { key = "listed-form", name = "列表", schema = new { components = Array.Empty<object>() } }),
            HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/tasks/{task}/comments", new { reason = "listed" })).StatusCode);
        await admin.PostAsJsonAsync($"/api/tasks/{task}/cc", new { userIds = new[] { HubServerFactory.AdminUser }, reason = "listed" });
        // An expression naming an unknown variable stops its token with an incident.
        await DeployAsync(admin, Process("listed-failing", """
            <bpmn:startEvent id="s"/><bpmn:serviceTask id="fail" camunda:expression="${noSuchVariable}"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "fail", "e")));
        await StartAsync(admin, "listed-failing");
        await EnsureGroupAsync(admin, "listed-group");
        var hook = await admin.PostAsJsonAsync("/api/webhooks", new { key = "listed-hook", messageName = "ListedMessage", allowUnknownMessage = true });
        Assert.True(hook.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await hook.Content.ReadAsStringAsync());
        // One delivery, refused for its missing signature, so the delivery log is not empty.
        await admin.PostAsync("/hooks/listed-hook", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        return (instance, task);
    }
}

public sealed class PagedListTests_Sqlite(SqliteApiServer server) : PagedListTests(server), IClassFixture<SqliteApiServer>;

public sealed class PagedListTests_Postgres(PostgresApiServer server) : PagedListTests(server), IClassFixture<PostgresApiServer>;

/// <summary>The OpenAPI document: security schemes for /docs to sign in, optional fields, examples, no dead Identity endpoints.</summary>
public abstract class OpenApiDocumentTests(ApiServer server)
{
    [SkippableFact]
    public async Task The_document_declares_the_security_schemes_optional_fields_and_examples()
    {
        var app = await server.GetAsync();
        var document = JsonNode.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var schemes = document["components"]!["securitySchemes"]!.AsObject();
        Assert.Equal("bearer", schemes["bearer"]!["scheme"]!.GetValue<string>());
        Assert.Equal("cookie", schemes["cookie"]!["in"]!.GetValue<string>());
        var paths = document["paths"]!.AsObject();
        Assert.NotNull(paths["/api/tasks"]!["get"]!["security"]);
        Assert.Null(paths["/api/identity/login"]!["post"]!["security"]);

        string[] Required(string schema) =>
            document["components"]!["schemas"]![schema]!["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToArray() ?? [];
        Assert.DoesNotContain("secret", Required("CreateWebhookRequest"));
        Assert.DoesNotContain("version", Required("StartProcessRequest"));
        Assert.DoesNotContain("comment", Required("CompleteRequest"));

        var start = paths["/api/processes/{key}/start"]!["post"]!["requestBody"]!["content"]!["application/json"]!;
        Assert.Equal("12345-20260302-0001", start["example"]!["businessKey"]!.GetValue<string>());
        Assert.NotNull(paths["/api/identity/login"]!["post"]!["requestBody"]!["content"]!["application/json"]!["example"]);
        Assert.NotNull(paths["/api/tasks/{id}/complete"]!["post"]!["requestBody"]!["content"]!["application/json"]!["example"]!["variables"]);

        // The main calls' answers carry examples too, in the shapes the API answers.
        JsonNode Answer(string path, string method, string status) =>
            paths[path]![method]!["responses"]![status]!["content"]!["application/json"]!["example"]!;
        Assert.False(string.IsNullOrEmpty(Answer("/api/identity/login", "post", "200")["accessToken"]!.GetValue<string>()));
        Assert.Equal("grid-case", Answer("/api/definitions", "post", "201")["processes"]![0]!["key"]!.GetValue<string>());
        Assert.Equal("Running", Answer("/api/processes/{key}/start", "post", "201")["status"]!.GetValue<string>());
        Assert.Equal(["items", "page", "pageSize", "total"], Answer("/api/tasks", "get", "200").AsObject().Select(p => p.Key).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal("网格案件处置", Answer("/api/tasks/{id}", "get", "200")["processName"]!.GetValue<string>());
        Assert.NotNull(Answer("/api/tasks/{id}/complete", "post", "200")["tasks"]);
        Assert.True(Answer("/hooks/{key}", "post", "202")["started"]!.GetValue<bool>());

        // An example that drifts from the real answer fails here: same property names as a real start and task.
        static string[] Names(JsonNode node) => [.. node.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal)];
        var admin = await app.AdminAsync();
        await DeployAsync(admin, GroupTask("documented", "documented-group"));
        var started = await StartAsync(admin, "documented", "D-1");
        Assert.Equal(Names(Answer("/api/processes/{key}/start", "post", "201")), Names(started));
        var task = Items(await ExpectAsync(await admin.GetAsync("/api/tasks?processKey=documented"), HttpStatusCode.OK))[0]!;
        Assert.Equal(Names(Answer("/api/tasks/{id}", "get", "200")), Names(task));
        Assert.Equal(Names(Answer("/api/tasks/{id}", "get", "200")["currentActivities"]![0]!), Names(task["currentActivities"]![0]!));
    }
}

public sealed class OpenApiDocumentTests_Sqlite(SqliteApiServer server) : OpenApiDocumentTests(server), IClassFixture<SqliteApiServer>;
