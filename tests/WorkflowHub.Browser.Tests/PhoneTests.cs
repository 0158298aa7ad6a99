using System.Net.Http.Json;
using Microsoft.Playwright;
using WorkflowHub.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowHub.Browser.Tests;

/// <summary>Grid staff on a 390×844 phone: the report page, the inbox and completing a task, never scrolling sideways.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class PhoneTests(ConsoleBrowser browser)
{
    private static async Task AssertNoHorizontalScrollAsync(IPage page)
    {
        var (scroll, client) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("document.documentElement.clientWidth"));
        Assert.True(scroll <= client, $"the page scrolls sideways: {scroll} > {client} at {page.Url}");
    }

    [SkippableFact]
    public async Task A_phone_reports_sees_its_inbox_and_completes_a_task_at_390x844()
    {
        var (server, page) = await browser.OpenAsync();
        await page.SetViewportSizeAsync(390, 844);
        using var admin = await ConsoleSteps.AdminApiAsync(server);
        var people = await WorkSteps.ArrangeAsync(admin);
        var instance = await WorkSteps.StartAsync(admin, people, "WG-PHONE-7");
        using var dispatcher = await WorkSteps.UserApiAsync(server, people.Dispatcher);
        (await dispatcher.PostAsJsonAsync($"/api/tasks/{await WorkSteps.TaskIdAsync(admin, instance, "dispatch")}/approve", new { opinion = "派遣" })).EnsureSuccessStatusCode();

        await ConsoleSteps.SignInAsync(page, people.Handler, WorkSteps.Password);
        await page.GotoAsync("/m/report");
        await Expect(page.GetByTestId("phone-report")).ToBeVisibleAsync();
        // Required fields are checked on the phone before anything is sent.
        await page.GetByTestId("report-submit").ClickAsync();
        await Expect(page.Locator(".van-field__error-message").First).ToBeVisibleAsync();
        await page.GetByTestId("report-description").Locator("textarea, input").FillAsync("人行道井盖缺失");
        await page.GetByTestId("report-address").Locator("textarea, input").FillAsync("东城区和平路 12 号");
        await page.GetByTestId("report-grid").Locator("textarea, input").FillAsync("DC-03");
        await page.Locator("[data-testid=report-photos] input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "井盖.png", MimeType = "image/png", Buffer = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="),
        });
        Assert.Equal("capture", await page.Locator("[data-testid=report-photos] input[type=file]").EvaluateAsync<string>("e => e.hasAttribute('capture') ? 'capture' : ''"));
        await AssertNoHorizontalScrollAsync(page);
        await ConsoleBrowser.ScreenshotAsync(page, "20-phone-report");

        await page.GetByTestId("tab-inbox").ClickAsync();
        await Expect(page.GetByTestId("phone-task-handle")).ToContainTextAsync("WG-PHONE-7");
        await AssertNoHorizontalScrollAsync(page);
        await ConsoleBrowser.ScreenshotAsync(page, "21-phone-inbox");

        await page.GetByTestId("phone-task-handle").ClickAsync();
        await Expect(page.GetByTestId("phone-task")).ToBeVisibleAsync();
        await page.GetByTestId("phone-field-处置说明").Locator("input").FillAsync("已补装井盖");
        // Attachments: Vant's uploader with a Chinese label and the camera, not the browser's "Choose File" input.
        var uploader = page.GetByTestId("attachment-uploader");
        await Expect(uploader).ToContainTextAsync("拍照或选择文件");
        await Expect(page.GetByTestId("attachment-input")).ToHaveCountAsync(0);
        var cameraInput = uploader.Locator("input[type=file]");
        Assert.Equal("environment", await cameraInput.GetAttributeAsync("capture"));
        await cameraInput.SetInputFilesAsync(new FilePayload
        {
            Name = "现场.png", MimeType = "image/png", Buffer = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="),
        });
        await Expect(page.GetByTestId("attachments")).ToContainTextAsync("现场.png");
        await Expect(uploader.Locator(".van-uploader__preview")).ToHaveCountAsync(0);
        await uploader.ScrollIntoViewIfNeededAsync();
        await AssertNoHorizontalScrollAsync(page);
        await ConsoleBrowser.ScreenshotAsync(page, "23-phone-uploader");
        await page.GetByTestId("phone-approve").ClickAsync();
        await Expect(page.Locator(".van-field__error-message")).ToContainTextAsync("请填写审批意见");
        await page.GetByTestId("phone-opinion").Locator("textarea, input").FillAsync("已整改完毕");
        await AssertNoHorizontalScrollAsync(page);
        await ConsoleBrowser.ScreenshotAsync(page, "22-phone-task");
        await page.GetByTestId("phone-approve").ClickAsync();
        await Expect(page.GetByTestId("phone-inbox")).ToBeVisibleAsync();

        var open = await WorkSteps.OpenTasksAsync(admin, instance);
        Assert.Equal("verify", Assert.Single(open)!["elementId"]!.GetValue<string>());
        var detail = await admin.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/instances/{instance}");
        Assert.Equal("已补装井盖", detail!["variables"]!["处置说明"]!.GetValue<string>());
        await page.Context.CloseAsync();
    }
}
