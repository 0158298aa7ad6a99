using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using WorkflowHub.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowHub.Browser.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class OrganisationPagesTests(ConsoleBrowser browser)
{
    [SkippableFact]
    public async Task An_administrator_edits_an_area_and_sees_the_field_error_of_an_empty_name_first()
    {
        var (server, page) = await browser.OpenAsync();
        using var admin = await ConsoleSteps.AdminApiAsync(server);
        var code = await OrganisationApi.AreaAsync(admin, "待改名的区");

        await ConsoleSteps.SignInAsAdminAsync(page, "/admin/organisation?table=areas");
        await Expect(page.GetByTestId("org-rows")).ToContainTextAsync("待改名的区");
        await page.GetByTestId($"org-edit-{code}").ClickAsync();
        var name = page.GetByTestId("org-field-name");
        await name.FillAsync("");
        await page.GetByTestId("org-row-save").ClickAsync();
        // The server's field error shows at the field, in Chinese.
        await Expect(page.GetByTestId("org-row-form").Locator(".el-form-item__error")).Not.ToHaveCountAsync(0);
        await ConsoleBrowser.ScreenshotAsync(page, "60-organisation-field-error");

        await name.FillAsync("浏览器测试新区");
        await page.GetByTestId("org-row-save").ClickAsync();
        await Expect(page.Locator(".el-message--success")).ToContainTextAsync("已保存");
        await Expect(page.GetByTestId("org-rows")).ToContainTextAsync("浏览器测试新区");
        var row = await admin.GetFromJsonAsync<JsonObject>($"/api/organisation/areas/{code}");
        Assert.Equal("浏览器测试新区", row!["name"]!.GetValue<string>());
        Assert.Equal("District", row["level"]!.GetValue<string>());
        await ConsoleBrowser.ScreenshotAsync(page, "61-organisation-areas");

        await page.GotoAsync("/admin/calendar?year=2026");
        // 2026's schedule (shipped) opens with its holidays; each date shows its weekday (the Spring Festival starts on a Sunday).
        var festival = page.GetByTestId("calendar-holidays").Locator("tbody tr").Nth(1);
        await Expect(festival.Locator("input").First).ToHaveValueAsync("春节");
        await Expect(festival).ToContainTextAsync("周日");
        await ConsoleBrowser.ScreenshotAsync(page, "62-calendar-2026");
        await page.Context.CloseAsync();
    }
}
