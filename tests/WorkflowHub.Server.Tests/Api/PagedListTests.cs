using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static WorkflowHub.Server.Tests.Api.Api;

namespace WorkflowHub.Server.Tests.Api;

/// <summary>Every list answers { items, total, page, pageSize }, takes page and pageSize, and is empty past its end.</summary>
public abstract class PagedListTests(ApiServer server)
{
    public static TheoryData<string> Lists() => new()
    {
        "/api/definitions", "/api/definitions/listed/versions", "/api/instances", "/api/instances/{instance}/history",
        "/api/tasks", "/api/incidents", "/api/handlers", "/api/users", "/api/groups", "/api/webhooks",
        "/api/webhooks/listed-hook/deliveries", "/api/definitions/instance-counts",
    };

    [SkippableTheory]
    [MemberData(nameof(Lists))]
    public async Task Every_list_has_the_paged_shape_and_a_page_past_the_end_is_empty(string path)
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var instance = await SeedAsync(admin);
        path = path.Replace("{instance}", instance, StringComparison.Ordinal);

        var first = await ExpectAsync(await admin.GetAsync(path + "?page=1&pageSize=1"), HttpStatusCode.OK);
        Assert.Equal(["items", "page", "pageSize", "total"], first.Select(p => p.Key).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(1, first["page"]!.GetValue<int>());
        Assert.Equal(1, first["pageSize"]!.GetValue<int>());
        // Handlers are whatever the server registers (none yet); every other list was seeded above.
        Assert.True(first["total"]!.GetValue<int>() >= (path == "/api/handlers" ? 0 : 1), first.ToJsonString());
        Assert.Equal(Math.Min(1, first["total"]!.GetValue<int>()), Items(first).Count);

        // The largest page number must not wrap around to a real page (its offset overflows an int).
        var far = await ExpectAsync(await admin.GetAsync(path + "?page=2147483647&pageSize=7"), HttpStatusCode.OK);
        Assert.Empty(Items(far));
        Assert.Equal(first["total"]!.GetValue<int>(), far["total"]!.GetValue<int>());
        Assert.True(far["page"]!.GetValue<int>() > 1);

        await ExpectFieldErrorAsync(await admin.GetAsync(path + "?page=0"), "page");
        await ExpectFieldErrorAsync(await admin.GetAsync(path + "?pageSize=100000"), "pageSize");
    }

    private static async Task<string> SeedAsync(HttpClient admin)
    {
        await DeployAsync(admin, GroupTask("listed", "listed-group"));
        var started = await StartAsync(admin, "listed", "L-1");
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
        return started["id"]!.GetValue<string>();
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
    }
}

public sealed class OpenApiDocumentTests_Sqlite(SqliteApiServer server) : OpenApiDocumentTests(server), IClassFixture<SqliteApiServer>;
