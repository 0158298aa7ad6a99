using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using WorkflowHub.Server.Api;

namespace WorkflowHub.Server.Features.Webhooks;

/// <summary>POST /hooks/{key}: anonymous by design; the HMAC signature is the caller's credential.</summary>
public static class HookReceiverEndpoints
{
    public static string PathOf(string key) => "/hooks/" + Uri.EscapeDataString(key);

    public static IEndpointRouteBuilder MapHookReceiverEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var limit = endpoints.ServiceProvider.GetRequiredService<IOptions<ServerOptions>>().Value.MaxWebhookBodyBytes;
        endpoints.MapPost("/hooks/{key}", (string key, HttpRequest request, WebhookReceiver receiver, CancellationToken ct) =>
                receiver.ReceiveAsync(key, request, ct))
            .AllowAnonymous()
            .WithMetadata(new RequestSizeLimitAttribute(limit))
            .Produces<HookAnswer>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithTags("Webhooks")
            .WithSummary("Receives a signed JSON delivery, either Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature: v1,<base64>) " +
                         "or X-WorkflowHub-Timestamp with X-WorkflowHub-Signature: sha256=<hex>; optional Idempotency-Key. Correlates the webhook's " +
                         "message; 202 with the instance; an exact replay answers the first delivery's result.");
        return endpoints;
    }
}
