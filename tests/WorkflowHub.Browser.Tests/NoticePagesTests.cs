using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WorkflowHub.Browser.Tests.Support;
using WorkflowHub.Server.Features.Notices;
using static Microsoft.Playwright.Assertions;

namespace WorkflowHub.Browser.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class NoticePagesTests(ConsoleBrowser browser)
{
    [SkippableFact]
    public async Task A_test_mail_sent_from_the_template_editor_is_in_the_outbox_and_the_mailbox_with_its_Chinese_subject()
    {
        var (server, page) = await browser.OpenAsync();
        using var admin = await ConsoleSteps.AdminApiAsync(server);
        var to = $"notice-{Guid.NewGuid():N}@example.gov.cn";

        await ConsoleSteps.SignInAsAdminAsync(page, "/notices/templates");
        await Expect(page.GetByTestId("template-list")).ToContainTextAsync("交办通知");
        await page.GetByTestId("template-edit-assignment").ClickAsync();
        // The live preview renders the template against its sample data; an edit re-renders it.
        await Expect(page.GetByTestId("preview-subject")).ToContainTextAsync("【交办通知】");
        var subject = page.GetByTestId("template-subject");
        await subject.FillAsync(await subject.InputValueAsync() + "（浏览器测试）");
        await Expect(page.GetByTestId("preview-subject")).ToContainTextAsync("（浏览器测试）");
        await page.GetByTestId("template-save").ClickAsync();
        await Expect(page.Locator(".el-message--success", new() { HasText = "已保存为版本" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("template-versions").Locator("tbody tr")).ToHaveCountAsync(2);
        await ConsoleBrowser.ScreenshotAsync(page, "40-notice-template-editor");

        await page.GetByTestId("template-test").ClickAsync();
        await page.GetByTestId("template-test-to").FillAsync(to);
        await page.GetByTestId("template-test-send").ClickAsync();
        await Expect(page.Locator(".el-message--success", new() { HasText = to })).ToBeVisibleAsync();

        // The sender delivers due rows into the pickup folder (the hosted one would within its poll interval).
        await server.Services.GetRequiredService<NoticeSender>().DeliverDueAsync();
        var outbox = await admin.GetFromJsonAsync<JsonObject>($"/api/notices/outbox?recipient={Uri.EscapeDataString(to)}");
        Assert.Equal("Sent", outbox!["items"]![0]!["status"]!.GetValue<string>());

        await page.GotoAsync("/notices/outbox");
        var row = page.GetByTestId("outbox-list").Locator("tr", new() { HasText = to });
        await Expect(row).ToContainTextAsync("已发送");
        await Expect(row).ToContainTextAsync("[测试 TEST] 【交办通知】");
        await ConsoleBrowser.ScreenshotAsync(page, "41-notice-outbox");

        await page.GotoAsync("/notices/mailbox");
        var mail = page.GetByTestId("mail-list").Locator("tr", new() { HasText = to });
        await Expect(mail).ToContainTextAsync("【交办通知】");
        await mail.ClickAsync();
        await Expect(page.GetByTestId("mail-subject")).ToContainTextAsync("[测试 TEST] 【交办通知】");
        await Expect(page.GetByTestId("mail-subject")).ToContainTextAsync("（浏览器测试）");
        // The HTML body is shown in a sandboxed frame: it renders, but runs no script and has no access to the console.
        var frame = page.GetByTestId("mail-html");
        Assert.Equal("", await frame.GetAttributeAsync("sandbox"));
        await Expect(page.FrameLocator("[data-testid=mail-html]").Locator("body")).ToContainTextAsync("交 办 通 知");
        await ConsoleBrowser.ScreenshotAsync(page, "42-notice-mailbox");
        await page.Context.CloseAsync();
    }
}
