using System.Diagnostics;
using WorkflowHub.Server.Hosting;

namespace WorkflowHub.Browser.Tests;

/// <summary>
/// The console is built by the server's build (npm ci --ignore-scripts + vite build) and phones nobody: @carbon/grid's
/// install script would start @ibm/telemetry-js background processes; with scripts off none may run or leave state.
/// </summary>
public sealed class ConsoleBuildTests
{
    private static readonly string Web = Path.Combine(HubPaths.Discover(AppContext.BaseDirectory).Root, "src", "WorkflowHub.Web");

    [Fact]
    public void The_build_produced_the_console_with_install_scripts_off()
    {
        Assert.True(File.Exists(Path.Combine(Web, "dist", "index.html")), "dotnet build of the server must leave src/WorkflowHub.Web/dist/index.html");
        Assert.Contains("ignore-scripts=true", File.ReadAllText(Path.Combine(Web, ".npmrc")), StringComparison.Ordinal);
        var targets = File.ReadAllText(Path.Combine(Web, "..", "WorkflowHub.Server", "BrowserConsole.targets"));
        Assert.Contains("npm ci --ignore-scripts", targets, StringComparison.Ordinal);
        Assert.Contains("IBM_TELEMETRY_DISABLED=true", targets, StringComparison.Ordinal);
        // The telemetry package is in the tree (form-js pulls it), so the checks below are not vacuous.
        Assert.True(Directory.Exists(Path.Combine(Web, "node_modules", "@ibm", "telemetry-js")), "@ibm/telemetry-js is expected in node_modules through @bpmn-io/form-js");
    }

    [Fact]
    public void No_telemetry_process_runs_and_no_telemetry_state_is_left_behind()
    {
        var running = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains("telemetry-js", StringComparison.OrdinalIgnoreCase) || cmdline.Contains("ibmtelemetry", StringComparison.OrdinalIgnoreCase))
                {
                    running.Add($"{Path.GetFileName(dir)}: {cmdline}");
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        Assert.Empty(running);

        // @ibm/telemetry-js keeps its locks, IPC sockets and logs in the temp folder as ibmtelemetry*; its config
        // (telemetry.yml) is only ever read from the package, never written next to the project.
        var state = new[] { Path.GetTempPath(), "/tmp" }.Distinct().Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFileSystemEntries(d, "ibmtelemetry*"))
            .Concat(Directory.EnumerateFiles(Web, "telemetry.yml", SearchOption.TopDirectoryOnly))
            .ToList();
        Assert.Empty(state);
    }
}
