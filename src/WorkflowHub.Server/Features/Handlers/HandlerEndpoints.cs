using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Localization;

namespace WorkflowHub.Server.Features.Handlers;

public sealed record HandlerDto(string Topic, string? Description, IReadOnlyList<HandlerParameter> Parameters);

/// <summary>The service-task topics flow designers may use, with their parameters.</summary>
public static class HandlerEndpoints
{
    public static IEndpointRouteBuilder MapHandlerEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Descriptions are written in English and shown in the caller's language, as problem texts are.
        endpoints.MapGet("/handlers", (string? page, string? pageSize, IHandlerRegistry handlers, ProblemTranslator translator, HttpContext http) => TypedResults.Ok(PagedList<HandlerDto>.Slice(
                handlers.All
                    .OrderBy(h => h.Topic, StringComparer.Ordinal)
                    .Select(h => new HandlerDto(h.Topic, h.Description is null ? null : translator.Translate(h.Description),
                        [.. h.Parameters.Select(p => p.Description is null ? p : p with { Description = translator.Translate(p.Description) })]))
                    .ToList(),
                ApiRequest.Paging(http, page, pageSize))))
            .WithTags("Handlers")
            .WithSummary("The registered service-task handlers (camunda:topic) and the inputs they read.");
        return endpoints;
    }
}
