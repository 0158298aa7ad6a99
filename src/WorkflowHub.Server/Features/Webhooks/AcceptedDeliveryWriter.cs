using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace WorkflowHub.Server.Features.Webhooks;

/// <summary>
/// Writes an accepted delivery's two rows, its idempotency record and its log row, inside the engine step that
/// correlates it, as one SQL command on the step's own connection and transaction.
/// On SQLite every step holds the one writer, so what a step does is what all deliveries queue for: the harness's
/// intake profile showed EF Core's duplicate check, change tracking and SaveChanges for these two rows at about 60 % of
/// the time a delivery held the writer, and the engine's own work for the instance and its two tasks at about 40 %.
/// The unique index on (webhook, key) decides a duplicate: <c>ON CONFLICT DO NOTHING</c> (SQLite and PostgreSQL
/// alike) inserts no record when another delivery with the key committed first, and the step is abandoned.
/// </summary>
internal static class AcceptedDeliveryWriter
{
    private const string Sql = """
        INSERT INTO "hub_idempotency_records" ("WebhookKey", "IdempotencyKey", "RequestHash", "Status", "ResponseBody", "CreatedAt")
        VALUES (@hook, @key, @hash, 202, @answer, @now)
        ON CONFLICT ("WebhookKey", "IdempotencyKey") DO NOTHING;
        INSERT INTO "hub_webhook_deliveries" ("WebhookKey", "ReceivedAt", "Status", "IdempotencyKey", "InstanceId", "BusinessKey", "Error", "Replayed", "Payload", "Test")
        VALUES (@hook, @received, 202, @logKey, @instance, @business, NULL, @replayed, @payload, @test);
        """;

    /// <summary>False when a delivery with this idempotency key is already recorded (nothing of this step may commit then).</summary>
    public static async Task<bool> TryWriteAsync(DbContext db, IdempotencyRecord record, WebhookDeliveryRecord log, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("An accepted delivery is written only inside the step that correlates it.");
        command.CommandText = Sql;
        Add(command, "hook", record.WebhookKey);
        Add(command, "key", record.IdempotencyKey);
        Add(command, "hash", record.RequestHash);
        Add(command, "answer", record.ResponseBody);
        Add(command, "now", record.CreatedAt.ToUnixTimeMilliseconds());
        Add(command, "received", log.ReceivedAt.ToUnixTimeMilliseconds());
        Add(command, "logKey", log.IdempotencyKey);
        Add(command, "instance", log.InstanceId);
        Add(command, "business", log.BusinessKey);
        Add(command, "replayed", log.Replayed);
        Add(command, "payload", log.Payload);
        Add(command, "test", log.Test);
        // One row per insert that took place: two when the record is new, one (the log row) when the key was known.
        return await command.ExecuteNonQueryAsync(ct) == 2;
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
