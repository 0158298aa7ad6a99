using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using WorkflowHub.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowHub.Browser.Tests;

/// <summary>Each Chinese task action done with the task page's buttons and dialogs, then checked through the API.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class TaskActionTests(ConsoleBrowser browser)
{
    private static async Task<IPage> SignedInAsync(ConsoleBrowser browser, string user, string password = WorkSteps.Password)
    {
        var (_, page) = await browser.OpenAsync();
        await ConsoleSteps.SignInAsync(page, user, password);
        return page;
    }

    /// <summary>Opens the task, presses the action's button, lets <paramref name="fill"/> fill the dialog, gives the reason, confirms.</summary>
    private static async Task ActAsync(IPage page, string taskId, string action, string reason, Func<IPage, Task>? fill = null)
    {
        await page.GotoAsync($"/tasks/{taskId}");
        await page.GetByTestId($"action-{action}").ClickAsync();
        if (fill is not null)
        {
            await fill(page);
        }
        await page.GetByTestId("dialog-text").FillAsync(reason);
        await page.GetByTestId("dialog-confirm").ClickAsync();
        await Expect(page.Locator(".el-message--success")).ToBeVisibleAsync();
    }

    private static async Task PickAsync(IPage page, string testId, string value)
    {
        await page.GetByTestId(testId).ClickAsync();
        await page.Keyboard.TypeAsync(value);
        await page.Keyboard.PressAsync("Enter");
        await page.GetByTestId("dialog-text").ClickAsync();
    }

    [SkippableFact]
    public async Task Transfer_delegate_resolve_cosign_uncosign_cc_urge_and_extension_with_approval()
    {
        var (server, _) = await browser.OpenAsync();
        using var admin = await ConsoleSteps.AdminApiAsync(server);
        var p = await WorkSteps.ArrangeAsync(admin);
        using var dispatcher = await WorkSteps.UserApiAsync(server, p.Dispatcher);
        async Task<(string Instance, string Handle)> AtHandleAsync(string bk)
        {
            var instance = await WorkSteps.StartAsync(admin, p, bk);
            (await dispatcher.PostAsJsonAsync($"/api/tasks/{await WorkSteps.TaskIdAsync(admin, instance, "dispatch")}/approve", new { opinion = "派遣" })).EnsureSuccessStatusCode();
            return (instance, await WorkSteps.TaskIdAsync(admin, instance, "handle"));
        }
        async Task<JsonObject> ActionsAsync(string task) => (await admin.GetFromJsonAsync<JsonObject>($"/api/tasks/{task}/actions"))!;
        var handler = await SignedInAsync(browser, p.Handler);

        // 转办
        var (_, t1) = await AtHandleAsync("ACT-TRANSFER");
        await ActAsync(handler, t1, "transfer", "不属本片区", page => page.GetByTestId("dialog-user").FillAsync(p.Verifier));
        Assert.Equal(p.Verifier, (await admin.GetFromJsonAsync<JsonObject>($"/api/tasks/{t1}"))!["assignee"]!.GetValue<string>());
        Assert.Equal(p.Handler, (await ActionsAsync(t1))["owner"]!.GetValue<string>());

        // 委派, then 归还 by the delegate
        var (_, t2) = await AtHandleAsync("ACT-DELEGATE");
        await ActAsync(handler, t2, "delegate", "请协助核实", page => page.GetByTestId("dialog-user").FillAsync(p.Verifier));
        Assert.Equal("Pending", (await ActionsAsync(t2))["delegation"]!.GetValue<string>());
        var verifier = await SignedInAsync(browser, p.Verifier);
        await ActAsync(verifier, t2, "resolve", "已核实");
        Assert.Equal("Resolved", (await ActionsAsync(t2))["delegation"]!.GetValue<string>());
        Assert.Equal(p.Handler, (await admin.GetFromJsonAsync<JsonObject>($"/api/tasks/{t2}"))!["assignee"]!.GetValue<string>());

        // 加签 two co-signers before, 减签 one
        var (_, t3) = await AtHandleAsync("ACT-COSIGN");
        await ActAsync(handler, t3, "cosign", "会签", async page =>
        {
            await PickAsync(page, "dialog-users", p.Verifier);
            await PickAsync(page, "dialog-users", p.Dispatcher);
        });
        await ActAsync(handler, t3, "uncosign", "无需派遣组", async page =>
        {
            await page.GetByTestId("dialog-cosigner").ClickAsync();
            await page.Locator(".el-select-dropdown__item:visible", new() { HasText = p.Dispatcher }).ClickAsync();
        });
        await ConsoleBrowser.ScreenshotAsync(handler, "13-task-cosigners");
        var cosigners = (await ActionsAsync(t3))["coSigners"]!.AsArray();
        Assert.Equal("Open", cosigners.Single(c => c!["userName"]!.GetValue<string>() == p.Verifier)!["status"]!.GetValue<string>());
        Assert.Equal("Cancelled", cosigners.Single(c => c!["userName"]!.GetValue<string>() == p.Dispatcher)!["status"]!.GetValue<string>());

        // 抄送: the verifier finds it under 抄送我的
        await ActAsync(handler, t3, "cc", "请知悉", page => PickAsync(page, "dialog-users", p.Verifier));
        await verifier.GotoAsync("/inbox");
        await verifier.Locator(".el-tabs__item", new() { HasText = "抄送我的" }).ClickAsync();
        await Expect(verifier.GetByTestId("copies-table")).ToContainTextAsync("请知悉");
        using var verifierApi = await WorkSteps.UserApiAsync(server, p.Verifier);
        Assert.Contains((await verifierApi.GetFromJsonAsync<JsonObject>("/api/copies"))!["items"]!.AsArray(), c => c!["taskId"]!.GetValue<string>() == t3);

        // 催办 by the administrator: the count shows on the task
        var adminPage = await SignedInAsync(browser, BrowserServer.AdminUser, BrowserServer.AdminPassword);
        await ActAsync(adminPage, t3, "urge", "群众反映强烈");
        await Expect(adminPage.GetByTestId("urge-count")).ToContainTextAsync("已催办 1 次");
        Assert.Equal(1, (await ActionsAsync(t3))["urgeCount"]!.GetValue<int>());

        // 延期申请, approved by a leader in the inbox
        var (_, t4) = await AtHandleAsync("ACT-EXTEND");
        var due = (await admin.GetFromJsonAsync<JsonObject>($"/api/tasks/{t4}"))!["dueDate"]!.GetValue<DateTimeOffset>();
        var wanted = due.AddDays(2);
        await ActAsync(handler, t4, "extension", "等待材料", async page =>
        {
            var input = page.GetByTestId("dialog-due").Locator("input");
            await input.FillAsync(wanted.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss"));
            await input.PressAsync("Enter");
        });
        var leader = await SignedInAsync(browser, p.Leader);
        await leader.GotoAsync("/inbox");
        await leader.Locator(".el-tabs__item", new() { HasText = "延期审批" }).ClickAsync();
        await Expect(leader.GetByTestId("extensions-table")).ToContainTextAsync("等待材料");
        await ConsoleBrowser.ScreenshotAsync(leader, "14-inbox-extension-requests");
        await leader.GetByTestId("extension-approve").First.ClickAsync();
        await leader.Locator(".el-message-box input").FillAsync("同意延期");
        await leader.Locator(".el-message-box .el-button--primary").ClickAsync();
        await Expect(leader.Locator(".el-message--success")).ToBeVisibleAsync();
        var moved = (await admin.GetFromJsonAsync<JsonObject>($"/api/tasks/{t4}"))!["dueDate"]!.GetValue<DateTimeOffset>();
        Assert.True(Math.Abs((moved - wanted).TotalSeconds) < 1, $"due {moved} instead of {wanted}");

        foreach (var page in new[] { handler, verifier, adminPage, leader })
        {
            await page.Context.CloseAsync();
        }
    }

    [SkippableFact]
    public async Task Return_to_an_earlier_task_and_withdraw_a_completed_one()
    {
        var (server, _) = await browser.OpenAsync();
        using var admin = await ConsoleSteps.AdminApiAsync(server);
        var p = await WorkSteps.ArrangeAsync(admin);
        using var dispatcherApi = await WorkSteps.UserApiAsync(server, p.Dispatcher);
        using var handlerApi = await WorkSteps.UserApiAsync(server, p.Handler);

        // 退回: the verifier sends the case back to 处置
        var instance = await WorkSteps.StartAsync(admin, p, "ACT-RETURN");
        (await dispatcherApi.PostAsJsonAsync($"/api/tasks/{await WorkSteps.TaskIdAsync(admin, instance, "dispatch")}/approve", new { opinion = "派遣" })).EnsureSuccessStatusCode();
        (await handlerApi.PostAsJsonAsync($"/api/tasks/{await WorkSteps.TaskIdAsync(admin, instance, "handle")}/approve", new { opinion = "已处置" })).EnsureSuccessStatusCode();
        var verifier = await SignedInAsync(browser, p.Verifier);
        await ActAsync(verifier, await WorkSteps.TaskIdAsync(admin, instance, "verify"), "return", "整改不到位", async page =>
        {
            await page.GetByTestId("return-target").ClickAsync();
            await page.Locator(".el-select-dropdown__item:visible", new() { HasText = "处置" }).ClickAsync();
        });
        var open = Assert.Single(await WorkSteps.OpenTasksAsync(admin, instance))!;
        Assert.Equal("handle", open["elementId"]!.GetValue<string>());
        Assert.Equal(p.Handler, open["assignee"]!.GetValue<string>());
        Assert.Contains(await WorkSteps.HistoryAsync(admin, instance), e => e!["type"]!.GetValue<string>() == "task.return");

        // 撤回: the dispatcher takes back a dispatch while 处置 is untouched
        var second = await WorkSteps.StartAsync(admin, p, "ACT-WITHDRAW");
        var dispatcher = await SignedInAsync(browser, p.Dispatcher);
        await ActAsync(dispatcher, await WorkSteps.TaskIdAsync(admin, second, "dispatch"), "approve", "派往东城");
        await dispatcher.GotoAsync("/inbox");
        await dispatcher.Locator(".el-tabs__item", new() { HasText = "已办" }).ClickAsync();
        await dispatcher.GetByTestId("done-table").Locator("tr", new() { HasText = "派往东城" }).GetByTestId("withdraw").ClickAsync();
        await dispatcher.Locator(".el-message-box input").FillAsync("派错片区");
        await dispatcher.Locator(".el-message-box .el-button--primary").ClickAsync();
        await Expect(dispatcher.GetByTestId("task-page")).ToBeVisibleAsync();
        var back = Assert.Single(await WorkSteps.OpenTasksAsync(admin, second))!;
        Assert.Equal("dispatch", back["elementId"]!.GetValue<string>());
        Assert.Equal(p.Dispatcher, back["assignee"]!.GetValue<string>());
        Assert.Contains(await WorkSteps.HistoryAsync(admin, second), e => e!["type"]!.GetValue<string>() == "task.withdraw");
        await verifier.Context.CloseAsync();
        await dispatcher.Context.CloseAsync();
    }
}
