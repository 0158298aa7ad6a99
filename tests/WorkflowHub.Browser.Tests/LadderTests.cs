using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.Playwright;
using WorkflowHub.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowHub.Browser.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class LadderTests(ConsoleBrowser browser)
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace Camunda = "http://camunda.org/schema/1.0/bpmn";

    [SkippableFact]
    public async Task A_step_added_in_the_ladder_editor_is_deployed_and_a_new_instance_climbs_it_with_the_simulation_clock()
    {
        var (server, page) = await browser.OpenAsync();
        using var admin = await ConsoleSteps.AdminApiAsync(server);
        await FlowApi.DeployAsync(admin, FlowApi.TaskFlow("ladder-flow"));

        await ConsoleSteps.SignInAsAdminAsync(page, "/designer");
        await page.GetByTestId("ladder-ladder-flow").ClickAsync();
        await Expect(page.GetByTestId("ladder-task")).ToContainTextAsync("处置问题");
        await page.GetByTestId("ladder-add").ClickAsync();
        var row = page.GetByTestId("ladder-row-0");
        await Expect(row).ToContainTextAsync("PT24H");

        var amount = row.Locator(".el-input-number input");
        await amount.FillAsync("2");
        await amount.PressAsync("Tab");
        await Expect(row).ToContainTextAsync("PT2H");
        // The template is picked by its name from the server's templates; recipients are the organisation's roles.
        await DesignerPickerTests.PickAsync(page, row.GetByTestId("ladder-template"), "催办提醒");
        await Expect(row.GetByTestId("ladder-template")).ToContainTextAsync("催办提醒");
        await DesignerPickerTests.PickAsync(page, row.GetByTestId("ladder-recipients"), "待办所在组的包联领导");
        await page.Keyboard.PressAsync("Escape");
        await DesignerPickerTests.PickAsync(page, row.GetByTestId("ladder-cc"), "待办所在组的单位负责人");
        await page.Keyboard.PressAsync("Escape");

        // The diagram beside the form shows the new step: a timer on the task and the notice behind it.
        await Expect(page.Locator("[data-testid=ladder-canvas] .djs-element.djs-shape[data-element-id^=\"Event_\"]").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("ladder-canvas")).ToContainTextAsync("第 1 级督办");
        await Expect(page.GetByTestId("ladder-canvas")).ToContainTextAsync("2 小时后");
        await ConsoleBrowser.ScreenshotAsync(page, "20-ladder-editor");

        await page.GetByTestId("ladder-deploy").ClickAsync();
        await Expect(page.Locator(".el-message--success")).ToContainTextAsync("已部署为版本 2");

        var xml = XDocument.Parse(await FlowApi.XmlAsync(admin, "ladder-flow", 2));
        var timer = xml.Descendants(Bpmn + "boundaryEvent").Single();
        Assert.Equal("handle", (string?)timer.Attribute("attachedToRef"));
        Assert.Equal("false", (string?)timer.Attribute("cancelActivity"));
        Assert.Equal("PT2H", timer.Descendants(Bpmn + "timeDuration").Single().Value.Trim());
        var notice = xml.Descendants(Bpmn + "sendTask").Single();
        Assert.Equal("notice", (string?)notice.Attribute(Camunda + "topic"));
        var inputs = notice.Descendants(Camunda + "inputParameter").ToDictionary(p => (string)p.Attribute("name")!, p => p.Value);
        Assert.Equal("reminder", inputs["template"]);
        Assert.Equal("leaders:*", inputs["to"]);
        Assert.Equal("head:*", inputs["cc"]);
        Assert.Equal("1", inputs["level"]);

        // A new instance runs the new version and climbs the step once two simulated hours have passed.
        var started = await admin.PostAsJsonAsync("/api/processes/ladder-flow/start", new { businessKey = "ladder-1" });
        var instance = (await started.Content.ReadFromJsonAsync<JsonObject>())!;
        var instanceId = instance["id"]!.GetValue<string>();
        (await admin.PostAsJsonAsync("/api/dev/clock/advance", new { duration = "PT1H" })).EnsureSuccessStatusCode();
        Assert.DoesNotContain(await HistoryElementsAsync(admin, instanceId), e => e == (string?)notice.Attribute("id"));
        (await admin.PostAsJsonAsync("/api/dev/clock/advance", new { duration = "PT2H" })).EnsureSuccessStatusCode();
        var reached = await HistoryElementsAsync(admin, instanceId);
        Assert.Contains((string?)timer.Attribute("id"), reached);
        Assert.Contains((string?)notice.Attribute("id"), reached);
        // The stand-in serves the topic (the server's notice tests resolve head:* and leaders:* to addresses).
        var sent = Assert.Single(server.Notices.Sent, n => n.InstanceId == instanceId);
        Assert.Equal(("reminder", "leaders:*", "1"), (sent.Template, sent.To, sent.Level));
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task A_step_of_one_working_day_climbs_on_the_working_day_after_a_holiday_weekend()
    {
        // Friday 3 April 2026, 09:00 in Beijing: 清明 keeps the 4th to the 6th off, so one working day later is Tuesday 7 April
        // at close of business (17:30), not Monday.
        var friday = new DateTimeOffset(2026, 4, 3, 9, 0, 0, TimeSpan.FromHours(8));
        await using var server = new BrowserServer(friday);
        server.Start();
        var page = await browser.OpenAsync(server);
        using var admin = await ConsoleSteps.AdminApiAsync(server);
        await FlowApi.DeployAsync(admin, FlowApi.TaskFlow("workday-ladder"));

        await ConsoleSteps.SignInAsAdminAsync(page, "/designer");
        await page.GetByTestId("ladder-workday-ladder").ClickAsync();
        await page.GetByTestId("ladder-add").ClickAsync();
        var row = page.GetByTestId("ladder-row-0");
        await DesignerPickerTests.PickAsync(page, row.GetByTestId("ladder-after-unit"), "个工作日");
        var amount = row.Locator(".el-input-number input");
        await amount.FillAsync("1");
        await amount.PressAsync("Tab");
        await Expect(row.GetByTestId("ladder-after-iso")).ToContainTextAsync("${workdays(1)}");
        await Expect(page.GetByTestId("ladder-canvas")).ToContainTextAsync("1 个工作日后");
        await DesignerPickerTests.PickAsync(page, row.GetByTestId("ladder-template"), "督办单");
        await DesignerPickerTests.PickAsync(page, row.GetByTestId("ladder-recipients"), "待办所在组的单位负责人");
        await page.Keyboard.PressAsync("Escape");
        await ConsoleBrowser.ScreenshotAsync(page, "21-ladder-working-days");
        await page.GetByTestId("ladder-deploy").ClickAsync();
        await Expect(page.Locator(".el-message--success")).ToContainTextAsync("已部署为版本 2");

        // The editor reads back what it wrote.
        await page.ReloadAsync();
        row = page.GetByTestId("ladder-row-0");
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 30_000 }); // a whole reload of the console: slow on a busy machine
        await Expect(row.GetByTestId("ladder-after-unit")).ToContainTextAsync("个工作日");
        await Expect(row.Locator(".el-input-number input")).ToHaveValueAsync("1");
        await Expect(row.GetByTestId("ladder-template")).ToContainTextAsync("督办单");
        await Expect(row.GetByTestId("ladder-recipients")).ToContainTextAsync("待办所在组的单位负责人");

        var xml = XDocument.Parse(await FlowApi.XmlAsync(admin, "workday-ladder", 2));
        var timer = xml.Descendants(Bpmn + "boundaryEvent").Single();
        Assert.Equal("${workdays(1)}", timer.Descendants(Bpmn + "timeDate").Single().Value.Trim());
        var noticeId = (string?)xml.Descendants(Bpmn + "sendTask").Single().Attribute("id");

        var started = await admin.PostAsJsonAsync("/api/processes/workday-ladder/start", new { businessKey = "workday-1" });
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        // Monday (a holiday) and Tuesday afternoon pass without the step; Tuesday's close of business brings it.
        await AdvanceToAsync(admin, new DateTimeOffset(2026, 4, 7, 17, 0, 0, TimeSpan.FromHours(8)));
        Assert.DoesNotContain(noticeId, await HistoryElementsAsync(admin, instanceId));
        await AdvanceToAsync(admin, new DateTimeOffset(2026, 4, 7, 17, 45, 0, TimeSpan.FromHours(8)));
        Assert.Contains(noticeId, await HistoryElementsAsync(admin, instanceId));
        var sent = Assert.Single(server.Notices.Sent, n => n.InstanceId == instanceId);
        Assert.Equal(("supervision-order", "head:*"), (sent.Template, sent.To));
        await page.Context.CloseAsync();
    }

    /// <summary>Moves the simulation clock to a moment (forward only) and runs what became due.</summary>
    private static async Task AdvanceToAsync(HttpClient admin, DateTimeOffset moment)
    {
        var now = (await admin.GetFromJsonAsync<JsonObject>("/api/dev/clock"))!["now"]!.GetValue<DateTimeOffset>();
        Assert.True(moment > now, $"the clock is already at {now:O}");
        var seconds = (long)Math.Ceiling((moment - now).TotalSeconds);
        (await admin.PostAsJsonAsync("/api/dev/clock/advance", new { duration = $"PT{seconds}S" })).EnsureSuccessStatusCode();
    }

    private static async Task<List<string?>> HistoryElementsAsync(HttpClient admin, string instanceId) =>
        (await admin.GetFromJsonAsync<JsonObject>($"/api/instances/{instanceId}/history?pageSize=200"))!["items"]!.AsArray()
            .Select(e => e!["elementId"]?.GetValue<string>()).ToList();
}
