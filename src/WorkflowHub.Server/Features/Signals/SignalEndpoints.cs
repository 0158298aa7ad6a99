using System.Text.Json.Nodes;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Identity;

namespace WorkflowHub.Server.Features.Signals;

public sealed record SignalRequest(string? SignalName, Dictionary<string, JsonNode?>? Variables);

/// <summary>
/// Sending a signal from outside (BPMN 2.0 signal events): a broadcast to every instance waiting for it now and to
/// every process that starts with it. Administrators and dispatchers (问题收集组) may send one.
/// </summary>
public static class SignalEndpoints
{
    public static IEndpointRouteBuilder MapSignalEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/signals", async (SignalRequest request, IRuntimeService runtime, HttpContext http, CancellationToken ct) =>
            {
                if (string.IsNullOrWhiteSpace(request.SignalName))
                {
                    throw ApiRequestException.Invalid("signalName", "The signal name is required.");
                }
                return TypedResults.Ok(await runtime.SignalAsync(request.SignalName.Trim(), request.Variables, http.User.UserName(), ct));
            })
            .RequireAuthorization(p => p.RequireRole(HubRoles.Administrator, HubRoles.Dispatcher))
            .WithTags("Signals")
            .WithSummary("Broadcasts a signal: every token waiting for it moves on, every process starting with it starts (200 even when nothing waits).");
        return endpoints;
    }
}
