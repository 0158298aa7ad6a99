using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WorkflowHub.Browser.Tests.Support;

namespace WorkflowHub.Browser.Tests;

/// <summary>The server side of the console over a real socket: one origin, SPA fallback only for console routes, anti-forgery.</summary>
public sealed class ConsoleHostTests : IAsyncLifetime
{
    private readonly BrowserServer _server = new();

    public Task InitializeAsync()
    {
        _server.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("/")]
    [InlineData("/designer/grid-case")]
    [InlineData("/forms/report/edit")]
    public async Task Console_routes_get_index_html_after_a_reload(string path)
    {
        using var client = new HttpClient { BaseAddress = _server.Address };
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<div id=\"app\"></div>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/no-such-thing", HttpStatusCode.Unauthorized)]
    [InlineData("/hooks/no-such-hook", HttpStatusCode.Unauthorized)]
    [InlineData("/health", HttpStatusCode.OK)]
    [InlineData("/openapi/v1.json", HttpStatusCode.OK)]
    public async Task Server_paths_are_never_answered_with_the_console(string path, HttpStatusCode status)
    {
        using var client = new HttpClient { BaseAddress = _server.Address };
        var response = await client.GetAsync(path);
        Assert.Equal(status, response.StatusCode);
        Assert.NotEqual("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Only_GET_and_HEAD_fall_back_to_the_console()
    {
        using var client = new HttpClient { BaseAddress = _server.Address };
        var post = await client.PostAsync("/designer/grid-case", new StringContent("x"));
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        Assert.NotEqual("text/html", post.Content.Headers.ContentType?.MediaType);
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/forms"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }

    [Fact]
    public async Task A_cookie_session_needs_the_header_token_for_unsafe_requests_and_bearer_clients_do_not()
    {
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = _server.Address };
        var login = await browser.PostAsJsonAsync("/api/identity/login?useCookies=true", new { email = BrowserServer.AdminUser, password = BrowserServer.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);

        // What a cross-site form would send: the cookie, a form body, no token.
        var forged = await browser.PostAsync("/api/groups", new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = "forged", ["name"] = "x" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("Antiforgery", (await forged.Content.ReadFromJsonAsync<JsonObject>())!["title"]!.GetValue<string>(), StringComparison.Ordinal);
        var forgedJson = await browser.PostAsJsonAsync("/api/groups", new { id = "forged", name = "x", kind = "Area" });
        Assert.Equal(HttpStatusCode.BadRequest, forgedJson.StatusCode);

        var session = (await browser.GetFromJsonAsync<JsonObject>("/api/session"))!;
        Assert.Equal(BrowserServer.AdminUser, session["userName"]!.GetValue<string>());
        Assert.Contains("Administrator", session["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        using var withToken = new HttpRequestMessage(HttpMethod.Post, "/api/groups") { Content = JsonContent.Create(new { id = "console-made", name = "网格一", kind = "Area" }) };
        withToken.Headers.Add("X-XSRF-TOKEN", session["antiforgeryToken"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, (await browser.SendAsync(withToken)).StatusCode);

        using var bearer = await ConsoleSteps.AdminApiAsync(_server);
        Assert.Equal(HttpStatusCode.Created, (await bearer.PostAsJsonAsync("/api/groups", new { id = "bearer-made", name = "网格二", kind = "Area" })).StatusCode);

        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/session/logout");
        logout.Headers.Add("X-XSRF-TOKEN", session["antiforgeryToken"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(logout)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/session")).StatusCode);
    }
}
