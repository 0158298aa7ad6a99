using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Data;

namespace WorkflowHub.Server.Features.Webhooks;

/// <summary>
/// Registers a webhook. <c>allowUnknownMessage</c> accepts a message no deployed process can receive yet;
/// <c>rateLimitPerMinute</c> overrides RateLimiting:Hooks for this webhook.
/// </summary>
public sealed record CreateWebhookRequest(
    string? Key, string? MessageName, string? Secret = null, string? VariablesExpression = null, string? BusinessKeyVariable = null,
    bool AllowUnknownMessage = false, int? RateLimitPerMinute = null);

public sealed record WebhookDto(
    string Key, string MessageName, string? VariablesExpression, string? BusinessKeyVariable, bool Enabled, int? RateLimitPerMinute,
    DateTimeOffset CreatedAt, string? CreatedBy, string Url);

/// <summary>The answer to registering a webhook: the only time the secret is shown.</summary>
public sealed record CreatedWebhookDto(string Key, string MessageName, string? VariablesExpression, string? BusinessKeyVariable, string Url, string Secret, string SignatureHeader, string TimestampHeader);

/// <summary>Changes a webhook; absent fields stay. <c>rateLimitPerMinute</c>: 0 goes back to the default.</summary>
public sealed record UpdateWebhookRequest(
    string? MessageName = null, bool? Enabled = null, string? VariablesExpression = null, string? BusinessKeyVariable = null,
    bool AllowUnknownMessage = false, int? RateLimitPerMinute = null);

public sealed record RotatedSecretDto(string Key, string Secret);

public sealed record DeliveryDto(
    long Id, DateTimeOffset ReceivedAt, int Status, string? IdempotencyKey, string? InstanceId, string? BusinessKey, bool Replayed, string? Error,
    string? Payload, bool Test);

