using WorkflowHub.Engine.Parsing;
using WorkflowHub.Server.Hosting;

namespace WorkflowHub.Server.Cli;

/// <summary><c>validate FILE...</c>: checks BPMN files with the engine's parser without deploying them.</summary>
internal sealed class ValidateVerb(HubConsole console) : ICliVerb
{
    public string Name => "validate";

    public string Arguments => "FILE...";

    public string Description => "Checks BPMN files as a deployment would, without deploying; 0 when all import.";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        if (args.Count == 0)
        {
            await console.Error.WriteLineAsync("validate needs at least one FILE.");
            return HubCli.UsageExitCode;
        }
        return BpmnFileValidator.Run(args, console.Out);
    }
}
