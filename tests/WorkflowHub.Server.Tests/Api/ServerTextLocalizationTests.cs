using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static WorkflowHub.Server.Tests.Api.Api;

namespace WorkflowHub.Server.Tests.Api;

/// <summary>
/// The server's own refusals (task actions, cases, organisation, calendar, Open311) answer in zh-CN by default and in
/// English with Accept-Language: en, the same failing call each time; no answer carries both languages.
/// </summary>
public abstract class ServerTextLocalizationTests(ApiServer server)
{
    private static async Task<JsonNode> SendAsync(HttpClient client, HttpMethod method, string path, string? language, HttpStatusCode status, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{method} {path}: expected {(int)status}, got {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>The answer in both languages: the default one and the English one.</summary>
    private static async Task<(JsonNode Chinese, JsonNode English)> BothAsync(HttpClient client, HttpMethod method, string path, HttpStatusCode status, object? body = null) =>
        (await SendAsync(client, method, path, null, status, body), await SendAsync(client, method, path, "en-US,en;q=0.9", status, body));

    [SkippableFact]
    public async Task A_task_action_refusal_is_Chinese_by_default_and_English_on_request()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        await DeployAsync(admin, GroupTask("texts-urge", "texts-grid"));
        await StartAsync(admin, "texts-urge", "T-1");
        var (staff, _, _) = await app.UserAsync(admin, "texts", ["Staff"], "texts-grid");
        var task = Items(await ExpectAsync(await staff.GetAsync("/api/tasks?processKey=texts-urge"), HttpStatusCode.OK))[0]!["id"]!.GetValue<string>();

        var (zh, en) = await BothAsync(staff, HttpMethod.Post, $"/api/tasks/{task}/urge", HttpStatusCode.Forbidden, new { reason = "快" });
        Assert.Equal("只有发起人、督导或领导可以催办。", zh["detail"]!.GetValue<string>());
        Assert.Equal("Only the starter, a supervisor or a leader may urge.", en["detail"]!.GetValue<string>());

        (zh, en) = await BothAsync(staff, HttpMethod.Post, $"/api/tasks/{task}/withdraw", HttpStatusCode.NotFound, new { reason = "撤回" });
        Assert.Equal($"您没有办理过任务 '{task}'。", zh["detail"]!.GetValue<string>());
        Assert.Equal($"You did not complete task '{task}'.", en["detail"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Case_organisation_calendar_and_Open311_refusals_are_Chinese_by_default_and_English_on_request()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();

        var (zh, en) = await BothAsync(admin, HttpMethod.Get, "/api/cases/WH-0000-404404", HttpStatusCode.NotFound);
        Assert.Equal("没有案件“WH-0000-404404”，或不在您的范围内。", zh["detail"]!.GetValue<string>());
        Assert.Equal("Case 'WH-0000-404404' does not exist or is outside your scope.", en["detail"]!.GetValue<string>());
        Assert.Equal("未找到", zh["title"]!.GetValue<string>());

        (zh, en) = await BothAsync(admin, HttpMethod.Get, "/api/organisation/no-such-table", HttpStatusCode.NotFound);
        Assert.Equal("没有表“no-such-table”。", zh["detail"]!.GetValue<string>());
        Assert.Equal("There is no table 'no-such-table'.", en["detail"]!.GetValue<string>());

        (zh, en) = await BothAsync(admin, HttpMethod.Get, "/api/calendar/due?workhours=abc", HttpStatusCode.BadRequest);
        Assert.Equal("'abc' 不是数字。", zh["errors"]!["workhours"]![0]!.GetValue<string>());
        Assert.Equal("'abc' is not a number.", en["errors"]!["workhours"]![0]!.GetValue<string>());

        // Open311 answers in GeoReport's own error format, in the caller's language as well.
        var anonymous = app.CreateClient();
        (zh, en) = await BothAsync(anonymous, HttpMethod.Get, "/open311/v2/requests/WH-0000-404404.json", HttpStatusCode.NotFound);
        Assert.Equal("没有请求 WH-0000-404404。", zh[0]!["description"]!.GetValue<string>());
        Assert.Equal("There is no service request 'WH-0000-404404'.", en[0]!["description"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task The_handler_catalogue_is_described_in_the_callers_language()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        async Task<JsonNode> NoticeAsync(string? language)
        {
            var page = await SendAsync(admin, HttpMethod.Get, "/api/handlers?pageSize=200", language, HttpStatusCode.OK);
            return page["items"]!.AsArray().Single(h => h!["topic"]!.GetValue<string>() == "notice")!;
        }
        var zh = await NoticeAsync(null);
        var en = await NoticeAsync("en");
        Assert.Equal("发送通知：按模板渲染，每个收件人一封，写入发件箱", zh["description"]!.GetValue<string>());
        Assert.Equal("Sends a notice: renders the template once per recipient into the mail outbox.", en["description"]!.GetValue<string>());
        Assert.Equal("模板键，如 assignment", zh["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "template")!["description"]!.GetValue<string>());
    }
}

public sealed class ServerTextLocalizationTests_Sqlite(SqliteApiServer server) : ServerTextLocalizationTests(server), IClassFixture<SqliteApiServer>;
