using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using WorkflowHub.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowHub.Browser.Tests;

/// <summary>Administration: users (create, sign in as them, reset the password shown once), groups (members, head, refused delete), the system page.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class AdminUsersAndGroupsTests(ConsoleBrowser browser)
{
    [SkippableFact]
    public async Task An_administrator_creates_a_user_who_signs_in_then_resets_their_password_and_the_shown_one_works()
    {
        var (server, page) = await browser.OpenAsync();
        using var admin = await ConsoleSteps.AdminApiAsync(server);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var group = "grid" + suffix;
        (await admin.PostAsJsonAsync("/api/organisation/groups", new { id = group, name = "网格组" + suffix, kind = "Area" })).EnsureSuccessStatusCode();
        var userName = "wang" + suffix;
        const string password = "Wang-Password-42!";

        await ConsoleSteps.SignInAsAdminAsync(page, "/admin/users");
        await Expect(page.GetByTestId("menu")).ToContainTextAsync("用户管理");
        await page.GetByTestId("user-new").ClickAsync();
        await page.GetByTestId("user-save").ClickAsync();
        // Required fields are named before anything is sent.
        await Expect(page.GetByTestId("user-form")).ToContainTextAsync("请输入用户名");
        await page.GetByTestId("user-field-userName").FillAsync(userName);
        await page.GetByTestId("user-field-password").FillAsync(password);
        await page.GetByTestId("user-field-displayName").FillAsync("王网格员");
        await page.GetByTestId("user-field-email").FillAsync($"{userName}@example.cn");
        await page.GetByTestId("user-field-phone").FillAsync("13800000000");
        await AdminSteps.PickAsync(page, "user-field-roles", "工作人员");
        await AdminSteps.PickAsync(page, "user-field-groups", "网格组" + suffix);
        await ConsoleBrowser.ScreenshotAsync(page, "70-admin-user-new");
        await page.GetByTestId("user-save").ClickAsync();
        // Hashing the password takes a while on a busy machine.
        await Expect(page.Locator(".problem-alert")).Not.ToBeVisibleAsync();
        await Expect(page.Locator(".el-message--success")).ToContainTextAsync("已创建用户", new() { Timeout = 30_000 });

        await page.GetByTestId("users-search").FillAsync("王网格");
        await page.GetByTestId("users-search-submit").ClickAsync();
        var row = AdminSteps.Row(page, "users-list", userName);
        await Expect(row).ToContainTextAsync("工作人员");
        await Expect(row).ToContainTextAsync("网格组" + suffix);
        await ConsoleBrowser.ScreenshotAsync(page, "71-admin-users");

        var listed = (await admin.GetFromJsonAsync<JsonObject>($"/api/users?q={userName}"))!["items"]!.AsArray();
        var user = Assert.Single(listed)!;
        Assert.Equal(["Staff"], user["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal([group], user["groups"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("王网格员", user["displayName"]!.GetValue<string>());

        // The new user signs in, and sees no administration in their menu.
        var (_, staffPage) = await browser.OpenAsync();
        await ConsoleSteps.SignInAsync(staffPage, userName, password);
        await Expect(staffPage.GetByTestId("user-name")).ToHaveTextAsync("王网格员");
        await Expect(staffPage.GetByTestId("menu")).Not.ToContainTextAsync("用户管理");
        await Expect(staffPage.GetByTestId("menu")).Not.ToContainTextAsync("流程定义");
        await staffPage.GotoAsync("/admin/users");
        await Expect(staffPage).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/forbidden$"));
        await staffPage.Context.CloseAsync();

        // Reset: the generated password is shown once, and it is the one that works now.
        await page.GetByTestId($"user-reset-{userName}").ClickAsync();
        await AdminSteps.ConfirmAsync(page);
        var shown = await page.GetByTestId("secret-value").InputValueAsync();
        Assert.True(shown.Length >= 12, shown);
        await Expect(page.GetByTestId("secret-dialog")).ToContainTextAsync("只显示这一次");
        await ConsoleBrowser.ScreenshotAsync(page, "72-admin-user-password-once");
        await page.GetByTestId("secret-close").ClickAsync();
        using var anonymous = new HttpClient { BaseAddress = server.Address };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/identity/login", new { userName, password })).StatusCode);
        var (_, again) = await browser.OpenAsync();
        await ConsoleSteps.SignInAsync(again, userName, shown);
        await Expect(again.GetByTestId("user-name")).ToHaveTextAsync("王网格员");
        await again.Context.CloseAsync();

        // Disable: the status says so and sign-in is refused; enable again.
        await page.GetByTestId($"user-disable-{userName}").ClickAsync();
        await AdminSteps.ConfirmAsync(page);
        await Expect(page.GetByTestId($"user-status-{userName}").First).ToHaveTextAsync("已停用");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/identity/login", new { userName, password = shown })).StatusCode);
        await page.GetByTestId($"user-enable-{userName}").ClickAsync();
        await Expect(page.GetByTestId($"user-status-{userName}").First).ToHaveTextAsync("正常");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/identity/login", new { userName, password = shown })).StatusCode);
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task An_administrator_sets_a_groups_members_and_head_and_sees_why_it_cannot_be_deleted()
    {
        var (server, page) = await browser.OpenAsync();
        using var admin = await ConsoleSteps.AdminApiAsync(server);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var members = new[] { "li" + suffix, "zhao" + suffix };
        foreach (var m in members)
        {
            (await admin.PostAsJsonAsync("/api/users", new { userName = m, password = WorkSteps.Password, displayName = "组员" + m, roles = new[] { "Staff" } })).EnsureSuccessStatusCode();
        }
        var group = "sector" + suffix;

        await ConsoleSteps.SignInAsAdminAsync(page, "/admin/groups");
        await page.GetByTestId("group-new").ClickAsync();
        await page.GetByTestId("group-create-id").FillAsync(group);
        await page.GetByTestId("group-create-name").FillAsync("市容环卫组" + suffix);
        await AdminSteps.PickAsync(page, "group-create-kind", "行业领域组");
        await page.GetByTestId("group-create-save").ClickAsync();
        await Expect(page.Locator(".el-message--success", new() { HasText = "已创建工作组" }).Last).ToBeVisibleAsync();
        await Expect(page.GetByTestId("group-editor")).ToContainTextAsync(group);

        foreach (var m in members)
        {
            await page.GetByTestId("group-add-member").ClickAsync();
            await page.Keyboard.TypeAsync(m);
            await DesignerPickerTests.ClickOptionAsync(page, m);
            await Expect(page.GetByTestId("group-members")).ToContainTextAsync(m);
        }
        await AdminSteps.PickAsync(page, "group-field-head", members[1]);
        await page.GetByTestId("group-field-name").FillAsync("市容环卫行业组" + suffix);
        await page.GetByTestId("group-save").ClickAsync();
        await Expect(page.Locator(".el-message--success", new() { HasText = "已保存" }).Last).ToBeVisibleAsync();
        await Expect(AdminSteps.Row(page, "groups-list", group)).ToContainTextAsync("市容环卫行业组" + suffix);
        await ConsoleBrowser.ScreenshotAsync(page, "73-admin-groups");

        var saved = (await admin.GetFromJsonAsync<JsonObject>($"/api/organisation/groups/{group}"))!;
        Assert.Equal("Sector", saved["kind"]!.GetValue<string>());
        Assert.Equal(members[1], saved["head"]!.GetValue<string>());
        Assert.Equal(members.Order(StringComparer.Ordinal), saved["members"]!.AsArray().Select(m => m!.GetValue<string>()));

        // Remove one member: saved without them.
        await page.GetByTestId($"group-remove-{members[0]}").ClickAsync();
        await page.GetByTestId("group-save").ClickAsync();
        // The first save's message may still show: wait for the server to hold the change (bounded), then assert it.
        string[] saved2 = [];
        for (var polls = 0; polls < 100; polls++)
        {
            saved2 = (await admin.GetFromJsonAsync<JsonObject>($"/api/organisation/groups/{group}"))!["members"]!.AsArray().Select(m => m!.GetValue<string>()).ToArray();
            if (saved2.Length == 1)
            {
                break;
            }
            await page.WaitForTimeoutAsync(100);
        }
        Assert.Equal([members[1]], saved2);

        // A task offered to the group: deleting it is refused, and the page says why, with the count.
        var key = "grouped" + suffix;
        await FlowApi.DeployAsync(admin, FlowApi.TaskFlow(key).Replace("camunda:candidateGroups=\"Staff\"", $"camunda:candidateGroups=\"{group}\"", StringComparison.Ordinal));
        (await admin.PostAsJsonAsync($"/api/processes/{key}/start", new { businessKey = "G-" + suffix })).EnsureSuccessStatusCode();
        await page.GetByTestId("group-delete").ClickAsync();
        await AdminSteps.ConfirmAsync(page);
        await Expect(page.Locator(".problem-alert")).ToContainTextAsync("不能删除");
        await Expect(page.Locator(".problem-alert")).ToContainTextAsync("1 个未完成的任务");
        await ConsoleBrowser.ScreenshotAsync(page, "74-admin-group-delete-refused");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/organisation/groups/{group}")).StatusCode);
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task The_system_page_shows_version_database_and_the_marked_simulation_clock_which_advances()
    {
        var (server, page) = await browser.OpenAsync();
        using var admin = await ConsoleSteps.AdminApiAsync(server);
        var before = (await admin.GetFromJsonAsync<JsonObject>("/api/dev/clock"))!["now"]!.GetValue<DateTimeOffset>();

        await ConsoleSteps.SignInAsAdminAsync(page, "/admin/system");
        await Expect(page.GetByTestId("system-provider")).ToHaveTextAsync("SQLite");
        await Expect(page.GetByTestId("system-version")).Not.ToBeEmptyAsync();
        await Expect(page.GetByTestId("clock-simulated")).ToHaveTextAsync("模拟时钟");
        // One hour: the browser tests share a server, and a long jump would fire other tests' timers.
        await AdminSteps.PickAsync(page, "clock-advance-by", "1 小时");
        await page.GetByTestId("clock-advance").ClickAsync();
        await Expect(page.Locator(".el-message--success", new() { HasText = "时钟已拨快" }).Last).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "75-admin-system");

        var after = (await admin.GetFromJsonAsync<JsonObject>("/api/dev/clock"))!["now"]!.GetValue<DateTimeOffset>();
        Assert.InRange(after - before, TimeSpan.FromHours(1), TimeSpan.FromHours(1) + TimeSpan.FromMinutes(5));

        // The English switch: the same page in English, the clock still marked.
        await page.GetByTestId("language").ClickAsync();
        await page.Locator(".el-select-dropdown__item", new() { HasText = "English" }).ClickAsync();
        await Expect(page.GetByTestId("clock-simulated")).ToHaveTextAsync("Simulation clock");
        await ConsoleBrowser.ScreenshotAsync(page, "76-admin-system-en");
        await page.GetByTestId("language").ClickAsync();
        await page.Locator(".el-select-dropdown__item", new() { HasText = "简体中文" }).ClickAsync();
        await page.Context.CloseAsync();
    }
}
