using System.Xml.Linq;
using Microsoft.Playwright;
using WorkflowHub.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowHub.Browser.Tests;

/// <summary>The designer's business properties for notices and working time, and a language switch that keeps the edit.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class DesignerPickerTests(ConsoleBrowser browser)
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace Camunda = "http://camunda.org/schema/1.0/bpmn";

    [SkippableFact]
    public async Task Working_days_and_the_notice_pickers_are_edited_and_a_language_switch_keeps_the_unsaved_diagram()
    {
        var (server, page) = await browser.OpenAsync();
        using var admin = await ConsoleSteps.AdminApiAsync(server);
        await FlowApi.DeployAsync(admin, FlowApi.Flow("notice-ladder.bpmn"));

        await ConsoleSteps.SignInAsAdminAsync(page, "/designer");
        await page.GetByTestId("design-notice-ladder").ClickAsync();
        await Expect(page.GetByTestId("designer-status")).ToContainTextAsync("版本 1");

        // The timer becomes 3 working days, and reads back as such once selected again.
        await SelectAsync(page, "remind");
        await Expect(page.GetByTestId("hub-duration-iso")).ToContainTextAsync("PT24H");
        await PickAsync(page, page.GetByTestId("hub-duration-unit"), "个工作日");
        var amount = page.GetByTestId("hub-duration-amount").Locator("input");
        await amount.FillAsync("3");
        await amount.PressAsync("Tab");
        await Expect(page.GetByTestId("hub-duration-iso")).ToContainTextAsync("${workdays(3)}");
        await SelectAsync(page, "handle");
        await SelectAsync(page, "remind");
        await Expect(page.GetByTestId("hub-duration-unit")).ToContainTextAsync("个工作日");
        await Expect(amount).ToHaveValueAsync("3");

        // The notice task picks its template by name from the server, and its recipients from the organisation.
        await SelectAsync(page, "notify");
        await Expect(page.GetByTestId("hub-input-template")).ToContainTextAsync("催办提醒");
        await PickAsync(page, page.GetByTestId("hub-input-template"), "督办单");
        await Expect(page.GetByTestId("hub-input-template")).ToContainTextAsync("督办单");
        await Expect(page.GetByTestId("hub-input-to")).ToContainTextAsync("待办所在组的单位负责人");
        await PickAsync(page, page.GetByTestId("hub-input-to"), "待办所在组的包联领导");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByTestId("hub-input-to")).ToContainTextAsync("待办所在组的包联领导");
        await ConsoleBrowser.ScreenshotAsync(page, "11-designer-notice-pickers");

        // English: the modeler is drawn again in English with the unsaved diagram; then back to Chinese.
        await SwitchLanguageAsync(page, "English");
        await Expect(page.Locator(".djs-palette [aria-label=\"Create task\"]")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("designer-status")).ToContainTextAsync("*");
        await SelectAsync(page, "remind");
        await Expect(page.GetByTestId("hub-duration-unit")).ToContainTextAsync("working days");
        await Expect(page.GetByTestId("hub-duration-iso")).ToContainTextAsync("${workdays(3)}");
        await ConsoleBrowser.ScreenshotAsync(page, "12-designer-english");
        await SwitchLanguageAsync(page, "简体中文");
        await Expect(page.Locator(".djs-palette [aria-label=\"创建任务\"]")).ToHaveCountAsync(1);

        await page.GetByTestId("designer-deploy").ClickAsync();
        await Expect(page.Locator(".el-message--success")).ToContainTextAsync("已部署为版本 2");
        var xml = XDocument.Parse(await FlowApi.XmlAsync(admin, "notice-ladder", 2));
        var timer = xml.Descendants(Bpmn + "boundaryEvent").Single().Descendants(Bpmn + "timerEventDefinition").Single();
        Assert.Equal("${workdays(3)}", timer.Element(Bpmn + "timeDate")?.Value.Trim());
        Assert.Null(timer.Element(Bpmn + "timeDuration"));
        var inputs = xml.Descendants(Bpmn + "sendTask").Single().Descendants(Camunda + "inputParameter").ToDictionary(p => (string)p.Attribute("name")!, p => p.Value);
        Assert.Equal("supervision-order", inputs["template"]);
        Assert.Equal("head:*,leaders:*", inputs["to"]);
        await page.Context.CloseAsync();
    }

    private static async Task SelectAsync(IPage page, string elementId) =>
        await page.Locator($".djs-element[data-element-id=\"{elementId}\"]").First.ClickAsync();

    /// <summary>Opens an Element Plus select and clicks the option with the text in the one dropdown left open.</summary>
    public static async Task PickAsync(IPage page, ILocator select, string option)
    {
        await select.ClickAsync();
        await ClickOptionAsync(page, option);
    }

    /// <summary>
    /// Clicks an option of the open dropdown, once another select's dropdown has finished closing: during its closing
    /// animation both are visible, and the same text (a recipients list and its cc list) could be clicked in the wrong one.
    /// </summary>
    public static async Task ClickOptionAsync(IPage page, string option)
    {
        // The pointer left where the last click was can rest on a long list's items: each hover scrolls the list to the
        // hovered item, which moves another item under the pointer, and the list never stands still.
        await page.Mouse.MoveAsync(0, 0);
        var open = page.Locator(".el-select-dropdown:visible");
        await Expect(open).ToHaveCountAsync(1);
        var item = open.Locator(".el-select-dropdown__item", new() { HasText = option }).First;
        // The dropdown opens with a zoom transition and settles where its popper places it: wait until it stands still.
        LocatorBoundingBoxResult? last = null;
        for (var polls = 0; polls < 50; polls++)
        {
            var now = await item.BoundingBoxAsync();
            if (now is not null && last is not null && now.X == last.X && now.Y == last.Y && now.Height == last.Height)
            {
                break;
            }
            last = now;
            await page.WaitForTimeoutAsync(100);
        }
        await item.ScrollIntoViewIfNeededAsync();
        await item.ClickAsync();
    }

    public static async Task SwitchLanguageAsync(IPage page, string language)
    {
        await page.GetByTestId("language").ClickAsync();
        await page.Locator(".el-select-dropdown__item:visible", new() { HasText = language }).ClickAsync();
    }
}
