using Microsoft.Extensions.Options;

namespace WorkflowHub.Server.Features.Notices;

/// <summary>Runs <see cref="NoticeSender"/> every <c>Notices:Delivery:PollInterval</c> (at once again while batches come back full).</summary>
internal sealed class NoticeSenderHostedService(NoticeSender sender, TimeProvider time, IOptions<NoticesOptions> options,
    ILogger<NoticeSenderHostedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Delivery;
        if (!settings.Enabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var taken = 0;
            try
            {
                taken = await sender.DeliverDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "The notice sender failed; it tries again in {Interval}.", settings.PollInterval);
            }
            if (taken < settings.BatchSize)
            {
                try
                {
                    await Task.Delay(settings.PollInterval, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
