using Microsoft.Extensions.Options;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Hosting;

namespace WorkflowHub.Server.Features.Flows;

/// <summary>
/// Deploys workflows/*.bpmn on start, like the notice templates and forms: the engine makes a new version only of a
/// process whose content changed, so an unchanged file costs nothing and a designer's newer version stays the latest
/// until the file itself changes. A file the engine refuses is logged with its problems and skipped.
/// </summary>
public sealed class ShippedFlows(IDefinitionService definitions, IOptions<FlowsOptions> options, HubPaths paths, ILogger<ShippedFlows> log) : IHostedService
{
    public const long MaxFileBytes = 2 * 1024 * 1024;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.DeployOnStart)
        {
            return;
        }
        var folder = paths.Resolve(options.Value.Folder);
        if (!Directory.Exists(folder))
        {
            log.LogWarning("The flow folder {Folder} does not exist; no flows were deployed.", folder);
            return;
        }
        foreach (var file in Directory.EnumerateFiles(folder, "*.bpmn").Order(StringComparer.Ordinal).Take(200))
        {
            try
            {
                if (new FileInfo(file).Length > MaxFileBytes)
                {
                    log.LogError("Flow {File} is larger than {Max} bytes; not deployed.", file, MaxFileBytes);
                    continue;
                }
                var result = await definitions.DeployAsync(Path.GetFileName(file), await File.ReadAllTextAsync(file, cancellationToken), "system", cancellationToken);
                log.LogInformation("Flow {File} deployed: {Processes}", Path.GetFileName(file), string.Join(", ", result.Processes));
            }
            catch (BpmnValidationException e)
            {
                log.LogError("Flow {File} was not deployed: {Problems}", file, string.Join("; ", e.Problems.Select(p => p.ToString())));
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
