using System.Text.Json.Nodes;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;

namespace WorkflowHub.Server.Features.Messages;

public sealed record MessageRequest(string? MessageName, string? BusinessKey = null, Dictionary<string, JsonNode?>? Variables = null, bool All = false);

/// <summary>Correlating a message: moves on the instance that waits for it, or starts one through a message start event.</summary>
public static class MessageEndpoints
{
    public static IEndpointRouteBuilder MapMessageEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/messages", async (MessageRequest request, IRuntimeService runtime, HttpContext http, CancellationToken ct) =>
            {
                if (string.IsNullOrWhiteSpace(request.MessageName))
                {
                    throw ApiRequestException.Invalid("messageName", "The message name is required.");
                }
                var result = await runtime.CorrelateAsync(new CorrelationRequest(
                    request.MessageName.Trim(), string.IsNullOrWhiteSpace(request.BusinessKey) ? null : request.BusinessKey.Trim(),
                    request.Variables, request.All, http.User.UserName()), ct);
                return TypedResults.Ok(result);
            })
            .RequireAuthorization(HubPolicies.MessageSenders)
            .WithTags("Messages")
            .WithSummary("Correlates a message by name and business key (404 when nothing waits for it and no process starts with it).");
        return endpoints;
    }
}
