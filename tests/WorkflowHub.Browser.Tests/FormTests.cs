using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Playwright;
using WorkflowHub.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowHub.Browser.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class FormTests(ConsoleBrowser browser)
{
    private static readonly XNamespace Camunda = "http://camunda.org/schema/1.0/bpmn";

    [SkippableFact]
    public async Task A_form_is_created_previewed_and_attached_to_a_user_task()
    {
        var (server, page) = await browser.OpenAsync();
        using var admin = await ConsoleSteps.AdminApiAsync(server);
        await FlowApi.DeployAsync(admin, FlowApi.TaskFlow("form-flow"));

        await ConsoleSteps.SignInAsAdminAsync(page, "/forms");
        // The shipped forms (workflows/forms) are listed.
        await Expect(page.GetByTestId("form-list")).ToContainTextAsync("处置反馈");
        await page.GetByTestId("new-form").ClickAsync();
        await page.GetByTestId("new-form-key").FillAsync("inspection-report");
        await page.GetByTestId("new-form-name").FillAsync("巡查上报表");
        await page.GetByTestId("new-form-create").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/forms/inspection-report"));
        await Expect(page.GetByTestId("form-editor").Locator(".fjs-editor-container")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("form-editor")).ToContainTextAsync("处理意见");
        await page.GetByTestId("form-save").ClickAsync();
        await Expect(page.Locator(".el-message--success")).ToContainTextAsync("已保存为版本 1");
        await ConsoleBrowser.ScreenshotAsync(page, "30-form-editor");

        await page.GetByTestId("form-tab-preview").ClickAsync();
        var preview = page.GetByTestId("form-preview");
        await Expect(preview.Locator(".fjs-form")).ToBeVisibleAsync();
        await Expect(preview).ToContainTextAsync("处理意见");
        // Submitting the preview validates it and shows the data a task page would send.
        await preview.Locator("input[type=text], textarea").First.FillAsync("已现场核实");
        await page.GetByTestId("form-preview-submit").ClickAsync();
        await Expect(page.GetByTestId("form-submitted")).ToContainTextAsync("已现场核实");
        await ConsoleBrowser.ScreenshotAsync(page, "31-form-preview");

        // The designer offers the form for a user task's form key.
        await page.GotoAsync("/designer/form-flow");
        await Expect(page.GetByTestId("designer-status")).ToContainTextAsync("版本 1");
        await page.Locator(".djs-element[data-element-id=\"handle\"]").ClickAsync();
        await page.GetByTestId("hub-form-key").ClickAsync();
        await page.Locator(".el-select-dropdown__item:visible", new() { HasText = "inspection-report" }).ClickAsync();
        await page.GetByTestId("designer-deploy").ClickAsync();
        await Expect(page.Locator(".el-message--success")).ToContainTextAsync("已部署为版本 2");
        var xml = XDocument.Parse(await FlowApi.XmlAsync(admin, "form-flow", 2));
        var task = xml.Descendants().Single(e => (string?)e.Attribute("id") == "handle");
        Assert.Equal("inspection-report", (string?)task.Attribute(Camunda + "formKey"));
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task The_form_editors_own_texts_are_chinese_and_switch_to_english_keeping_the_unsaved_form()
    {
        var (_, page) = await browser.OpenAsync();
        await ConsoleSteps.SignInAsAdminAsync(page, "/forms/zh-editor-check?name=" + Uri.EscapeDataString("中文编辑器"));
        var editor = page.GetByTestId("form-editor");
        var palette = editor.Locator(".fjs-palette");
        await Expect(palette).ToContainTextAsync("组件");
        await Expect(palette).ToContainTextAsync("文本框");
        await Expect(palette).ToContainTextAsync("下拉选择");
        await Expect(editor.Locator(".fjs-palette-search")).ToHaveAttributeAsync("placeholder", "搜索组件");

        // A field selected in the canvas: its properties are in Chinese, its own label stays as the author wrote it.
        await editor.Locator(".fjs-editor-container .fjs-form-field").First.ClickAsync();
        var properties = editor.Locator(".fjs-properties-container");
        await Expect(properties).ToContainTextAsync("字段标签");
        await Expect(properties).ToContainTextAsync("校验");
        await Expect(editor.Locator(".fjs-form")).ToContainTextAsync("处理意见");
        await ConsoleBrowser.ScreenshotAsync(page, "31-form-editor-zh");

        // The new form is not saved yet: switching to English draws the editor again with it, still unsaved.
        await DesignerPickerTests.SwitchLanguageAsync(page, "English");
        await Expect(palette).ToContainTextAsync("Text field");
        await Expect(editor.Locator(".fjs-palette-search")).ToHaveAttributeAsync("placeholder", "Search components");
        await Expect(editor.Locator(".fjs-form")).ToContainTextAsync("处理意见");
        await Expect(page.Locator(".form-page .status")).ToContainTextAsync("*");
        await editor.Locator(".fjs-editor-container .fjs-form-field").First.ClickAsync();
        await Expect(editor.Locator(".fjs-properties-container")).ToContainTextAsync("Field label");
        await ConsoleBrowser.ScreenshotAsync(page, "32-form-editor-en");
        await DesignerPickerTests.SwitchLanguageAsync(page, "简体中文");
        await Expect(palette).ToContainTextAsync("文本框");
        await page.Context.CloseAsync();
    }
}
