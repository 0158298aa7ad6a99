using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;

namespace WorkflowHub.Server.Features.Handlers;

public sealed record HandlerDto(string Topic, string? Description, IReadOnlyList<HandlerParameter> Parameters);

/// <summary>The service-task topics flow designers may use, with their parameters.</summary>
public static class HandlerEndpoints
{
    public static IEndpointRouteBuilder MapHandlerEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/handlers", (string? page, string? pageSize, IHandlerRegistry handlers, HttpContext http) => TypedResults.Ok(PagedList<HandlerDto>.Slice(
                handlers.All
                    .OrderBy(h => h.Topic, StringComparer.Ordinal)
                    .Select(h => new HandlerDto(h.Topic, h.Description, h.Parameters))
                    .ToList(),
                ApiRequest.Paging(http, page, pageSize))))
            .WithTags("Handlers")
            .WithSummary("The registered service-task handlers (camunda:topic) and the inputs they read.");
        return endpoints;
    }
}
