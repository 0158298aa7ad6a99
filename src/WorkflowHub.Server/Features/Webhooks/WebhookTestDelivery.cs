using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Localization;

namespace WorkflowHub.Server.Features.Webhooks;

/// <summary>The payload to send (any JSON); absent: <c>{"test": true, "sentBy", "sentAt"}</c>.</summary>
public sealed record TestDeliveryRequest(JsonNode? Payload = null);

/// <summary>
/// What the receiver answered the test delivery: its status, the instance it correlated to (202) or the reason it
/// refused it, and the delivery's row in the log.
/// </summary>
public sealed record TestDeliveryAnswer(string WebhookId, int Status, string? InstanceId, string? BusinessKey, string? Error, string Payload, DeliveryDto? Delivery);

/// <summary>
/// "Send test delivery": the administrator's way to see a webhook work end to end. The payload is signed with the
/// webhook's stored secret exactly as a Standard Webhooks sender signs it (webhook-id, webhook-timestamp,
/// webhook-signature) and handed to the same <see cref="WebhookReceiver"/> that answers POST /hooks/{key}, which
/// checks the signature, correlates the message (so it may start an instance, as a real delivery would) and logs it.
/// It does not go over the network: a server behind a proxy often cannot reach its own public address.
/// </summary>
public static class WebhookTestDelivery
{
    /// <summary>Chinese text stays readable in the body and so in the delivery log (the JSON is the same).</summary>
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<Results<Ok<TestDeliveryAnswer>, NotFound>> SendAsync(
        string key, TestDeliveryRequest? request, HubDbContext db, WebhookSecrets secrets, WebhookReceiver receiver, ProblemTranslator translator,
        [FromKeyedServices(WebhookReceiver.WallClockKey)] TimeProvider wallClock, HttpContext http, CancellationToken ct)
    {
        var hook = await db.Set<WebhookRecord>().AsNoTracking().FirstOrDefaultAsync(w => w.Key == key, ct);
        if (hook is null)
        {
            return TypedResults.NotFound();
        }
        if (!hook.Enabled)
        {
            throw new WorkflowConflictException($"The webhook '{key}' is disabled; enable it to send a test delivery.");
        }
        var now = wallClock.GetUtcNow();
        var payload = request?.Payload ?? new JsonObject { ["test"] = true, ["sentBy"] = http.User.UserName(), ["sentAt"] = now.ToString("O") };
        var body = payload.ToJsonString(Readable);
        string secret;
        try
        {
            secret = secrets.Unprotect(hook.ProtectedSecret);
        }
        catch (CryptographicException)
        {
            throw new WorkflowConflictException("The webhook's secret cannot be read on this server; rotate it first.");
        }
        var webhookId = "test_" + Guid.NewGuid().ToString("N");
        var timestamp = now.ToUnixTimeSeconds();
        var delivery = new DefaultHttpContext { RequestServices = http.RequestServices };
        delivery.Connection.RemoteIpAddress = http.Connection.RemoteIpAddress;
        delivery.Items[WebhookReceiver.TestDeliveryItem] = true;
        var bytes = Encoding.UTF8.GetBytes(body);
        delivery.Request.Method = HttpMethods.Post;
        delivery.Request.Path = HookReceiverEndpoints.PathOf(key);
        delivery.Request.ContentType = "application/json";
        delivery.Request.ContentLength = bytes.Length;
        delivery.Request.Body = new MemoryStream(bytes);
        delivery.Request.Headers[WebhookSecrets.StandardIdHeader] = webhookId;
        delivery.Request.Headers[WebhookSecrets.StandardTimestampHeader] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture);
        delivery.Request.Headers[WebhookSecrets.StandardSignatureHeader] = WebhookSecrets.SignStandard(secret, webhookId, timestamp, body);
        var answer = new MemoryStream();
        delivery.Response.Body = answer;

        int status;
        string? error = null, instanceId = null, businessKey = null;
        try
        {
            var result = await receiver.ReceiveAsync(key, delivery.Request, ct);
            await result.ExecuteAsync(delivery);
            status = delivery.Response.StatusCode;
            var node = answer.Length == 0 ? null : JsonNode.Parse(answer.ToArray());
            if (status == StatusCodes.Status202Accepted)
            {
                instanceId = node?["instanceId"]?.GetValue<string>();
                businessKey = node?["businessKey"]?.GetValue<string>();
            }
            else
            {
                error = translator.Translate(node?["detail"]?.GetValue<string>() ?? node?["title"]?.GetValue<string>());
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ApiExceptionHandler.ToProblem(ex) is { } problem)
        {
            // The receiver logged the failed delivery before the exception reached here.
            status = problem.Status ?? 500;
            error = translator.Translate(problem.Detail ?? problem.Title);
        }

        var idempotencyKey = "webhook-id:" + webhookId;
        var logged = await db.Set<WebhookDeliveryRecord>().AsNoTracking()
            .Where(d => d.WebhookKey == key && d.IdempotencyKey == idempotencyKey).OrderByDescending(d => d.Id)
            .Select(d => new DeliveryDto(d.Id, d.ReceivedAt, d.Status, d.IdempotencyKey, d.InstanceId, d.BusinessKey, d.Replayed, d.Error, d.Payload, d.Test))
            .FirstOrDefaultAsync(ct);
        return TypedResults.Ok(new TestDeliveryAnswer(webhookId, status, instanceId, businessKey, error, body, logged));
    }
}
