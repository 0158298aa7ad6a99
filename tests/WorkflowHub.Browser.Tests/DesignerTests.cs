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
        await FlowApi.DeployAsync(admin, FlowApi.TaskWithTimer("timer-flow", "PT24H"));

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
        var original = XDocument.Parse(FlowApi.Flow("camunda-modeler.bpmn"));
        await ConsoleSteps.SignInAsAdminAsync(page, "/designer");

        await page.GetByTestId("upload-flow-input").SetInputFilesAsync(Path.Combine(AppContext.BaseDirectory, "Flows", "camunda-modeler.bpmn"));
        await Expect(page).ToHaveURLAsync(new Regex("/designer/camunda-case$"));
        await page.Locator(".djs-element[data-element-id=\"dispatch\"]").ClickAsync();
        var name = page.Locator("#bio-properties-panel-name");
        await ConsoleSteps.OpenPanelGroupAsync(page, "general");
        await name.FillAsync("派遣（已修改）");
        await name.BlurAsync();
        await Expect(page.Locator(".djs-element[data-element-id=\"dispatch\"]")).ToContainTextAsync("已修改");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("designer-download").ClickAsync());
        var saved = XDocument.Parse(await File.ReadAllTextAsync((await download.PathAsync())!));

        var changed = saved.Descendants().Single(e => (string?)e.Attribute("id") == "dispatch");
        Assert.Equal("派遣（已修改）", (string?)changed.Attribute("name"));
        foreach (var element in original.Descendants())
        {
            var camundaAttributes = element.Attributes().Where(a => a.Name.Namespace == Camunda).ToList();
            var isCamundaElement = element.Name.Namespace == Camunda;
            if (camundaAttributes.Count == 0 && !isCamundaElement)
            {
                continue;
            }
            var id = (string?)element.Attribute("id");
            if (id is not null)
            {
                var copy = saved.Descendants().SingleOrDefault(e => (string?)e.Attribute("id") == id);
                Assert.True(copy is not null, $"element {id} is gone");
                foreach (var attribute in camundaAttributes)
                {
                    Assert.Equal(attribute.Value, (string?)copy.Attribute(attribute.Name));
                }
            }
            else if (isCamundaElement)
            {
                // Extension elements have no id: the same element with the same attributes and text must exist.
                Assert.Contains(saved.Descendants(element.Name), e =>
                    e.Value.Trim() == element.Value.Trim()
                    && element.Attributes().All(a => (string?)e.Attribute(a.Name) == a.Value));
            }
        }
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task A_Flowable_file_opens_as_it_is_and_keeps_its_flowable_attributes()
    {
        var (_, page) = await browser.OpenAsync();
        var original = XDocument.Parse(FlowApi.Flow("flowable-modeler.bpmn20.xml"));
        await ConsoleSteps.SignInAsAdminAsync(page, "/designer");
        await page.GetByTestId("upload-flow-input").SetInputFilesAsync(Path.Combine(AppContext.BaseDirectory, "Flows", "flowable-modeler.bpmn20.xml"));
        await Expect(page).ToHaveURLAsync(new Regex("/designer/flowable-case$"));
        await Expect(page.Locator(".djs-element[data-element-id=\"verify\"]")).ToContainTextAsync("核查");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("designer-download").ClickAsync());
        var saved = XDocument.Parse(await File.ReadAllTextAsync((await download.PathAsync())!));
        foreach (var attribute in original.Descendants().SelectMany(e => e.Attributes()).Where(a => a.Name.Namespace == Flowable))
        {
            var id = (string?)attribute.Parent!.Attribute("id");
            var copy = id is null
                ? saved.Descendants(attribute.Parent.Name).FirstOrDefault()
                : saved.Descendants().SingleOrDefault(e => (string?)e.Attribute("id") == id);
            Assert.True(copy is not null, $"{attribute.Parent.Name.LocalName} {id} is gone");
            Assert.Equal(attribute.Value, (string?)copy.Attribute(attribute.Name));
        }
        await page.Context.CloseAsync();
    }
}
