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
        var template = row.GetByTestId("ladder-template");
        await template.FillAsync("overdue-2h");
        await template.PressAsync("Tab");
        await row.GetByTestId("ladder-recipients").ClickAsync();
        await page.Keyboard.TypeAsync("leaders");
        await page.Locator(".el-select-dropdown__item:visible", new() { HasText = "leaders" }).ClickAsync();
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
        Assert.Equal("overdue-2h", inputs["template"]);
        Assert.Equal("leaders", inputs["to"]);
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
        if (server.Notices.Sent.FirstOrDefault(n => n.InstanceId == instanceId) is { } sent)
        {
            // The stand-in served the topic (no notices module yet): it got the step's inputs.
            Assert.Equal(("overdue-2h", "leaders", "1"), (sent.Template, sent.To, sent.Level));
        }
        await page.Context.CloseAsync();
    }

    private static async Task<List<string?>> HistoryElementsAsync(HttpClient admin, string instanceId) =>
        (await admin.GetFromJsonAsync<JsonObject>($"/api/instances/{instanceId}/history?pageSize=200"))!["items"]!.AsArray()
            .Select(e => e!["elementId"]?.GetValue<string>()).ToList();
}
