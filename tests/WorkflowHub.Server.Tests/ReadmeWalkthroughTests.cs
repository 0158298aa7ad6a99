using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using WorkflowHub.Testing;

namespace WorkflowHub.Server.Tests;

/// <summary>
/// Runs every shell command of the README's API walkthrough, in order, with bash and curl against the real server
/// executable on a fresh database, so the README cannot drift from the API.
/// </summary>
public sealed partial class ReadmeWalkthroughTests
{
    private const string AdminPassword = "Readme-Admin-2026!";

    [Fact]
    public async Task Every_command_of_the_README_walkthrough_runs_against_a_real_server()
    {
        var root = RepositoryRoot();
        var readme = await File.ReadAllTextAsync(Path.Combine(root, "README.md"));
        var section = readme[readme.IndexOf("<!-- walkthrough:start -->", StringComparison.Ordinal)..readme.IndexOf("<!-- walkthrough:end -->", StringComparison.Ordinal)];
        var blocks = ShellBlock().Matches(section).Select(m => m.Groups[1].Value).ToList();
        Assert.True(blocks.Count >= 5, "the walkthrough has lost its command blocks");
        var script = "set -euo pipefail\n" + string.Join("\n", blocks.Select((b, i) => $"echo '--- step {i + 1}'\n{b}\necho"));

        await using var database = TestDatabase.CreateSqlite();
        var port = FreePort();
        var hub = $"http://127.0.0.1:{port}";
        using var server = Start("dotnet", root, new Dictionary<string, string?>
        {
            ["WORKFLOWHUB__Database__ConnectionString"] = database.ConnectionString,
            ["WORKFLOWHUB__Bootstrap__AdminPassword"] = AdminPassword,
            ["WORKFLOWHUB__Engine__JobExecutor__Enabled"] = "false",
        }, Path.Combine(AppContext.BaseDirectory, "WorkflowHub.Server.dll"), "--urls", hub);
        try
        {
            await WaitForHealthAsync(hub, server.Process);
            using var bash = Start("bash", root, new Dictionary<string, string?> { ["HUB"] = hub, ["ADMIN_PASSWORD"] = AdminPassword }, "-c", script);
            await bash.Process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
            var output = bash.Output;
            Assert.True(bash.Process.ExitCode == 0, $"the walkthrough failed (exit {bash.Process.ExitCode}):\n{output}");
            Assert.Contains("\"isNew\":true", output, StringComparison.Ordinal);
            Assert.Contains("\"businessKey\":\"12345-0001\"", output, StringComparison.Ordinal);
            Assert.Contains("\"processName\":\"问题处置（入门示例）\"", output, StringComparison.Ordinal);
            Assert.Contains("\"status\":\"Completed\"", output, StringComparison.Ordinal);
        }
        finally
        {
            server.Process.Kill(entireProcessTree: true);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WorkflowHub.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (WorkflowHub.sln) was not found above the test's folder.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits (bounded) until the child server answers /health; fails early if it exits.</summary>
    private static async Task WaitForHealthAsync(string hub, Process server)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        for (var attempt = 0; attempt < 240; attempt++)
        {
            Assert.False(server.HasExited, "the server exited before it answered /health");
            try
            {
                if ((await http.GetAsync(hub + "/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // not listening yet, or still starting on a busy machine
            }
            await Task.Delay(250);
        }
        throw new TimeoutException("the server did not answer /health within a minute");
    }

    private static Child Start(string file, string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var child = new Child(new Process { StartInfo = start });
        child.Process.OutputDataReceived += (_, e) => child.Append(e.Data);
        child.Process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        child.Process.Start();
        child.Process.BeginOutputReadLine();
        child.Process.BeginErrorReadLine();
        return child;
    }

    private sealed class Child(Process process) : IDisposable
    {
        private readonly StringBuilder _output = new();

        public Process Process { get; } = process;

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public void Append(string? line)
        {
            if (line is not null)
            {
                lock (_output)
                {
                    _output.AppendLine(line);
                }
            }
        }

        public void Dispose() => Process.Dispose();
    }

    [GeneratedRegex(@"```sh\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();
}
