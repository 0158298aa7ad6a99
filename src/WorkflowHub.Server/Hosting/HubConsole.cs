namespace WorkflowHub.Server.Hosting;

/// <summary>
/// What the server prints for a person rather than for the log (the generated admin password, verb output).
/// A service so tests can capture it without redirecting the process-wide <see cref="Console"/>.
/// </summary>
public sealed class HubConsole(TextWriter output, TextWriter error)
{
    public static HubConsole System { get; } = new(Console.Out, Console.Error);

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;
}
