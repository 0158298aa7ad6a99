using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace WorkflowHub.Browser.Tests.Support;

/// <summary>What a person does in the console, and what the tests check through the API beside it.</summary>
public static class ConsoleSteps
{
    public static async Task SignInAsync(IPage page, string user, string password, string path = "/")
    {
        await page.GotoAsync(path);
        await page.GetByTestId("signin-user").FillAsync(user);
        await page.GetByTestId("signin-password").FillAsync(password);
        await page.GetByTestId("signin-submit").ClickAsync();
        await page.GetByTestId("user-name").WaitForAsync();
    }

    public static Task SignInAsAdminAsync(IPage page, string path = "/") =>
        SignInAsync(page, BrowserServer.AdminUser, BrowserServer.AdminPassword, path);

    /// <summary>An API client with a bearer token, for arranging data and checking what the console did.</summary>
    public static async Task<HttpClient> AdminApiAsync(BrowserServer server)
    {
        var client = new HttpClient { BaseAddress = server.Address };
        var login = await client.PostAsJsonAsync("/api/identity/login?useCookies=false", new { email = BrowserServer.AdminUser, password = BrowserServer.AdminPassword });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
