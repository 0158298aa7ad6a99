using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowHub.Server.Hosting;

namespace WorkflowHub.Server.Features.Forms;

/// <summary>
/// Loads the forms shipped with the product (workflows/forms/*.form, form-js JSON whose "id" is the form key) when
/// the server starts: a changed file becomes a new version, an unchanged one nothing. A bad file is logged and
/// skipped; it never stops the server.
/// </summary>
public sealed class ShippedForms(IServiceScopeFactory scopes, HubPaths paths, IConfiguration configuration, ILogger<ShippedForms> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var folder = paths.Resolve(configuration["Forms:ShippedPath"] is { Length: > 0 } p ? p : "workflows/forms");
        if (!Directory.Exists(folder))
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<FormStore>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.form").Order(StringComparer.Ordinal).Take(1000))
        {
            try
            {
                if (new FileInfo(file).Length > FormStore.MaxSchemaBytes)
                {
                    log.LogWarning("Shipped form {File} is larger than {Max} bytes; skipped.", file, FormStore.MaxSchemaBytes);
                    continue;
                }
                var schema = JsonNode.Parse(await File.ReadAllTextAsync(file, cancellationToken));
                var key = schema?["id"]?.GetValue<string>() ?? Path.GetFileNameWithoutExtension(file);
                var name = schema?["name"]?.GetValue<string>() ?? key;
                var saved = await store.SaveAsync(key, name, schema, "shipped", "system", cancellationToken);
                log.LogInformation("Shipped form {Key} is at version {Version}.", saved.Key, saved.Version);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or WorkflowHub.Server.Api.ApiRequestException or IOException)
            {
                log.LogWarning(e, "Shipped form {File} could not be loaded; skipped.", file);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