/// <summary>Administrators register inbound webhooks and read their delivery logs.</summary>
public static partial class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/webhooks").WithTags("Webhooks").RequireAuthorization(HubPolicies.Administrators)
            .AddEndpointFilter(async (context, next) =>
            {
                // Whatever an administrator changed (secret rotated, webhook disabled), no unprotected secret and no
                // remembered webhook outlives it here, nor (told through the database) on the other nodes.
                var answer = await next(context);
                if (!HttpMethods.IsGet(context.HttpContext.Request.Method))
                {
                    var services = context.HttpContext.RequestServices;
                    services.GetRequiredService<WebhookSecrets>().Forget();
                    await services.GetRequiredService<KnownWebhooks>().ChangedAsync(services.GetRequiredService<HubDbContext>(), CancellationToken.None);
                }
                return answer;
            });

        group.MapGet("", async (string? page, string? pageSize, HubDbContext db, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(await PagedList<WebhookDto>.QueryAsync(
                    db.Set<WebhookRecord>().AsNoTracking().OrderBy(w => w.Key), ApiRequest.Paging(http, page, pageSize), ToDto, ct)))
            .WithSummary("The registered webhooks (never their secrets).");

        group.MapPost("", CreateAsync)
            .WithSummary("Registers POST /hooks/{key}; the secret (generated when absent) is shown in this answer only.");

        group.MapPut("/{key}", UpdateAsync)
            .WithSummary("Changes a webhook's message, mappings (an empty string clears one) or enabled flag; a disabled webhook answers 404.");

        group.MapPost("/{key}/secret", async Task<Results<Ok<RotatedSecretDto>, NotFound>> (string key, HubDbContext db, WebhookSecrets secrets, CancellationToken ct) =>
            {
                var hook = await db.Set<WebhookRecord>().FirstOrDefaultAsync(w => w.Key == key, ct);
                if (hook is null)
                {
                    return TypedResults.NotFound();
                }
                var secret = WebhookSecrets.Generate();
                hook.ProtectedSecret = secrets.Protect(secret);
                await db.SaveChangesAsync(ct);
                return TypedResults.Ok(new RotatedSecretDto(key, secret));
            })
            .WithSummary("Replaces the secret with a new generated one, shown in this answer only; the old one stops working at once.");

        group.MapGet("/{key}/deliveries", async Task<Results<Ok<PagedList<DeliveryDto>>, NotFound>> (string key, string? page, string? pageSize, HubDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var paging = ApiRequest.Paging(http, page, pageSize);
                if (!await db.Set<WebhookRecord>().AnyAsync(w => w.Key == key, ct))
                {
                    return TypedResults.NotFound();
                }
                var deliveries = db.Set<WebhookDeliveryRecord>().AsNoTracking().Where(d => d.WebhookKey == key).OrderByDescending(d => d.Id);
                return TypedResults.Ok(await PagedList<DeliveryDto>.QueryAsync(deliveries, paging,
                    d => new DeliveryDto(d.Id, d.ReceivedAt, d.Status, d.IdempotencyKey, d.InstanceId, d.BusinessKey, d.Replayed, d.Error, d.Payload, d.Test), ct));
            })
            .WithSummary("A webhook's calls, newest first: time, status, idempotency key, instance, payload, error.");

        group.MapPost("/{key}/test", WebhookTestDelivery.SendAsync)
            .WithSummary("Sends a delivery signed with the webhook's secret (Standard Webhooks) through the receiver of POST /hooks/{key}; it correlates like any other and appears in the log marked as a test.");
        return endpoints;
    }

    private static async Task<Results<Created<CreatedWebhookDto>, Conflict<Microsoft.AspNetCore.Mvc.ProblemDetails>>> CreateAsync(
        CreateWebhookRequest request, HubDbContext db, WebhookSecrets secrets, ReceivableMessages messages, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var key = request.Key?.Trim();
        if (string.IsNullOrEmpty(key) || key.Length > WebhookRecord.KeyMaxLength || !KeyPattern().IsMatch(key))
        {
            throw ApiRequestException.Invalid("key", $"A key of 1 to {WebhookRecord.KeyMaxLength} letters, digits, '-' or '_' is required.");
        }
        if (string.IsNullOrWhiteSpace(request.MessageName))
        {
            throw ApiRequestException.Invalid("messageName", "The message name to correlate is required.");
        }
        if (request.Secret is { } given && given.Length < WebhookSecrets.MinSecretLength)
        {
            throw ApiRequestException.Invalid("secret", $"A secret must have at least {WebhookSecrets.MinSecretLength} characters; leave it out to have one generated.");
        }
        CheckPath(request.VariablesExpression, "variablesExpression");
        CheckPath(request.BusinessKeyVariable, "businessKeyVariable");
        CheckRate(request.RateLimitPerMinute);
        if (await db.Set<WebhookRecord>().AnyAsync(w => w.Key == key, ct))
        {
            return TypedResults.Conflict(new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = 409, Title = "Conflict", Detail = $"The webhook '{key}' exists already." });
        }
        await CheckMessageAsync(messages, request.MessageName.Trim(), request.AllowUnknownMessage, ct);
        var secret = request.Secret ?? WebhookSecrets.Generate();
        var record = new WebhookRecord
        {
            Key = key,
            MessageName = request.MessageName.Trim(),
            ProtectedSecret = secrets.Protect(secret),
            VariablesExpression = Blank(request.VariablesExpression),
            BusinessKeyVariable = Blank(request.BusinessKeyVariable),
            RateLimitPerMinute = request.RateLimitPerMinute is > 0 ? request.RateLimitPerMinute : null,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = http.User.UserName(),
        };
        db.Add(record);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/webhooks/{key}", new CreatedWebhookDto(
            record.Key, record.MessageName, record.VariablesExpression, record.BusinessKeyVariable, HookReceiverEndpoints.PathOf(key),
            secret, WebhookSecrets.SignatureHeader, WebhookSecrets.TimestampHeader));
    }

    private static async Task<Results<Ok<WebhookDto>, NotFound>> UpdateAsync(
        string key, UpdateWebhookRequest request, HubDbContext db, ReceivableMessages messages, CancellationToken ct)
    {
        var hook = await db.Set<WebhookRecord>().FirstOrDefaultAsync(w => w.Key == key, ct);
        if (hook is null)
        {
            return TypedResults.NotFound();
        }
        if (request.MessageName is not null)
        {
            hook.MessageName = string.IsNullOrWhiteSpace(request.MessageName)
                ? throw ApiRequestException.Invalid("messageName", "The message name cannot be empty.")
                : request.MessageName.Trim();
            await CheckMessageAsync(messages, hook.MessageName, request.AllowUnknownMessage, ct);
        }
        if (request.RateLimitPerMinute is { } rate)
        {
            CheckRate(rate);
            hook.RateLimitPerMinute = rate > 0 ? rate : null;
        }
        if (request.VariablesExpression is not null)
        {
            CheckPath(request.VariablesExpression, "variablesExpression");
            hook.VariablesExpression = Blank(request.VariablesExpression);
        }
        if (request.BusinessKeyVariable is not null)
        {
            CheckPath(request.BusinessKeyVariable, "businessKeyVariable");
            hook.BusinessKeyVariable = Blank(request.BusinessKeyVariable);
        }
        hook.Enabled = request.Enabled ?? hook.Enabled;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(hook));
    }

    private static async Task CheckMessageAsync(ReceivableMessages messages, string messageName, bool allowUnknown, CancellationToken ct)
    {
        if (!allowUnknown && !await messages.IsReceivableAsync(messageName, ct))
        {
            throw ApiRequestException.Invalid("messageName",
                $"No deployed process can receive the message '{messageName}' (no message start event or waiting catch of that name); deploy one first, or set allowUnknownMessage to true.");
        }
    }

    private static void CheckRate(int? rate)
    {
        if (rate is < 0 or > 1_000_000)
        {
            throw ApiRequestException.Invalid("rateLimitPerMinute", "The rate limit is a whole number of deliveries per minute from 1 to 1000000 (0 or absent: the default).");
        }
    }

    private static void CheckPath(string? value, string field)
    {
        if (!string.IsNullOrWhiteSpace(value) && !WebhookReceiver.IsValidPath(value.Trim()))
        {
            throw ApiRequestException.Invalid(field, $"'{value}' is neither a property name nor a JSON pointer such as /order/id.");
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static WebhookDto ToDto(WebhookRecord w) =>
        new(w.Key, w.MessageName, w.VariablesExpression, w.BusinessKeyVariable, w.Enabled, w.RateLimitPerMinute, w.CreatedAt, w.CreatedBy, HookReceiverEndpoints.PathOf(w.Key));

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex KeyPattern();
}
