using System.Net.Http.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Playwright;
using WorkflowHub.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowHub.Browser.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class DesignerTests(ConsoleBrowser browser)
{
    private static readonly XNamespace Camunda = "http://camunda.org/schema/1.0/bpmn";
    private static readonly XNamespace Flowable = "http://flowable.org/bpmn";

    [SkippableFact]
    public async Task An_administrator_changes_a_boundary_timer_in_the_properties_panel_and_deploys_a_new_version()
    {
        var (server, page) = await browser.OpenAsync();
        using var admin = await ConsoleSteps.AdminApiAsync(server);
        await FlowApi.DeployAsync(admin, FlowApi.TaskFlow("timer-flow", boundary: "PT24H"));

        await ConsoleSteps.SignInAsAdminAsync(page, "/designer");
        await page.GetByTestId("design-timer-flow").ClickAsync();
        await Expect(page.GetByTestId("designer-status")).ToContainTextAsync("版本 1");
        await page.Locator(".djs-element[data-element-id=\"remind\"]").ClickAsync();

        // Our own duration field shows the ISO value in words.
        await Expect(page.GetByTestId("hub-duration-iso")).ToContainTextAsync("PT24H");
        await Expect(page.GetByTestId("hub-duration-unit")).ToContainTextAsync("小时");

        // The properties panel is in Chinese; its timer value is edited there.
        var timerGroup = page.Locator("[data-group-id=\"group-timer\"]");
        await Expect(timerGroup.Locator(".bio-properties-panel-group-header-title")).ToHaveTextAsync("定时器");
        await ConsoleSteps.OpenPanelGroupAsync(page, "timer");
        var value = page.Locator("#bio-properties-panel-timerEventDefinitionValue");
        await value.FillAsync("PT48H");
        await value.BlurAsync();
        await Expect(page.GetByTestId("hub-duration-iso")).ToContainTextAsync("PT48H");
        await ConsoleBrowser.ScreenshotAsync(page, "10-designer-timer");

        await page.GetByTestId("designer-deploy").ClickAsync();
        await Expect(page.Locator(".el-message--success")).ToContainTextAsync("已部署为版本 2");

        var versions = await FlowApi.VersionsAsync(admin, "timer-flow");
        Assert.Equal(2, versions.Max(v => v!["version"]!.GetValue<int>()));
        var xml = XDocument.Parse(await FlowApi.XmlAsync(admin, "timer-flow", 2));
        Assert.Equal("PT48H", xml.Descendants().Single(e => e.Name.LocalName == "timeDuration").Value.Trim());
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task A_Camunda_Modeler_file_is_uploaded_edited_and_downloaded_with_every_camunda_attribute()
    {
        var (_, page) = await browser.OpenAsync();
        await ConsoleSteps.SignInAsAdminAsync(page, "/designer");
        await UploadAsync(page, "camunda-modeler.bpmn", "camunda-case");

        await page.Locator(".djs-element[data-element-id=\"dispatch\"]").ClickAsync();
        await ConsoleSteps.OpenPanelGroupAsync(page, "general");
        var name = page.Locator("#bio-properties-panel-name");
        await name.FillAsync("派遣（已修改）");
        await name.BlurAsync();
        await Expect(page.Locator(".djs-element[data-element-id=\"dispatch\"]")).ToContainTextAsync("已修改");

        // Leaving with the unsaved edit asks first; staying keeps the page and the edit.
        await page.GetByTestId("menu").Locator(".el-menu-item", new() { HasText = "首页" }).ClickAsync();
        var ask = page.Locator(".el-message-box");
        await Expect(ask).ToContainTextAsync("有尚未保存的修改");
        await ask.Locator("button", new() { HasText = "留在此页" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/designer/camunda-case$"));

        var saved = await DownloadAsync(page);
        var changed = saved.Descendants().Single(e => (string?)e.Attribute("id") == "dispatch");
        Assert.Equal("派遣（已修改）", (string?)changed.Attribute("name"));
        AssertKeeps(XDocument.Parse(FlowApi.Flow("camunda-modeler.bpmn")), saved, Camunda);
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task A_Flowable_file_opens_as_it_is_and_keeps_its_flowable_attributes()
    {
        var (_, page) = await browser.OpenAsync();
        await ConsoleSteps.SignInAsAdminAsync(page, "/designer");
        await UploadAsync(page, "flowable-modeler.bpmn20.xml", "flowable-case");
        await Expect(page.Locator(".djs-element[data-element-id=\"verify\"]")).ToContainTextAsync("核查");

        AssertKeeps(XDocument.Parse(FlowApi.Flow("flowable-modeler.bpmn20.xml")), await DownloadAsync(page), Flowable);
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task The_servers_problems_are_marked_on_their_elements()
    {
        var (server, page) = await browser.OpenAsync();
        using var admin = await ConsoleSteps.AdminApiAsync(server);
        // A draft may hold what the engine would refuse: a complex gateway.
        var xml = FlowApi.TaskFlow("marked-flow")
            .Replace("<bpmn:endEvent id=\"end\" name=\"结束\"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>",
                "<bpmn:complexGateway id=\"gw\" name=\"复杂\"><bpmn:incoming>f2</bpmn:incoming></bpmn:complexGateway>", StringComparison.Ordinal)
            .Replace("targetRef=\"end\"", "targetRef=\"gw\"", StringComparison.Ordinal)
            .Replace("bpmnElement=\"end\"", "bpmnElement=\"gw\"", StringComparison.Ordinal);
        (await admin.PutAsJsonAsync("/api/drafts/marked-flow", new { xml })).EnsureSuccessStatusCode();

        await ConsoleSteps.SignInAsAdminAsync(page, "/designer/marked-flow");
        await Expect(page.GetByTestId("designer-status")).ToContainTextAsync("草稿");
        // Lint as you draw flags it before the server is asked.
        await Expect(page.Locator(".djs-overlay .bjsl-overlay, .bjsl-overlay").First).ToBeVisibleAsync();
        await page.GetByTestId("designer-validate").ClickAsync();
        await Expect(page.GetByTestId("designer-problems")).ToContainTextAsync("gw");
        await Expect(page.Locator(".djs-element[data-element-id=\"gw\"]")).ToHaveClassAsync(new Regex("hub-problem-(error|warning)"));
        await ConsoleBrowser.ScreenshotAsync(page, "11-designer-problems");
        await page.Context.CloseAsync();
    }

    /// <summary>Uploads a file from Flows/ on the flow list; it opens in the designer as a draft under its process id.</summary>
    private static async Task UploadAsync(IPage page, string file, string key)
    {
        await page.GetByTestId("upload-flow-input").SetInputFilesAsync(Path.Combine(AppContext.BaseDirectory, "Flows", file));
        await Expect(page).ToHaveURLAsync(new Regex($"/designer/{key}$"));
    }

    private static async Task<XDocument> DownloadAsync(IPage page)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("designer-download").ClickAsync());
        return XDocument.Parse(await File.ReadAllTextAsync((await download.PathAsync())!));
    }

    /// <summary>Every attribute in <paramref name="ns"/> keeps its value on its element (by id), and every element in it
    /// (extension elements have no id) is still there with the same attributes and text.</summary>
    private static void AssertKeeps(XDocument original, XDocument saved, XNamespace ns)
    {
        foreach (var element in original.Descendants())
        {
            var attributes = element.Attributes().Where(a => a.Name.Namespace == ns).ToList();
            if ((string?)element.Attribute("id") is { } id && attributes.Count > 0)
            {
                var copy = saved.Descendants().SingleOrDefault(e => (string?)e.Attribute("id") == id);
                Assert.True(copy is not null, $"element {id} is gone");
                foreach (var attribute in attributes)
                {
                    Assert.Equal(attribute.Value, (string?)copy.Attribute(attribute.Name));
                }
            }
            if (element.Name.Namespace == ns)
            {
                Assert.Contains(saved.Descendants(element.Name), e =>
                    e.Value.Trim() == element.Value.Trim()
                    && element.Attributes().All(a => (string?)e.Attribute(a.Name) == a.Value));
            }
        }
    }
}
