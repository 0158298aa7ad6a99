using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Webhooks;

namespace WorkflowHub.Server.Features.Flows;

/// <summary>
/// The intake webhooks of the shipped problem flow, created on the first start when absent: the 12345 hotline
/// (政务服务热线) and the city-management platform (城市管理平台). Each correlates a message start event of
/// workflows/problem-handling.bpmn; the payload becomes the variable <c>payload</c> and the flow's mapping script fills
/// channel, reporter, address, category hint, description and external reference. Secrets are generated and never
/// printed: an administrator reads one by rotating it (POST /api/webhooks/{key}/secret).
/// </summary>
public sealed class ShippedWebhooks(IServiceScopeFactory scopes, IOptions<FlowsOptions> options, TimeProvider time, ILogger<ShippedWebhooks> log) : IHostedService
{
    public static readonly (string Key, string Message)[] Intake =
    [
        ("hotline-12345", "intake-12345"),
        ("city-platform", "intake-city-platform"),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.CreateIntakeWebhooks)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var secrets = scope.ServiceProvider.GetRequiredService<WebhookSecrets>();
        foreach (var (key, message) in Intake)
        {
            if (await db.Set<WebhookRecord>().AnyAsync(w => w.Key == key, cancellationToken))
            {
                continue;
            }
            db.Add(new WebhookRecord
            {
                Key = key, MessageName = message, ProtectedSecret = secrets.Protect(WebhookSecrets.Generate()),
                CreatedAt = time.GetUtcNow(), CreatedBy = "system",
            });
            log.LogInformation("Created the intake webhook /hooks/{Key} for message {Message}; rotate its secret to read it.", key, message);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
