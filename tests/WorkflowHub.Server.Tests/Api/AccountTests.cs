using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WorkflowHub.Server.Tests.Support;
using static WorkflowHub.Server.Tests.Api.Api;

namespace WorkflowHub.Server.Tests.Api;

/// <summary>Accounts as an office runs them: sign-in by name or e-mail, own info and password, administration, token revalidation.</summary>
public abstract class AccountTests(ApiServer server)
{
    private static async Task<HttpResponseMessage> LoginAsync(HttpClient client, object body, string language = "zh-CN")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/identity/login") { Content = JsonContent.Create(body) };
        request.Headers.AcceptLanguage.ParseAdd(language);
        return await client.SendAsync(request);
    }

    private static HttpClient Bearer(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app, string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [SkippableFact]
    public async Task Sign_in_takes_the_user_name_or_the_email_address_in_either_field()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var name = $"mail-{Guid.NewGuid():N}"[..13];
        await ExpectAsync(await admin.PostAsJsonAsync("/api/users", new { userName = name, password = UserPassword, email = $"{name}@city.example", roles = new[] { "Staff" } }), HttpStatusCode.Created);
        var anonymous = app.CreateClient();
        foreach (var body in new object[]
                 {
                     new { userName = name, password = UserPassword }, new { email = name, password = UserPassword },
                     new { userName = $"{name}@city.example", password = UserPassword }, new { email = $"{name.ToUpperInvariant()}@CITY.EXAMPLE", password = UserPassword },
                 })
        {
            var answer = await ExpectAsync(await LoginAsync(anonymous, body), HttpStatusCode.OK);
            Assert.False(string.IsNullOrEmpty(answer["accessToken"]?.GetValue<string>()));
        }

        var wrong = await ExpectAsync(await LoginAsync(anonymous, new { userName = name, password = "Wrong-Password-1!" }), HttpStatusCode.Unauthorized);
        Assert.Equal("用户名（或电子邮件地址）或密码错误。", wrong["detail"]!.GetValue<string>());
        var wrongEn = await ExpectAsync(await LoginAsync(anonymous, new { userName = name, password = "Wrong-Password-1!" }, "en"), HttpStatusCode.Unauthorized);
        Assert.Equal("The user name (or e-mail address) or the password is wrong.", wrongEn["detail"]!.GetValue<string>());
        for (var i = 0; i < 3; i++)
        {
            await LoginAsync(anonymous, new { userName = name, password = "Wrong-Password-1!" });
        }
        var locked = await ExpectAsync(await LoginAsync(anonymous, new { userName = name, password = UserPassword }), HttpStatusCode.Unauthorized);
        var until = locked["lockedUntil"]!.GetValue<DateTimeOffset>();
        Assert.True(until > DateTimeOffset.UtcNow.AddMinutes(10), locked.ToJsonString());
        Assert.Contains($"{until.UtcDateTime:yyyy-MM-dd HH:mm:ss}", locked["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("密码错误次数过多", locked["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_user_without_email_reads_their_info_and_changes_their_password()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var (client, name, id) = await app.UserAsync(admin, "nomail", ["Staff"], "nomail-group");
        var info = await ExpectAsync(await client.GetAsync("/api/identity/manage/info"), HttpStatusCode.OK);
        Assert.Equal(name, info["userName"]!.GetValue<string>());
        Assert.Null(info["email"]);
        Assert.Equal(["Staff"], info["roles"]!.AsArray().Select(r => r!.GetValue<string>()).ToArray());
        Assert.Equal(["nomail-group"], info["groups"]!.AsArray().Select(r => r!.GetValue<string>()).ToArray());

        // Every rule the new password breaks comes back at once.
        var weak = await ExpectFieldErrorAsync(await client.PostAsJsonAsync("/api/identity/manage/password", new { oldPassword = UserPassword, newPassword = "short" }), "newPassword");
        Assert.True(weak["errors"]!["newPassword"]!.AsArray().Count >= 3, weak.ToJsonString());
        await ExpectFieldErrorAsync(await client.PostAsJsonAsync("/api/identity/manage/password", new { oldPassword = "Not-The-Password-1!", newPassword = "A-Better-Password-42!" }), "oldPassword");
        await ExpectAsync(await client.PostAsJsonAsync("/api/identity/manage/password", new { oldPassword = UserPassword, newPassword = "A-Better-Password-42!" }), HttpStatusCode.NoContent);
        await ExpectAsync(await LoginAsync(app.CreateClient(), new { userName = name, password = "A-Better-Password-42!" }), HttpStatusCode.OK);
        await ExpectAsync(await LoginAsync(app.CreateClient(), new { userName = name, password = UserPassword }), HttpStatusCode.Unauthorized);
        Assert.NotEmpty(id);
    }

    [SkippableTheory]
    [InlineData("/api/identity/register")]
    [InlineData("/api/identity/confirmEmail")]
    [InlineData("/api/identity/resendConfirmationEmail")]
    [InlineData("/api/identity/forgotPassword")]
    [InlineData("/api/identity/resetPassword")]
    [InlineData("/api/identity/manage/2fa")]
    public async Task Identity_endpoints_that_cannot_work_are_gone_from_the_API_and_OpenAPI(string path)
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var response = await admin.PostAsJsonAsync(path, new { email = "someone@example.com" });
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"{path}: {(int)response.StatusCode}");
        var document = await app.CreateClient().GetStringAsync("/openapi/v1.json");
        Assert.DoesNotContain($"\"{path}\"", document, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_password_policy_is_readable_before_signing_in()
    {
        var app = await server.GetAsync();
        var policy = await ExpectAsync(await app.CreateClient().GetAsync("/api/identity/policy"), HttpStatusCode.OK);
        Assert.Equal(12, policy["requiredLength"]!.GetValue<int>());
        Assert.True(policy["requireNonAlphanumeric"]!.GetValue<bool>());
        Assert.Equal(5, policy["maxFailedAccessAttempts"]!.GetValue<int>());
        Assert.Equal(15, policy["lockoutMinutes"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task Administrators_reset_disable_enable_edit_and_delete_accounts()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var (client, name, id) = await app.UserAsync(admin, "managed", ["Staff", "Worker"]);
        await ExpectAsync(await client.GetAsync("/api/tasks"), HttpStatusCode.OK);

        var edited = await ExpectAsync(await admin.PutAsJsonAsync($"/api/users/{id}", new { displayName = "张三", email = "zhang@city.example", phoneNumber = "12345", roles = new[] { "Dispatcher" } }), HttpStatusCode.OK);
        Assert.Equal("张三", edited["displayName"]!.GetValue<string>());
        Assert.Equal("zhang@city.example", edited["email"]!.GetValue<string>());
        Assert.Equal("12345", edited["phoneNumber"]!.GetValue<string>());
        Assert.Equal(["Dispatcher"], edited["roles"]!.AsArray().Select(r => r!.GetValue<string>()).ToArray());
        var bad = await ExpectAsync(await admin.PutAsJsonAsync($"/api/users/{id}", new { email = "not-an-address", roles = new[] { "Emperor" } }), HttpStatusCode.BadRequest);
        Assert.NotNull(bad["errors"]!["email"]);
        Assert.NotNull(bad["errors"]!["roles[0]"]);

        var reset = await ExpectAsync(await admin.PostAsJsonAsync($"/api/users/{id}/reset-password", new { }), HttpStatusCode.OK);
        var password = reset["password"]!.GetValue<string>();
        await ExpectAsync(await LoginAsync(app.CreateClient(), new { userName = name, password = UserPassword }), HttpStatusCode.Unauthorized);
        var token = (await ExpectAsync(await LoginAsync(app.CreateClient(), new { userName = name, password }), HttpStatusCode.OK))["accessToken"]!.GetValue<string>();
        var fresh = Bearer(app, token);
        await ExpectAsync(await fresh.GetAsync("/api/tasks"), HttpStatusCode.OK);

        var disabled = await ExpectAsync(await admin.PostAsJsonAsync($"/api/users/{id}/disable", new { }), HttpStatusCode.OK);
        Assert.True(disabled["disabled"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await fresh.GetAsync("/api/tasks")).StatusCode);
        var refused = await ExpectAsync(await LoginAsync(app.CreateClient(), new { userName = name, password }), HttpStatusCode.Unauthorized);
        Assert.Equal("此账号已停用，请联系管理员。", refused["detail"]!.GetValue<string>());
        // Unlocking does not enable a disabled account; enabling does.
        await ExpectAsync(await admin.PostAsJsonAsync($"/api/users/{id}/unlock", new { }), HttpStatusCode.OK);
        await ExpectAsync(await LoginAsync(app.CreateClient(), new { userName = name, password }), HttpStatusCode.Unauthorized);
        await ExpectAsync(await admin.PostAsJsonAsync($"/api/users/{id}/enable", new { }), HttpStatusCode.OK);
        var again = Bearer(app, (await ExpectAsync(await LoginAsync(app.CreateClient(), new { userName = name, password }), HttpStatusCode.OK))["accessToken"]!.GetValue<string>());
        await ExpectAsync(await again.GetAsync("/api/tasks"), HttpStatusCode.OK);

        var me = (await ExpectAsync(await admin.GetAsync("/api/identity/manage/info"), HttpStatusCode.OK))["id"]!.GetValue<string>();
        await ExpectAsync(await admin.PostAsJsonAsync($"/api/users/{me}/disable", new { }), HttpStatusCode.Conflict);
        await ExpectAsync(await admin.DeleteAsync($"/api/users/{id}"), HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.GetAsync("/api/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/users/{id}")).StatusCode);
    }

    [SkippableFact]
    public async Task A_role_change_reaches_bearer_tokens_at_refresh_and_cookies_at_once()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var (_, name, id) = await app.UserAsync(admin, "promoted", ["Staff"]);
        var login = await ExpectAsync(await LoginAsync(app.CreateClient(), new { userName = name, password = UserPassword }), HttpStatusCode.OK);
        var bearer = Bearer(app, login["accessToken"]!.GetValue<string>());
        var browser = app.CreateClient();
        await ExpectAsync(await browser.PostAsJsonAsync("/api/identity/login?useCookies=true", new { userName = name, password = UserPassword }), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Forbidden, (await bearer.GetAsync("/api/instances")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/api/instances")).StatusCode);

        await ExpectAsync(await admin.PutAsJsonAsync($"/api/users/{id}/roles", new { roles = new[] { "Dispatcher" } }), HttpStatusCode.OK);
        await ExpectAsync(await browser.GetAsync("/api/instances"), HttpStatusCode.OK);
        var refreshed = await ExpectAsync(await app.CreateClient().PostAsJsonAsync("/api/identity/refresh", new { refreshToken = login["refreshToken"]!.GetValue<string>() }), HttpStatusCode.OK);
        await ExpectAsync(await Bearer(app, refreshed["accessToken"]!.GetValue<string>()).GetAsync("/api/instances"), HttpStatusCode.OK);

        // A disabled account's refresh token is refused.
        await ExpectAsync(await admin.PostAsJsonAsync($"/api/users/{id}/disable", new { }), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/identity/refresh", new { refreshToken = refreshed["refreshToken"]!.GetValue<string>() })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/instances")).StatusCode);
    }

    [SkippableFact]
    public async Task Groups_are_renamed_and_deleted_unless_open_tasks_name_them()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        await EnsureGroupAsync(admin, "doomed-group");
        var renamed = await ExpectAsync(await admin.PutAsJsonAsync("/api/groups/doomed-group", new { name = "东区网格" }), HttpStatusCode.OK);
        Assert.Equal("东区网格", renamed["name"]!.GetValue<string>());
        await ExpectFieldErrorAsync(await admin.PutAsJsonAsync("/api/groups/doomed-group", new { name = "" }), "name");

        await DeployAsync(admin, GroupTask("doomed", "doomed-group"));
        await StartAsync(admin, "doomed", "D-1");
        await StartAsync(admin, "doomed", "D-2");
        var refused = await ExpectAsync(await admin.DeleteAsync("/api/groups/doomed-group"), HttpStatusCode.Conflict);
        Assert.Contains("2", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        foreach (var task in Items(await ExpectAsync(await admin.GetAsync("/api/tasks?processKey=doomed"), HttpStatusCode.OK)))
        {
            await ExpectAsync(await admin.PostAsJsonAsync($"/api/tasks/{task!["id"]}/complete", new { }), HttpStatusCode.OK);
        }
        await ExpectAsync(await admin.DeleteAsync("/api/groups/doomed-group"), HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/api/groups/doomed-group")).StatusCode);
    }
}

public sealed class AccountTests_Sqlite(SqliteApiServer server) : AccountTests(server), IClassFixture<SqliteApiServer>;

public sealed class AccountTests_Postgres(PostgresApiServer server) : AccountTests(server), IClassFixture<PostgresApiServer>;
