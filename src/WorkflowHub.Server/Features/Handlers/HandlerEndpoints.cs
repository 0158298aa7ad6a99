using WorkflowHub.Engine.Services;

namespace WorkflowHub.Server.Features.Handlers;

public sealed record HandlerDto(string Topic, string? Description, IReadOnlyList<HandlerParameter> Parameters);

/// <summary>The service-task topics flow designers may use, with their parameters.</summary>
public static class HandlerEndpoints
{
    public static IEndpointRouteBuilder MapHandlerEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/handlers", (IHandlerRegistry handlers) => TypedResults.Ok(handlers.All
                .OrderBy(h => h.Topic, StringComparer.Ordinal)
                .Select(h => new HandlerDto(h.Topic, h.Description, h.Parameters))
                .ToList()))
            .WithTags("Handlers")
            .WithSummary("The registered service-task handlers (camunda:topic) and the inputs they read.");
        return endpoints;
    }
}
