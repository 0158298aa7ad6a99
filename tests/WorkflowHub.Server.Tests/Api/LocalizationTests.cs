using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using static WorkflowHub.Server.Tests.Api.Api;

namespace WorkflowHub.Server.Tests.Api;

/// <summary>Problem answers speak zh-CN by default and English when Accept-Language asks; no .NET type name leaks.</summary>
public abstract class LocalizationTests(ApiServer server)
{
    private static HttpRequestMessage Get(string path, string? language)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }
        return request;
    }

    [SkippableFact]
    public async Task A_field_error_is_in_Chinese_by_default_and_in_English_on_request()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var chinese = await ExpectFieldErrorAsync(await admin.SendAsync(Get("/api/instances?page=abc", null)), "page");
        Assert.Equal("有字段的值不正确", chinese["title"]!.GetValue<string>());
        Assert.Equal("“abc”不是 1 到 2147483647 之间的整数。", chinese["errors"]!["page"]![0]!.GetValue<string>());

        var english = await ExpectFieldErrorAsync(await admin.SendAsync(Get("/api/instances?page=abc", "en-US,en;q=0.9")), "page");
        Assert.Equal("One or more values are invalid", english["title"]!.GetValue<string>());
        Assert.Equal("'abc' is not a whole number from 1 to 2147483647.", english["errors"]!["page"]![0]!.GetValue<string>());

        // A bare 404 gets a translated title too; an unknown language falls back to zh-CN.
        var missing = await admin.SendAsync(Get("/api/instances/no-such-instance", "fr-FR"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("未找到", (await missing.Content.ReadFromJsonAsync<JsonObject>())!["title"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task A_value_of_the_wrong_JSON_type_names_no_dotnet_type()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        foreach (var language in new[] { "zh-CN", "en" })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/processes/anything/start")
            {
                Content = new StringContent("""{"variables": "not an object"}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.AcceptLanguage.ParseAdd(language);
            var response = await admin.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.DoesNotContain("System.", body, StringComparison.Ordinal);
            Assert.DoesNotContain("`", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Dictionary", body, StringComparison.Ordinal);
            var problem = JsonNode.Parse(body)!;
            Assert.Equal(language == "en" ? "The value of 'variables' at line 1, byte 29 must be an object." : "“variables”的值（第 1 行，第 29 字节）必须是对象。",
                problem["errors"]!["variables"]![0]!.GetValue<string>());
        }
        // A missing body names no parameter type either.
        var empty = await admin.PostAsync("/api/messages", new StringContent("", Encoding.UTF8, "application/json"));
        var text = await empty.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.DoesNotContain("MessageRequest", text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_engines_BPMN_problems_and_errors_are_translated()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var broken = Process("translated", """
            <bpmn:startEvent id="s"/><bpmn:endEvent id="e"/>
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="nowhere"/>
            """);
        var problem = await ExpectAsync(await admin.PostAsync("/api/definitions", new StringContent(broken, Encoding.UTF8, "application/xml")), HttpStatusCode.BadRequest);
        var message = problem["problems"]!.AsArray().Select(p => p!["message"]!.GetValue<string>()).First(m => m.Contains("nowhere", StringComparison.Ordinal));
        Assert.Equal("顺序流的 targetRef“nowhere”不是本流程中的流节点", message);
        Assert.StartsWith("第 ", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var notDeployed = await admin.PostAsJsonAsync("/api/processes/not-deployed-anywhere/start", new { });
        var answer = await ExpectAsync(notDeployed, HttpStatusCode.NotFound);
        Assert.Equal("没有部署流程“not-deployed-anywhere”。", answer["detail"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task An_incidents_reason_is_in_the_callers_language()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        await DeployAsync(admin, Process("translated-incident", """
            <bpmn:startEvent id="s"/><bpmn:serviceTask id="fail" camunda:expression="${noSuchVariable}"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "fail", "e")));
        var instance = (await StartAsync(admin, "translated-incident"))["id"]!.GetValue<string>();
        async Task<string> ReasonAsync(string language) =>
            Items(await ExpectAsync(await admin.SendAsync(Get($"/api/incidents?instanceId={instance}", language)), System.Net.HttpStatusCode.OK))
                .Single()!["message"]!.GetValue<string>();
        Assert.Equal("serviceTask 'fail': Expression '${noSuchVariable}' failed: unknown variable 'noSuchVariable'", await ReasonAsync("en"));
        Assert.Equal("serviceTask 'fail'：表达式“${noSuchVariable}”执行失败：未知变量“noSuchVariable”", await ReasonAsync("zh-CN"));
    }
}

public sealed class LocalizationTests_Sqlite(SqliteApiServer server) : LocalizationTests(server), IClassFixture<SqliteApiServer>;

public sealed class LocalizationTests_Postgres(PostgresApiServer server) : LocalizationTests(server), IClassFixture<PostgresApiServer>;
