using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using WorkflowHub.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowHub.Browser.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class LedgerPagesTests(ConsoleBrowser browser)
{
    /// <summary>A real 1×1 PNG: the case page must be able to show it.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [SkippableFact]
    public async Task The_ledger_filters_by_channel_and_opens_a_case_with_its_photo_and_timeline()
    {
        var (server, page) = await browser.OpenAsync();
        using var admin = await ConsoleSteps.AdminApiAsync(server);
        var area = await OrganisationApi.AreaAsync(admin);
        var hotline = await RegisterAsync(admin, area, "Hotline12345", "幸福里东门外人行道检查井盖缺失（浏览器测试）");
        var patrol = await RegisterAsync(admin, area, "Patrol", "商超门前垃圾落地（浏览器测试）");

        await ConsoleSteps.SignInAsAdminAsync(page, "/cases");
        await Expect(page.GetByTestId("ledger-list")).ToContainTextAsync(patrol);
        await page.GetByTestId("ledger-channel").ClickAsync();
        await page.Locator(".el-select-dropdown__item:visible", new() { HasText = "12345 热线" }).ClickAsync();
        await page.GetByTestId("ledger-q").FillAsync("浏览器测试");
        await page.GetByTestId("ledger-search").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("channel=Hotline12345"));
        await Expect(page.GetByTestId("ledger-list")).ToContainTextAsync(hotline);
        await Expect(page.GetByTestId("ledger-list")).Not.ToContainTextAsync(patrol);
        // The export links carry the same filters.
        Assert.Contains("channel=Hotline12345", await page.GetByTestId("ledger-export-xlsx").GetAttributeAsync("href"));
        await ConsoleBrowser.ScreenshotAsync(page, "50-ledger-filtered");

        await page.GetByTestId($"case-link-{hotline}").ClickAsync();
        await Expect(page.GetByTestId("case-details")).ToContainTextAsync("检查井盖缺失（浏览器测试）");
        await Expect(page.GetByTestId("case-details")).ToContainTextAsync("12345 热线");
        await Expect(page.GetByTestId("case-photos").Locator("img")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("case-timeline").Locator(".el-timeline-item")).Not.ToHaveCountAsync(0);
        await ConsoleBrowser.ScreenshotAsync(page, "51-case-page");
        await page.Context.CloseAsync();
    }

    private static async Task<string> RegisterAsync(HttpClient admin, string area, string channel, string description)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(channel), "channel" },
            { new StringContent("HJ02"), "categoryCode" },
            { new StringContent("Normal"), "urgency" },
            { new StringContent(description), "description" },
            { new StringContent("测试路 1 号"), "address" },
            { new StringContent(area), "areaCode" },
        };
        var photo = new ByteArrayContent(Png);
        photo.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(photo, "photos", "现场.png");
        var response = await admin.PostAsync("/api/cases", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"register: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!["summary"]!["number"]!.GetValue<string>();
    }
}

/// <summary>Organisation rows the browser tests arrange through the API.</summary>
public static class OrganisationApi
{
    /// <summary>A new district with a unique code (the server's tables are shared by the tests of one run).</summary>
    public static async Task<string> AreaAsync(HttpClient admin, string name = "浏览器测试区")
    {
        var code = $"BT{Guid.NewGuid():N}"[..12].ToUpperInvariant();
        var response = await admin.PostAsJsonAsync("/api/organisation/areas", new { code, name, level = "District" });
        Assert.True(response.IsSuccessStatusCode, $"area: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return code;
    }
}
