using WorkflowHub.Engine.Services;

namespace WorkflowHub.Server.Features.Webhooks;

/// <summary>
/// An accepted delivery's two rows, its idempotency record and its log row, written by the engine step that
/// correlates it in the same batch as the step's own rows (on PostgreSQL one round trip for all of them; on SQLite
/// the writer's prepared statements, with nothing parsed per delivery).
/// On SQLite every step holds the one writer, so what a step does is what all deliveries queue for: the harness's
/// intake profile showed EF Core's duplicate check, change tracking and SaveChanges for these two rows at about 60 % of
/// the time a delivery held the writer, and the engine's own work for the instance and its two tasks at about 40 %.
/// The unique index on (webhook, key) decides a duplicate: <c>ON CONFLICT DO NOTHING</c> (SQLite and PostgreSQL
/// alike) inserts no record when another delivery with the key committed first, and the step is abandoned.
/// </summary>
internal static class AcceptedDeliveryWriter
{
    private const string RecordSql = """
        INSERT INTO "hub_idempotency_records" ("WebhookKey", "IdempotencyKey", "RequestHash", "Status", "ResponseBody", "CreatedAt")
        VALUES (@p0, @p1, @p2, 202, @p3, @p4)
        ON CONFLICT ("WebhookKey", "IdempotencyKey") DO NOTHING
        """;

    private const string LogSql = """
        INSERT INTO "hub_webhook_deliveries" ("WebhookKey", "ReceivedAt", "Status", "IdempotencyKey", "InstanceId", "BusinessKey", "Error", "Replayed", "Payload", "Test")
        VALUES (@p0, @p1, 202, @p2, @p3, @p4, NULL, @p5, @p6, @p7)
        """;

    /// <summary>The two statements; the step fails with <see cref="DuplicateDeliveryException"/> when the key is already recorded.</summary>
    public static IReadOnlyList<StepStatement> Statements(IdempotencyRecord record, WebhookDeliveryRecord log) =>
    [
        new(RecordSql, [record.WebhookKey, record.IdempotencyKey, record.RequestHash, record.ResponseBody, record.CreatedAt.ToUnixTimeMilliseconds()])
        {
            ExpectedRows = 1,
            Mismatch = () => new DuplicateDeliveryException(),
        },
        new(LogSql, [log.WebhookKey, log.ReceivedAt.ToUnixTimeMilliseconds(), log.IdempotencyKey, log.InstanceId, log.BusinessKey, log.Replayed, log.Payload, log.Test]),
    ];
}

/// <summary>Abandons a correlation step because a delivery with the same idempotency key already committed.</summary>
internal sealed class DuplicateDeliveryException() : Exception("A delivery with this idempotency key was already accepted.");
