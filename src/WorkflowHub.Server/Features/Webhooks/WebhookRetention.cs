using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Data;

namespace WorkflowHub.Server.Features.Webhooks;

/// <summary>
/// Removes webhook delivery logs and idempotency records older than <c>Server:WebhookRetention</c> (30 days by
/// default), once an hour on every node (the deletes are idempotent, so nodes need not agree who runs them).
/// </summary>
public sealed class WebhookRetention(
    IDbContextFactory<HubDbContext> contexts,
    IOptions<ServerOptions> options,
    [FromKeyedServices(WebhookReceiver.WallClockKey)] TimeProvider wallClock,
    ILogger<WebhookRetention> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>Deletes what is past the retention period; returns the number of rows removed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var cutoff = wallClock.GetUtcNow() - options.Value.WebhookRetention;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var deliveries = await db.Set<WebhookDeliveryRecord>().Where(d => d.ReceivedAt < cutoff).ExecuteDeleteAsync(ct);
        var records = await db.Set<IdempotencyRecord>().Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
        if (deliveries + records > 0)
        {
            logger.LogInformation("Webhook retention removed {Deliveries} delivery logs and {Records} idempotency records older than {Cutoff}",
                deliveries, records, cutoff);
        }
        return deliveries + records;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, wallClock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Webhook retention failed; it runs again in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
