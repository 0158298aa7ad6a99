using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Server.Tests.Support;
using static WorkflowHub.Server.Tests.Api.Api;

namespace WorkflowHub.Server.Tests.Api;

public abstract class AuthorizationTests(ApiServer server)
{
    [SkippableTheory]
    [InlineData("GET", "/api/definitions")]
    [InlineData("POST", "/api/definitions")]
    [InlineData("GET", "/api/instances")]
    [InlineData("POST", "/api/processes/p/start")]
    [InlineData("GET", "/api/tasks")]
    [InlineData("POST", "/api/tasks/t1/complete")]
    [InlineData("POST", "/api/messages")]
    [InlineData("GET", "/api/incidents")]
    [InlineData("GET", "/api/handlers")]
    [InlineData("GET", "/api/webhooks")]
    [InlineData("GET", "/api/users")]
    [InlineData("GET", "/api/groups")]
    [InlineData("GET", "/api/dev/clock")]
    [InlineData("GET", "/api/cases")]
    [InlineData("POST", "/api/cases")]
    [InlineData("GET", "/api/organisation/areas")]
    [InlineData("GET", "/api/calendar")]
    [InlineData("GET", "/api/categories")]
    [InlineData("GET", "/api/identity/manage/info")]
    public async Task Anonymous_callers_get_401_as_a_problem(string method, string path)
    {
        var app = await server.GetAsync();
        var response = await app.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "POST" ? JsonContent.Create(new { }) : null,
        });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [SkippableFact]
    public async Task Only_health_docs_sign_in_and_the_webhook_receiver_allow_anonymous_callers()
    {
        var app = await server.GetAsync();
        var anonymous = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.RoutePattern.RawText ?? "")
            .ToList();
        Assert.All(anonymous, pattern => Assert.True(
            pattern == "/health" || pattern == "/hooks/{key}" || pattern.StartsWith("/openapi/", StringComparison.Ordinal)
            || pattern.StartsWith("/docs", StringComparison.Ordinal)
            // Open311 GeoReport v2: public reading by the standard; POST requests.json checks its api_key itself.
            || pattern.StartsWith("/open311/v2/", StringComparison.Ordinal)
            || (pattern.StartsWith("/api/identity/", StringComparison.Ordinal) && !pattern.Contains("/manage", StringComparison.Ordinal)),
            $"{pattern} allows anonymous callers"));
        Assert.Contains("/hooks/{key}", anonymous);
        Assert.Contains("/api/identity/login", anonymous);
        // Everything else falls back to "signed-in user": the fallback policy is set.
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthorizationOptions>>().Value;
        Assert.NotNull(options.FallbackPolicy);
        // It relies on the user the authentication middleware signed in with the default scheme: a policy naming a
        // scheme authenticates every request a second time and merges the two principals (issue 15's HTTP path).
        Assert.Empty(options.FallbackPolicy.AuthenticationSchemes);
    }

    [SkippableFact]
    public async Task Health_and_the_docs_stay_anonymous()
    {
        var app = await server.GetAsync();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/v1.json")).StatusCode);
    }

    [SkippableFact]
    public async Task Login_gives_a_bearer_token_that_works_and_a_wrong_password_is_401()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        await ExpectAsync(await admin.GetAsync("/api/definitions"), HttpStatusCode.OK);

        var anonymous = app.CreateClient();
        var wrong = await anonymous.PostAsJsonAsync("/api/identity/login?useCookies=false", new { email = HubServerFactory.AdminUser, password = "not-the-password" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var forged = app.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/definitions")).StatusCode);
    }

    [SkippableFact]
    public async Task Cookie_sign_in_works_for_the_browser()
    {
        var app = await server.GetAsync();
        var browser = app.CreateClient();
        await ExpectAsync(await browser.PostAsJsonAsync("/api/identity/login?useCookies=true",
            new { email = HubServerFactory.AdminUser, password = HubServerFactory.AdminPassword }), HttpStatusCode.OK);
        await ExpectAsync(await browser.GetAsync("/api/definitions"), HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task Self_registration_is_closed()
    {
        var app = await server.GetAsync();
        var response = await (await app.AdminAsync()).PostAsJsonAsync("/api/identity/register", new { email = "someone@example.com", password = "Some-Password-123!" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [SkippableFact]
    public async Task Accounts_lock_out_after_repeated_wrong_passwords()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var (_, name, _) = await app.UserAsync(admin, "lock", ["Staff"]);
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/identity/login?useCookies=false", new { email = name, password = "Wrong-Password-1!" });
        }
        var locked = await client.PostAsJsonAsync("/api/identity/login?useCookies=false", new { email = name, password = UserPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.NotNull((await locked.Content.ReadFromJsonAsync<JsonObject>())!["lockedUntil"]);
    }

    [SkippableFact]
    public async Task Staff_cannot_deploy_nor_administer()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var (staff, _, _) = await app.UserAsync(admin, "staff", ["Staff"]);
        var deploy = await staff.PostAsync("/api/definitions", new StringContent(GroupTask("staffdeploy", "g"), Encoding.UTF8, "application/xml"));
        Assert.Equal(HttpStatusCode.Forbidden, deploy.StatusCode);
        Assert.Equal("application/problem+json", deploy.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/api/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync("/api/groups", new { id = "x", name = "x", kind = "Area" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/api/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/api/groups")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/api/instances")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync("/api/dev/clock/advance", new { duration = "PT1H" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync("/api/incidents/x/retry", new { })).StatusCode);
        await ExpectAsync(await staff.GetAsync("/api/definitions"), HttpStatusCode.OK);
        await ExpectAsync(await staff.GetAsync("/api/handlers"), HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task A_task_of_another_group_is_invisible_404_and_cannot_be_claimed_or_completed()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        await DeployAsync(admin, GroupTask("eastfix", "area-east"));
        var instance = await StartAsync(admin, "eastfix", "E-1");
        var (east, eastName, _) = await app.UserAsync(admin, "east", ["Staff"], "area-east");
        var (west, _, _) = await app.UserAsync(admin, "west", ["Staff"], "area-west");
        var (supervisor, _, _) = await app.UserAsync(admin, "sup", ["Supervisor"]);

        var eastTasks = await ExpectAsync(await east.GetAsync("/api/tasks?processKey=eastfix"), HttpStatusCode.OK);
        var task = Assert.Single(Items(eastTasks));
        var taskId = task!["id"]!.GetValue<string>();
        Assert.Equal(instance["id"]!.GetValue<string>(), task["instanceId"]!.GetValue<string>());

        Assert.Empty(Items(await ExpectAsync(await west.GetAsync("/api/tasks?processKey=eastfix"), HttpStatusCode.OK)));
        Assert.Equal(HttpStatusCode.NotFound, (await west.GetAsync($"/api/tasks/{taskId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await west.PostAsJsonAsync($"/api/tasks/{taskId}/claim", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await west.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await west.GetAsync("/api/tasks/no-such-task")).StatusCode);

        Assert.Single(Items(await ExpectAsync(await supervisor.GetAsync("/api/tasks?processKey=eastfix"), HttpStatusCode.OK)));
        Assert.Equal(HttpStatusCode.Forbidden, (await east.PostAsJsonAsync($"/api/tasks/{taskId}/assign", new { userId = eastName })).StatusCode);

        var claimed = await ExpectAsync(await east.PostAsJsonAsync($"/api/tasks/{taskId}/claim", new { }), HttpStatusCode.OK);
        Assert.Equal(eastName, claimed["assignee"]!.GetValue<string>());
        Assert.Single(Items(await ExpectAsync(await east.GetAsync("/api/tasks?mine=true&processKey=eastfix"), HttpStatusCode.OK)));
        Assert.Empty(Items(await ExpectAsync(await east.GetAsync("/api/tasks?candidate=true&processKey=eastfix"), HttpStatusCode.OK)));

        var completed = await ExpectAsync(await east.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { comment = "done" }), HttpStatusCode.OK);
        Assert.Equal("Completed", completed["status"]!.GetValue<string>());
        Assert.Empty(completed["tasks"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await east.GetAsync($"/api/tasks/{taskId}")).StatusCode);
        var detail = await ExpectAsync(await admin.GetAsync($"/api/instances/{instance["id"]}"), HttpStatusCode.OK);
        Assert.Equal("Completed", detail["summary"]!["status"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Leaders_assign_tasks_to_users()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        await DeployAsync(admin, GroupTask("assignfix", "area-north"));
        await StartAsync(admin, "assignfix");
        var (leader, _, _) = await app.UserAsync(admin, "lead", ["Leader"], "area-north");
        var (otherLeader, _, _) = await app.UserAsync(admin, "lead-south", ["Leader"], "area-south");
        var (north, northName, northId) = await app.UserAsync(admin, "north", ["Staff"]);
        var task = Assert.Single(Items(await ExpectAsync(await leader.GetAsync("/api/tasks?processKey=assignfix"), HttpStatusCode.OK)));
        // A leader's scope is the groups they are linked to: another area's leader does not see the task.
        Assert.Empty(Items(await ExpectAsync(await otherLeader.GetAsync("/api/tasks?processKey=assignfix"), HttpStatusCode.OK)));
        Assert.Equal(HttpStatusCode.NotFound, (await otherLeader.PostAsJsonAsync($"/api/tasks/{task!["id"]}/assign", new { userId = northId })).StatusCode);
        var assigned = await ExpectAsync(await leader.PostAsJsonAsync($"/api/tasks/{task["id"]}/assign", new { userId = northId }), HttpStatusCode.OK);
        Assert.Equal(northName, assigned["assignee"]!.GetValue<string>());
        // Not a candidate, but the assignee: the task is now theirs to see and do.
        await ExpectAsync(await north.GetAsync($"/api/tasks/{task["id"]}"), HttpStatusCode.OK);
        await ExpectFieldErrorAsync(await leader.PostAsJsonAsync($"/api/tasks/{task["id"]}/assign", new { userId = "nobody-here" }), "userId");
    }

    [SkippableFact]
    public async Task Administrators_manage_users_and_groups_with_field_errors()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        await ExpectFieldErrorAsync(await admin.PostAsJsonAsync("/api/users", new { userName = "weak", password = "short" }), "password");
        await ExpectFieldErrorAsync(await admin.PostAsJsonAsync("/api/users", new { userName = "norole", password = UserPassword, roles = new[] { "Wizard" } }), "roles[0]");
        await ExpectFieldErrorAsync(await admin.PostAsJsonAsync("/api/groups", new { id = "bad,id", name = "x", kind = "Area" }), "id");
        await ExpectFieldErrorAsync(await admin.PostAsJsonAsync("/api/groups", new { id = "sector-x", name = "x", kind = "Planet" }), "kind");

        var (_, name, id) = await app.UserAsync(admin, "multi", ["Staff"], "sector-sanitation");
        var roles = await ExpectAsync(await admin.PutAsJsonAsync($"/api/users/{id}/roles", new { roles = new[] { "Staff", "Dispatcher" } }), HttpStatusCode.OK);
        Assert.Equal(["Dispatcher", "Staff"], roles["roles"]!.AsArray().Select(r => r!.GetValue<string>()).ToArray());
        var users = Items((await admin.GetFromJsonAsync<JsonObject>("/api/users?pageSize=200"))!);
        var listed = users!.Single(u => u!["userName"]!.GetValue<string>() == name)!;
        Assert.Contains("sector-sanitation", listed["groups"]!.AsArray().Select(g => g!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync("/api/groups/no-such-group/members", new { userIds = new[] { id } })).StatusCode);
        await ExpectFieldErrorAsync(await admin.PutAsJsonAsync("/api/groups/sector-sanitation/members", new { userIds = new[] { id, "ghost" } }), "userIds[1]");
    }
}

public sealed class AuthorizationTests_Sqlite(SqliteApiServer server) : AuthorizationTests(server), IClassFixture<SqliteApiServer>;

public sealed class AuthorizationTests_Postgres(PostgresApiServer server) : AuthorizationTests(server), IClassFixture<PostgresApiServer>;
