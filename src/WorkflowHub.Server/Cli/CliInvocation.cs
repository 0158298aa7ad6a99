namespace WorkflowHub.Server.Cli;

/// <summary>
/// The command line split into the verb (if any), its own arguments, and the host's arguments. Only
/// <c>--key=value</c> tokens after a verb go to the host, so a file argument such as <c>/tmp/a.bpmn</c>
/// is never read as a configuration switch.
/// </summary>
public sealed record CliInvocation(string? Verb, IReadOnlyList<string> VerbArgs, string[] HostArgs)
{
    public static CliInvocation Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            return new CliInvocation(null, [], args);
        }

        var rest = args[1..];
        static bool IsSetting(string a) => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal);
        return new CliInvocation(args[0], rest.Where(a => !IsSetting(a)).ToList(), rest.Where(IsSetting).ToArray());
    }
}
