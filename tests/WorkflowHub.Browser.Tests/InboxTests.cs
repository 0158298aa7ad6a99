using System.Net.Http.Json;
using Microsoft.Playwright;
using WorkflowHub.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowHub.Browser.Tests;

/// <summary>Staff complete their tasks in the console; the instance page then shows where the flow stands.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class InboxTests(ConsoleBrowser browser)
{
    [SkippableFact]
    public async Task Staff_see_the_task_fill_its_form_and_complete_it_and_the_instance_page_marks_the_next_activity()
    {
        var (server, page) = await browser.OpenAsync();
        using var admin = await ConsoleSteps.AdminApiAsync(server);
        var people = await WorkSteps.ArrangeAsync(admin);
        var instance = await WorkSteps.StartAsync(admin, people, "WG-2026-0001");
        using var dispatcher = await WorkSteps.UserApiAsync(server, people.Dispatcher);
        var dispatch = await WorkSteps.TaskIdAsync(admin, instance, "dispatch");
        (await dispatcher.PostAsJsonAsync($"/api/tasks/{dispatch}/approve", new { opinion = "派往东城片区" })).EnsureSuccessStatusCode();

        await ConsoleSteps.SignInAsync(page, people.Handler, WorkSteps.Password, "/inbox");
        // The stream is open: live updates, with the slower check still shown.
        await Expect(page.GetByTestId("inbox-polling")).ToContainTextAsync("实时推送已连接 · 每 60 秒核对一次");
        await Expect(page.GetByTestId("inbox-table")).ToContainTextAsync("WG-2026-0001");
        // A task dispatched meanwhile appears without a reload (the next poll is a minute away: it is the stream).
        var second = await WorkSteps.StartAsync(admin, people, "WG-2026-0002");
        (await dispatcher.PostAsJsonAsync($"/api/tasks/{await WorkSteps.TaskIdAsync(admin, second, "dispatch")}/approve", new { opinion = "派往东城片区" })).EnsureSuccessStatusCode();
        await Expect(page.GetByTestId("inbox-table")).ToContainTextAsync("WG-2026-0002");
        await Expect(page.GetByTestId("inbox-fresh")).ToBeVisibleAsync();
        // The text filter runs on the server.
        await page.GetByTestId("filter-text").FillAsync("wg-2026-0002");
        await page.GetByTestId("filter-text").PressAsync("Enter");
        await Expect(page.GetByTestId("inbox-table")).Not.ToContainTextAsync("WG-2026-0001");
        await Expect(page.GetByTestId("inbox-table")).ToContainTextAsync("WG-2026-0002");
        await page.GetByTestId("filter-text").FillAsync("");
        await page.GetByTestId("filter-text").PressAsync("Enter");
        await Expect(page.GetByTestId("inbox-table")).ToContainTextAsync("WG-2026-0001");
        await Expect(page.GetByTestId("inbox-table")).ToContainTextAsync("处置");
        await ConsoleBrowser.ScreenshotAsync(page, "10-inbox");

        await page.Locator("tr", new() { HasText = "WG-2026-0001" }).GetByTestId("open-handle").ClickAsync();
        await Expect(page.GetByTestId("task-business-key")).ToHaveTextAsync("WG-2026-0001");
        await Expect(page.Locator(".wfh-active")).ToHaveCountAsync(1);
        await page.GetByTestId("field-处置说明").Locator("input").FillAsync("已清理占道堆物");
        await ConsoleBrowser.ScreenshotAsync(page, "11-task-page");

        // The opinion is required: the dialog says so beside the field and nothing is sent.
        await page.GetByTestId("action-approve").ClickAsync();
        await page.GetByTestId("dialog-confirm").ClickAsync();
        await Expect(page.GetByTestId("action-dialog").Locator(".el-form-item__error")).ToContainTextAsync("请填写审批意见");
        await page.GetByTestId("dialog-text").FillAsync("现场已整改");
        await page.GetByTestId("dialog-confirm").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/inbox$"));

        var verify = await WorkSteps.OpenTasksAsync(admin, instance);
        Assert.Equal("verify", Assert.Single(verify)!["elementId"]!.GetValue<string>());
        var detail = await admin.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/instances/{instance}");
        Assert.Equal("已清理占道堆物", detail!["variables"]!["处置说明"]!.GetValue<string>());
        Assert.Equal("approved", detail["variables"]!["outcome"]!.GetValue<string>());

        var (_, adminPage) = await browser.OpenAsync();
        await ConsoleSteps.SignInAsAdminAsync(adminPage, $"/instances/{instance}");
        await Expect(adminPage.GetByTestId("instance-active")).ToContainTextAsync("核查");
        await Expect(adminPage.Locator("[data-element-id='verify'].wfh-active")).ToHaveCountAsync(1);
        await Expect(adminPage.Locator("[data-element-id='handle'].wfh-done")).ToHaveCountAsync(1);
        await Expect(adminPage.GetByTestId("instance-history")).ToContainTextAsync("task.completed");
        await ConsoleBrowser.ScreenshotAsync(adminPage, "12-instance-page");
        await page.Context.CloseAsync();
        await adminPage.Context.CloseAsync();
    }
}
