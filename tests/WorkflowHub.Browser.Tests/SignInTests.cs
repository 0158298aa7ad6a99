using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using WorkflowHub.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowHub.Browser.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class SignInTests(ConsoleBrowser browser)
{
    [SkippableFact]
    public async Task A_deep_link_signs_in_and_comes_back_with_name_roles_and_the_menu_in_Chinese()
    {
        var (_, page) = await browser.OpenAsync();

        await page.GotoAsync("/no/such/console/page");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin\\?next="));
        await Expect(page.GetByTestId("signin-submit")).ToContainTextAsync("登录");
        await ConsoleBrowser.ScreenshotAsync(page, "01-signin");

        await page.GetByTestId("signin-user").FillAsync(BrowserServer.AdminUser);
        await page.GetByTestId("signin-password").FillAsync("wrong-password-1A!");
        await page.GetByTestId("signin-submit").ClickAsync();
        await Expect(page.Locator(".el-alert")).ToContainTextAsync("用户名或密码错误");

        await page.GetByTestId("signin-password").FillAsync(BrowserServer.AdminPassword);
        await page.GetByTestId("signin-submit").ClickAsync();
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync(BrowserServer.AdminUser);
        await Expect(page.GetByTestId("user-roles")).ToContainTextAsync("系统管理员");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/no/such/console/page$"));
        await Expect(page.Locator(".el-result")).ToContainTextAsync("页面不存在");

        // A reload of a console route is answered by the server with the console, still signed in.
        await page.ReloadAsync();
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync(BrowserServer.AdminUser);

        await page.GotoAsync("/");
        await Expect(page.Locator(".tiles, .el-empty")).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "02-home-zh");
        await page.GetByTestId("language").ClickAsync();
        await page.Locator(".el-select-dropdown__item", new() { HasText = "English" }).ClickAsync();
        await Expect(page.GetByTestId("sign-out")).ToHaveTextAsync("Sign out");
        await Expect(page.GetByTestId("user-roles")).ToContainTextAsync("Administrator");

        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task The_menu_shows_only_what_the_roles_may_use()
    {
        var (server, page) = await browser.OpenAsync();
        using var admin = await ConsoleSteps.AdminApiAsync(server);
        var name = $"staff{Guid.NewGuid():N}"[..12];
        var created = await admin.PostAsJsonAsync("/api/users", new { userName = name, password = "Staff-Password-42!", roles = new[] { "Staff" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        await ConsoleSteps.SignInAsync(page, name, "Staff-Password-42!");
        await Expect(page.GetByTestId("user-roles")).ToContainTextAsync("工作人员");
        var items = await page.GetByTestId("menu").Locator(".el-menu-item").AllInnerTextsAsync();
        Assert.DoesNotContain(items, i => i.Contains("流程设计", StringComparison.Ordinal));
        Assert.Contains(items, i => i.Contains("首页", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }
}
