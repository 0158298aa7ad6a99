namespace WorkflowHub.Server.Cli;

/// <summary>
/// One command-line verb of the server executable (<c>WorkflowHub.Server VERB ARGS...</c>). Verbs run with
/// the server's services but without starting it; register one with <c>services.AddCliVerb&lt;T&gt;()</c>.
/// </summary>
public interface ICliVerb
{
    /// <summary>The word on the command line, lower case.</summary>
    string Name { get; }

    /// <summary>Arguments as shown in the usage text, e.g. "FILE...".</summary>
    string Arguments { get; }

    string Description { get; }

    /// <summary>Returns the process exit code.</summary>
    Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct);
}
