using System.Diagnostics;
using System.Text;

namespace WorkflowHub.Server.Tests.Support;

/// <summary>Runs the real server executable (the build copied beside the tests) as a child process.</summary>
public static class ServerProcess
{
    public sealed record Result(int ExitCode, string Output);

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Runs <c>dotnet WorkflowHub.Server.dll ARGS</c> with extra environment variables (null removes one) and
    /// returns its exit code with stdout and stderr interleaved. The child's environment is its own, so the
    /// variables cannot leak into tests running in parallel.
    /// </summary>
    public static async Task<Result> RunAsync(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?> environment)
    {
        var output = new StringBuilder();
        using var process = Start(args, environment, line => Append(output, line));

        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The server process did not exit within {Timeout}:\n{output}");
        }

        lock (output)
        {
            return new Result(process.ExitCode, output.ToString());
        }
    }

    /// <summary>Starts <c>dotnet WorkflowHub.Server.dll ARGS</c> (the environment as for <see cref="RunAsync"/>); each output line goes to <paramref name="onLine"/>.</summary>
    public static Process Start(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?> environment, Action<string?> onLine)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "WorkflowHub.Server.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => onLine(e.Data);
        process.ErrorDataReceived += (_, e) => onLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
