using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Data;

namespace WorkflowHub.Server.Features.Webhooks;

/// <summary>What POST /hooks/{key} answers when it accepted a delivery.</summary>
public sealed record HookAnswer(string? InstanceId, string? BusinessKey, bool Started, IReadOnlyList<string> InstanceIds);

/// <summary>
/// Receives a webhook call: finds the webhook, reads the body within the limit, refuses a missing, forged or stale
/// signature (401), reads the JSON (400 with the position), honours Idempotency-Key (the same key gives the stored
/// answer and never correlates twice, across restarts), correlates the message and logs the delivery.
/// </summary>
public sealed class WebhookReceiver(
    IDbContextFactory<HubDbContext> contexts,
    WebhookSecrets secrets,
    IRuntimeService runtime,
    IOptions<ServerOptions> options,
    WebhookRateLimits limits,
    KnownWebhooks known,
    [FromKeyedServices(WebhookReceiver.WallClockKey)] TimeProvider wallClock,
    ILogger<WebhookReceiver> logger)
{
    /// <summary>Signatures are checked against the wall clock even when the engine runs on the simulation clock.</summary>
    public const string WallClockKey = "wall-clock";
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>The request item that marks a delivery sent by "send test delivery" (see <see cref="WebhookTestDelivery"/>).</summary>
    public const string TestDeliveryItem = "WorkflowHub.Webhooks.TestDelivery";

    /// <summary>The accepted delivery's log row was written in the correlation's step (the receiver is one per request).</summary>
    private bool _logged;

    private sealed record HookAndEarlier(WebhookRecord Hook, IdempotencyRecord? Earlier);

    /// <summary>Compiled: every delivery runs it (its LINQ form was about 6 % of a PostgreSQL node's CPU under intake).</summary>
    private static readonly CompiledQuery<Func<HubDbContext, string, string, CancellationToken, Task<HookAndEarlier?>>> HookQuery = new(() =>
        EF.CompileAsyncQuery((HubDbContext db, string key, string deliveryKey, CancellationToken _) => (
            from w in db.Set<WebhookRecord>().AsNoTracking().Where(w => w.Key == key && w.Enabled)
            join r in db.Set<IdempotencyRecord>().AsNoTracking().Where(r => r.IdempotencyKey == deliveryKey) on w.Key equals r.WebhookKey into records
            from r in records.DefaultIfEmpty()
            select new HookAndEarlier(w, r)).FirstOrDefault()));

    public async Task<IResult> ReceiveAsync(string key, HttpRequest request, CancellationToken ct)
    {
        var address = request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        // An address that keeps naming unknown keys is refused before the database is asked again.
        if (!limits.MayProbe(address))
        {
            return TooMany();
        }
        var idempotencyKey = request.Headers[IdempotencyHeader].ToString();
        idempotencyKey = string.IsNullOrWhiteSpace(idempotencyKey) ? null : idempotencyKey.Trim();
        // A webhook this node remembers is not read again; an earlier delivery with this delivery's key is then found
        // by the correlation's step, whose idempotency record would clash with it.
        WebhookRecord? hook = known.TryGet(key, out var remembered) ? remembered : null;
        IdempotencyRecord? earlier = null;
        var earlierLookedUp = hook is null;
        if (hook is null)
        {
            var generation = known.Generation;
            await using (var db = await contexts.CreateDbContextAsync(ct))
            {
                // The webhook and the record of an earlier delivery with this delivery's key in one statement (a left
                // join); the record is only used once the signature has been verified.
                var deliveryKey = DeliveryKey(request, idempotencyKey);
                var found = await HookQuery.For(db)(db, key, deliveryKey, ct);
                hook = found?.Hook;
                earlier = found?.Earlier;
            }
            if (hook is not null)
            {
                known.Remember(hook, generation);
            }
        }
        if (hook is null)
        {
            limits.CountUnknownKey(address);
            return Problem(404, "Not found", $"There is no webhook '{key}'.");
        }
        if (!limits.TryAcquire(hook))
        {
            return TooMany();
        }

        var delivery = new WebhookDeliveryRecord
        {
            WebhookKey = key, ReceivedAt = wallClock.GetUtcNow(), IdempotencyKey = Truncate(idempotencyKey, IdempotencyRecord.KeyMaxLength),
            Test = request.HttpContext.Items.ContainsKey(TestDeliveryItem),
        };
        var replayed = false;
        try
        {
            var answer = await ProcessAsync(hook, earlier, earlierLookedUp, request, idempotencyKey, delivery, ct);
            delivery.Status = answer.Status;
            replayed = answer.Result is ReplayedResult;
            return answer.Result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var problem = ApiExceptionHandler.ToProblem(ex);
            delivery.Status = problem?.Status ?? 500;
            delivery.Error = Truncate(problem?.Detail ?? "The delivery failed: " + ex.GetType().Name, 2000);
            throw;
        }
        finally
        {
            Operations.HubMetrics.WebhookDelivery(delivery.Status, replayed);
            await LogAsync(delivery);
        }
    }

    private async Task<(int Status, IResult Result)> ProcessAsync(
        WebhookRecord hook, IdempotencyRecord? earlier, bool earlierLookedUp, HttpRequest request, string? idempotencyKey, WebhookDeliveryRecord delivery,
        CancellationToken ct)
    {
        var settings = options.Value;
        var body = await ApiRequest.ReadBodyAsync(request, settings.MaxWebhookBodyBytes, ct);
        delivery.Payload = PayloadText(body);

        // Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature) or the X-WorkflowHub-* scheme.
        var standardId = request.Headers[WebhookSecrets.StandardIdHeader].ToString().Trim();
        var standard = standardId.Length > 0 || request.Headers.ContainsKey(WebhookSecrets.StandardSignatureHeader);
        var timestampHeader = standard ? WebhookSecrets.StandardTimestampHeader : WebhookSecrets.TimestampHeader;
        var timestamp = request.Headers[timestampHeader].ToString().Trim();
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return Refuse(delivery, 401, $"The {timestampHeader} header (unix seconds) is missing or unreadable.");
        }
        var age = wallClock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        if (age.Duration() > settings.WebhookTimestampTolerance)
        {
            return Refuse(delivery, 401, $"The timestamp is more than {settings.WebhookTimestampTolerance.TotalMinutes:0} minutes from now; the delivery is refused as a possible replay.");
        }
        string secret;
        try
        {
            secret = secrets.UnprotectCached(hook.ProtectedSecret);
        }
        catch (CryptographicException ex)
        {
            logger.LogError(ex, "The secret of webhook {Key} cannot be unprotected (were the data protection keys lost?)", hook.Key);
            return Refuse(delivery, 401, "The webhook's secret cannot be read on this server; register the webhook again.");
        }
        string signature;
        if (standard)
        {
            signature = request.Headers[WebhookSecrets.StandardSignatureHeader].ToString();
            if (standardId.Length == 0 || !WebhookSecrets.VerifyStandard(secret, standardId, seconds, body, signature))
            {
                return Refuse(delivery, 401, $"The {WebhookSecrets.StandardSignatureHeader} header does not sign this {WebhookSecrets.StandardIdHeader}, timestamp and body (Standard Webhooks v1).");
            }
        }
        else
        {
            signature = request.Headers[WebhookSecrets.SignatureHeader].ToString().Trim();
            if (!WebhookSecrets.Verify(secret, timestamp, body, signature))
            {
                return Refuse(delivery, 401, $"The {WebhookSecrets.SignatureHeader} header does not sign this body (sha256=<hex HMAC-SHA256 of \"{{timestamp}}.{{body}}\">).");
            }
        }
        // Without an Idempotency-Key, webhook-id names the delivery (Standard Webhooks), and otherwise the signature
        // does: it covers the timestamp and the body, so an exact replay inside the timestamp window is answered
        // from the first delivery's record instead of correlating twice.
        idempotencyKey ??= DeliveryKey(request, null);
        var deliveryKey = idempotencyKey;
        delivery.IdempotencyKey ??= Truncate(idempotencyKey, IdempotencyRecord.KeyMaxLength);

        JsonNode? payload;
        try
        {
            payload = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new JsonException(ex.Message, "$", ex.LineNumber, ex.BytePositionInLine, ex);
        }
        var businessKey = hook.BusinessKeyVariable is null ? null : BusinessKeyOf(payload, hook.BusinessKeyVariable);
        delivery.BusinessKey = Truncate(businessKey, 255);
        var variables = Variables(payload, hook.VariablesExpression);

        if (idempotencyKey is not null && idempotencyKey.Length > IdempotencyRecord.KeyMaxLength)
        {
            throw ApiRequestException.Invalid(IdempotencyHeader, $"The {IdempotencyHeader} header is longer than {IdempotencyRecord.KeyMaxLength} characters.");
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(body));
        if (idempotencyKey is not null && earlier is not null)
        {
            return Replay(earlier, hash, delivery);
        }

        CorrelationResult? result = null;
        Exception? clash = null;
        // The answer as the step that committed wrote it into the idempotency record: serialised once for both.
        (HookAnswer Answer, string Json)? answered = null;
        try
        {
            result = await runtime.CorrelateAsync(new CorrelationRequest(hook.MessageName, businessKey, variables, Actor: "webhook:" + hook.Key)
            {
                AlsoWrite = correlated =>
                {
                    // The idempotency record commits with the correlation: a delivery is remembered exactly when it took
                    // effect. So does the accepted delivery's log row: one write per delivery instead of two, and on
                    // SQLite no second writer queueing behind the engine's.
                    var answer = Answer(correlated, businessKey);
                    var remembered = Remembered(hook.Key, deliveryKey, hash, answer);
                    answered = (answer, remembered.ResponseBody!);
                    return AcceptedDeliveryWriter.Statements(remembered, Accepted(delivery, answer));
                },
            }, ct);
            _logged = result is not null;
        }
        catch (DuplicateDeliveryException ex) when (idempotencyKey is not null)
        {
            clash = ex;
        }
        catch (Exception ex) when (!earlierLookedUp && idempotencyKey is not null && ex is not OperationCanceledException)
        {
            // A delivery sent again after its first took effect gets the first one's answer, even where correlating
            // it now fails (the instance it reached has moved on); the webhook came from this node's memory, so the
            // record was not looked for before.
            clash = ex;
        }
        if (idempotencyKey is not null && clash is not null)
        {
            // Another delivery with the same key committed first: the step's INSERT … ON CONFLICT DO NOTHING found its record.
            var first = await FindAsync(hook.Key, idempotencyKey, ct);
            if (first is null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(clash).Throw();
            }
            return Replay(first!, hash, delivery);
        }

        var (answer, json) = answered ?? (Answer(result!, businessKey), "");
        if (json.Length == 0)
        {
            json = JsonSerializer.Serialize(answer, JsonSerializerOptions.Web);
        }
        delivery.InstanceId = answer.InstanceId;
        delivery.BusinessKey = Truncate(answer.BusinessKey, 255);
        return (202, Results.Text(json, "application/json; charset=utf-8", statusCode: 202));
    }

    /// <summary>
    /// What names a delivery for idempotency: its Idempotency-Key, else (Standard Webhooks) its webhook-id, else its
    /// signature, which covers the timestamp and the body. Read from the headers alone, so the record can be looked
    /// up with the webhook before the body is read.
    /// </summary>
    private static string DeliveryKey(HttpRequest request, string? idempotencyKey)
    {
        if (idempotencyKey is not null)
        {
            return idempotencyKey;
        }
        var standardId = request.Headers[WebhookSecrets.StandardIdHeader].ToString().Trim();
        return standardId.Length > 0 || request.Headers.ContainsKey(WebhookSecrets.StandardSignatureHeader)
            ? "webhook-id:" + standardId
            : "signature:" + request.Headers[WebhookSecrets.SignatureHeader].ToString().Trim().ToLowerInvariant();
    }

    /// <summary>A fresh log row for the step (a step that runs again adds its own, never one a rolled-back try touched).</summary>
    private static WebhookDeliveryRecord Accepted(WebhookDeliveryRecord delivery, HookAnswer answer) => new()
    {
        WebhookKey = delivery.WebhookKey,
        ReceivedAt = delivery.ReceivedAt,
        Status = 202,
        IdempotencyKey = delivery.IdempotencyKey,
        InstanceId = answer.InstanceId,
        BusinessKey = Truncate(answer.BusinessKey, 255),
        Payload = delivery.Payload,
        Test = delivery.Test,
    };

    /// <summary>The body for the delivery log: its UTF-8 text (invalid bytes replaced), cut at the log's limit.</summary>
    private static string PayloadText(byte[] body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, WebhookDeliveryRecord.PayloadMaxLength * 4));
        return text.Length <= WebhookDeliveryRecord.PayloadMaxLength ? text : text[..WebhookDeliveryRecord.PayloadMaxLength];
    }

    private static HookAnswer Answer(CorrelationResult result, string? businessKey) =>
        new(result.InstanceIds.FirstOrDefault(), result.BusinessKey ?? businessKey, result.StartedInstance, result.InstanceIds);

    private async Task<IdempotencyRecord?> FindAsync(string hookKey, string idempotencyKey, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Set<IdempotencyRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.WebhookKey == hookKey && r.IdempotencyKey == idempotencyKey, ct);
    }

    /// <summary>The idempotency record of an accepted delivery, with the answer a replay gives.</summary>
    private IdempotencyRecord Remembered(string hookKey, string idempotencyKey, string hash, HookAnswer answer) => new()
    {
        WebhookKey = hookKey,
        IdempotencyKey = idempotencyKey,
        RequestHash = hash,
        Status = 202,
        ResponseBody = JsonSerializer.Serialize(answer, JsonSerializerOptions.Web),
        CreatedAt = wallClock.GetUtcNow(),
    };

    private static (int, IResult) Replay(IdempotencyRecord existing, string hash, WebhookDeliveryRecord delivery)
    {
        delivery.Replayed = true;
        if (existing.RequestHash != hash)
        {
            throw new WorkflowConflictException($"The {IdempotencyHeader} '{existing.IdempotencyKey}' was used before with a different body.");
        }
        var answer = JsonSerializer.Deserialize<HookAnswer>(existing.ResponseBody ?? "{}", JsonSerializerOptions.Web)!;
        delivery.InstanceId = answer.InstanceId;
        delivery.BusinessKey = Truncate(answer.BusinessKey, 255);
        return (existing.Status, new ReplayedResult(Results.Json(answer, JsonSerializerOptions.Web, statusCode: existing.Status)));
    }

    private async Task LogAsync(WebhookDeliveryRecord delivery)
    {
        if (_logged)
        {
            return;
        }
        try
        {
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            db.Add(delivery);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            logger.LogWarning(ex, "Could not log a delivery of webhook {Key}", delivery.WebhookKey);
        }
    }

    private static (int, IResult) Refuse(WebhookDeliveryRecord delivery, int status, string detail)
    {
        delivery.Error = detail;
        return (status, Problem(status, status == 401 ? "Unauthorized" : "Refused", detail));
    }

    private static IResult TooMany() =>
        Results.Problem(new ProblemDetails { Status = 429, Title = "Too many requests", Detail = "The rate limit was reached; try again later." });

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });

    private static IReadOnlyDictionary<string, JsonNode?> Variables(JsonNode? payload, string? expression)
    {
        // The parsed body itself, not a copy: nothing else holds it, and it has no parent (the selected parts below
        // are copied, since they have one).
        var variables = new Dictionary<string, JsonNode?> { ["payload"] = payload };
        if (expression is null)
        {
            return variables;
        }
        var selected = Select(payload, expression);
        if (selected is JsonObject obj)
        {
            foreach (var (name, value) in obj)
            {
                variables[name] = value?.DeepClone();
            }
        }
        else
        {
            var name = expression.TrimStart('/').Split('/')[^1];
            variables[string.IsNullOrEmpty(name) ? "value" : Unescape(name)] = selected?.DeepClone();
        }
        return variables;
    }

    private static string BusinessKeyOf(JsonNode? payload, string path)
    {
        var value = Select(payload, path);
        return value switch
        {
            JsonValue v when v.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) => text,
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
            _ => throw ApiRequestException.Invalid("body", $"The body has no business key at '{path}' (a non-empty string or a number)."),
        };
    }

    /// <summary>A JSON pointer (RFC 6901, "/order/id") or a top-level property name.</summary>
    private static JsonNode? Select(JsonNode? node, string path)
    {
        if (!path.StartsWith('/'))
        {
            return node is JsonObject o && o.TryGetPropertyValue(path, out var v) ? v : null;
        }
        foreach (var raw in path[1..].Split('/'))
        {
            var segment = Unescape(raw);
            node = node switch
            {
                JsonObject o => o.TryGetPropertyValue(segment, out var v) ? v : null,
                JsonArray a when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }
        return node;
    }

    public static bool IsValidPath(string path) => path.Length is > 0 and <= 500 && (path.StartsWith('/') || !path.Contains('/'));

    private static string Unescape(string segment) => segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];

    /// <summary>The stored answer, marked as a replay.</summary>
    private sealed class ReplayedResult(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[ReplayedHeader] = "true";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
