using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WorkflowHub.Server.Tests.Api;
using WorkflowHub.Testing;

namespace WorkflowHub.Server.Tests.Domain;

/// <summary>A server whose first start seeded the demo organisation and cases, with one known password for the demo users.</summary>
public static class DemoSettings
{
    public const string Password = "Demo-Password-42!";

    public static readonly IReadOnlyDictionary<string, string?> Values = new Dictionary<string, string?>
    {
        ["Demo:SeedOnFirstStart"] = "true",
        ["Demo:Password"] = Password,
        ["Cases:PhotoFolder"] = Path.Combine(Path.GetTempPath(), $"wfh_test_photos_{Guid.NewGuid():N}"),
    };

    /// <summary>A tiny but well-formed PNG signature plus bytes: enough for the type check.</summary>
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    public static Task<HttpClient> DemoUserAsync(this Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> server, string user) =>
        server.LoginAsync(user, Password);

    /// <summary>Registers a case through POST /api/cases (multipart, one photo) and returns its detail.</summary>
    public static async Task<JsonObject> RegisterAsync(HttpClient client, string category, string area, string description = "测试问题", byte[]? photo = null, string contentType = "image/png")
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Patrol"), "channel" },
            { new StringContent(category), "categoryCode" },
            { new StringContent("一般"), "urgency" },
            { new StringContent(description), "description" },
            { new StringContent("测试路 1 号"), "address" },
            { new StringContent(area), "areaCode" },
        };
        var file = new ByteArrayContent(photo ?? Png);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "photos", "现场.png");
        return await Api.Api.ExpectAsync(await client.PostAsync("/api/cases", form), HttpStatusCode.Created);
    }

    public static string Number(JsonObject detail) => detail["summary"]!["number"]!.GetValue<string>();

    public static async Task<List<string>> NumbersAsync(HttpClient client, string query = "")
    {
        var page = await client.GetFromJsonAsync<JsonObject>($"/api/cases?pageSize=200{query}");
        return [.. page!["items"]!.AsArray().Select(i => i!["number"]!.GetValue<string>())];
    }
}

public sealed class DemoSqliteServer() : ApiServer(TestDatabaseProvider.Sqlite, DemoSettings.Values);

public sealed class DemoPostgresServer() : ApiServer(TestDatabaseProvider.Postgres, DemoSettings.Values);
