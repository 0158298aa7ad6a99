namespace WorkflowHub.Server.Features.Webhooks;

/// <summary>An inbound webhook: POST /hooks/{Key} correlates <see cref="MessageName"/> with the signed JSON body.</summary>
public sealed class WebhookRecord
{
    public const int KeyMaxLength = 64;

    public string Key { get; set; } = "";

    public string MessageName { get; set; } = "";

    /// <summary>The HMAC secret, protected with ASP.NET Core Data Protection (never stored in clear).</summary>
    public string ProtectedSecret { get; set; } = "";

    /// <summary>A JSON pointer (/a/b) or a top-level property of the body whose value becomes variables (an object is spread).</summary>
    public string? VariablesExpression { get; set; }

    /// <summary>A JSON pointer (/order/id) or a top-level property of the body holding the business key.</summary>
    public string? BusinessKeyVariable { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>Deliveries accepted per minute; null takes RateLimiting:Hooks.</summary>
    public int? RateLimitPerMinute { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedBy { get; set; }
}

/// <summary>One call of a webhook, whatever its outcome.</summary>
public sealed class WebhookDeliveryRecord
{
    public long Id { get; set; }

    public string WebhookKey { get; set; } = "";

    public DateTimeOffset ReceivedAt { get; set; }

    public int Status { get; set; }

    public string? IdempotencyKey { get; set; }

    public string? InstanceId { get; set; }

    public string? BusinessKey { get; set; }

    /// <summary>Why the call was refused or failed; null when it was accepted.</summary>
    public string? Error { get; set; }

    public bool Replayed { get; set; }

    /// <summary>The body as received (UTF-8 text), cut at <see cref="PayloadMaxLength"/> characters; null when none was read.</summary>
    public string? Payload { get; set; }

    /// <summary>Sent by an administrator's "send test delivery" (signed and received like any other).</summary>
    public bool Test { get; set; }

    public const int PayloadMaxLength = 16_000;
}

/// <summary>
/// The answer given to an Idempotency-Key of a webhook; unique per (webhook, key). Written in the engine step that
/// correlates the delivery, so it exists exactly when the delivery took effect.
/// </summary>
public sealed class IdempotencyRecord
{
    public const int KeyMaxLength = 200;

    public long Id { get; set; }

    public string WebhookKey { get; set; } = "";

    public string IdempotencyKey { get; set; } = "";

    /// <summary>SHA-256 of the body, so the same key with a different body is refused.</summary>
    public string RequestHash { get; set; } = "";

    public int Status { get; set; }

    public string? ResponseBody { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
