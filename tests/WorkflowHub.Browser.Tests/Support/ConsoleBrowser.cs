using Microsoft.Playwright;
using WorkflowHub.Server.Hosting;

namespace WorkflowHub.Browser.Tests.Support;

/// <summary>
/// One server and one headless chromium for all browser tests (a collection fixture), started by the first test
/// that asks, so a missing chromium skips the tests instead of failing the fixture. Each test takes a new page
/// in a fresh context (its own cookies).
/// </summary>
public sealed class ConsoleBrowser : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public BrowserServer? Server { get; private set; }

    /// <summary>TestResults/screenshots at the repository root: the test artefacts people look at.</summary>
    public static string ScreenshotFolder { get; } = Directory.CreateDirectory(
        Path.Combine(HubPaths.Discover(AppContext.BaseDirectory).Root, "TestResults", "screenshots")).FullName;

    public async Task<(BrowserServer Server, IPage Page)> OpenAsync(string locale = "zh-CN")
    {
        await StartAsync();
        return (Server!, await NewPageAsync(Server!, locale));
    }

    /// <summary>A page on a server of the test's own (e.g. one whose simulation clock starts on a given date).</summary>
    public async Task<IPage> OpenAsync(BrowserServer server, string locale = "zh-CN")
    {
        await StartAsync();
        return await NewPageAsync(server, locale);
    }

    private async Task StartAsync()
    {
        Chromium.Require();
        await _gate.WaitAsync();
        try
        {
            if (Server is null)
            {
                Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
                var server = new BrowserServer();
                server.Start();
                Server = server;
                _playwright = await Playwright.CreateAsync();
                _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = Chromium.ExecutablePath,
                    Headless = true,
                    Args = Chromium.Args,
                });
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IPage> NewPageAsync(BrowserServer server, string locale)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.Address.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = false });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
        _gate.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleBrowser>
{
    public const string Name = "console";
}
