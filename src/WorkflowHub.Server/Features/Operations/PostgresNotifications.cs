using System.Globalization;
using Npgsql;
using WorkflowHub.Engine.ExternalTasks;
using WorkflowHub.Engine.Jobs;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Webhooks;

namespace WorkflowHub.Server.Features.Operations;

/// <summary>
/// On PostgreSQL, LISTENs for the engine's job announcements (<see cref="JobWakeup.PostgresChannel"/>, sent by a
/// step on commit when it creates a job due soon) and wakes this node's executor, so a timer another node made
/// due now does not wait for the poll interval. A lost connection is opened again; on every (re)connect the
/// executor is woken once, since announcements made meanwhile were not heard. It also hears new external tasks
/// (<see cref="ExternalTaskSignal.PostgresChannel"/>) and wakes this node's long-polling workers, and webhook changes
/// (<see cref="KnownWebhooks.PostgresChannel"/>) so this node forgets the webhooks it remembered; only while it hears
/// them may it use what it remembers.
/// </summary>
internal sealed class PostgresNotifications(HubDatabase database, JobWakeup wakeup, ExternalTaskSignal externalTasks, KnownWebhooks webhooks,
    TimeProvider time, ILogger<PostgresNotifications> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Provider != DatabaseProvider.Postgres)
        {
            return;
        }
        // Its own unpooled connection: it stays open for the node's life, and LISTEN belongs to the session.
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false, KeepAlive = 10 }.ToString();
        var backoff = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                connection.Notification += (_, e) => OnNotification(e.Channel, e.Payload);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {JobWakeup.PostgresChannel}; LISTEN {ExternalTaskSignal.PostgresChannel}; LISTEN {KnownWebhooks.PostgresChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                webhooks.Hearing(true);
                backoff = TimeSpan.FromMilliseconds(200);
                wakeup.Notify(time.GetUtcNow());
                externalTasks.Notify();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                webhooks.Hearing(false);
                return;
            }
            catch (Exception ex)
            {
                webhooks.Hearing(false);
                logger.LogWarning("Notifications from other nodes (jobs, external tasks, webhook changes) are not heard ({Error}); listening again in {Delay}.", ex.Message, backoff);
                try
                {
                    await Task.Delay(backoff, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                backoff = backoff * 2 > MaxBackoff ? MaxBackoff : backoff * 2;
            }
        }
    }

    private void OnNotification(string channel, string payload)
    {
        if (channel == ExternalTaskSignal.PostgresChannel)
        {
            externalTasks.Notify();
            return;
        }
        if (channel == KnownWebhooks.PostgresChannel)
        {
            webhooks.Forget();
            return;
        }
        var due = long.TryParse(payload, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : time.GetUtcNow();
        wakeup.Notify(due);
    }
}
