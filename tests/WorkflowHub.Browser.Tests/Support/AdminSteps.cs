using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WorkflowHub.Browser.Tests.Support;

/// <summary>Element Plus gestures the administration tests repeat: picking options, confirming a message box.</summary>
public static class AdminSteps
{
    /// <summary>Opens the select named by <paramref name="testId"/> and clicks each option holding one of the texts; closes a multi-select.</summary>
    public static async Task PickAsync(IPage page, string testId, params string[] options)
    {
        await page.GetByTestId(testId).ClickAsync();
        foreach (var option in options)
        {
            await DesignerPickerTests.ClickOptionAsync(page, option);
        }
        // A multi-select stays open: a click on the dialog's title (or the page's) closes it; Escape would close the dialog too.
        if (await page.Locator(".el-select-dropdown:visible").CountAsync() > 0)
        {
            var title = page.Locator(".el-dialog__title:visible");
            await (await title.CountAsync() > 0 ? title.First : page.Locator("h2").First).ClickAsync();
        }
    }

    /// <summary>Presses the primary button of the open ElMessageBox (确定 / 删除...).</summary>
    public static async Task ConfirmAsync(IPage page)
    {
        var box = page.Locator(".el-message-box");
        await Expect(box).ToBeVisibleAsync();
        await box.Locator(".el-message-box__btns .el-button--primary").ClickAsync();
    }

    /// <summary>The table row (of the element named by <paramref name="testId"/>) that holds <paramref name="text"/>.</summary>
    public static ILocator Row(IPage page, string testId, string text) =>
        page.GetByTestId(testId).Locator(".el-table__body tr", new() { HasText = text }).First;
}
