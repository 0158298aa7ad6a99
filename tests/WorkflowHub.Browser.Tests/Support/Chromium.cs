using WorkflowHub.Testing;

namespace WorkflowHub.Browser.Tests.Support;

/// <summary>
/// Debian's chromium, launched by its path: Playwright never downloads a browser here. Absent, the browser tests
/// skip on a developer's machine and fail under CI=true (.ci/run installs it with fonts-wqy-microhei).
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    ];

    public static void Require()
    {
        if (File.Exists(ExecutablePath))
        {
            return;
        }
        if (TestPostgres.IsCi)
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing, but CI=true requires the browser tests to run; .ci/run installs chromium.");
        }
        throw new SkipException($"Browser test skipped: {ExecutablePath} is missing (apt-get install chromium fonts-wqy-microhei).");
    }
}
