using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using WorkflowHub.Engine;
using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Localization;

namespace WorkflowHub.Server.Features.Definitions;

public sealed record DeploymentAnswer(string DeploymentId, IReadOnlyList<DeployedProcess> Processes, IReadOnlyList<ProblemDto> Warnings);

public sealed record ValidationAnswer(bool Valid, IReadOnlyList<string> Processes, IReadOnlyList<ProblemDto> Problems);

/// <summary>Deploying (administrators) and reading BPMN definitions.</summary>
public static class DefinitionEndpoints
{
    private static readonly string[] XmlTypes = ["text/xml", "application/xml", "application/bpmn+xml"];

    public static IEndpointRouteBuilder MapDefinitionEndpoints(this IEndpointRouteBuilder endpoints, long maxBpmnBytes)
    {
        var group = endpoints.MapGroup("/definitions").WithTags("Definitions")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(maxBpmnBytes));

        group.MapPost("", DeployAsync)
            .RequireAuthorization(HubPolicies.Administrators)
            .Accepts<string>(XmlTypes[0], XmlTypes[1..])
            .WithSummary("Deploys a BPMN file (the body, as text/xml or application/xml); every changed process gets a new version (201); " +
                         "a file whose processes are all unchanged answers 200 with the existing versions.");

        group.MapPost("/validate", ValidateAsync)
            .Accepts<string>(XmlTypes[0], XmlTypes[1..])
            .WithSummary("Checks a BPMN file without deploying it: its problems with line, column and element.");

        group.MapGet("", async (string? page, string? pageSize, IDefinitionService definitions, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(PagedList<DefinitionInfo>.Slice(await definitions.ListLatestAsync(ct), ApiRequest.Paging(http, page, pageSize))))
            .WithSummary("The latest version of every process, a page at a time.");

        group.MapGet("/{key}/versions", async Task<Results<Ok<PagedList<DefinitionInfo>>, NotFound>> (
                string key, string? page, string? pageSize, IDefinitionService definitions, HttpContext http, CancellationToken ct) =>
            {
                var paging = ApiRequest.Paging(http, page, pageSize);
                var versions = await definitions.ListVersionsAsync(key, ct);
                return versions.Count == 0 ? TypedResults.NotFound() : TypedResults.Ok(PagedList<DefinitionInfo>.Slice(versions, paging));
            })
            .WithSummary("Every deployed version of a process.");

        group.MapGet("/{key}/xml", async Task<Results<ContentHttpResult, NotFound>> (string key, string? version, IDefinitionService definitions, CancellationToken ct) =>
            {
                var number = string.IsNullOrEmpty(version) ? (int?)null : ApiRequest.Int(version, "version", 1, 1, int.MaxValue);
                var xml = await definitions.GetXmlAsync(key, number, ct);
                return xml is null ? TypedResults.NotFound() : TypedResults.Content(xml, "application/xml; charset=utf-8");
            })
            .WithSummary("The BPMN XML of a version (the latest without ?version=).");
        group.MapDefinitionUsageEndpoints();
        return endpoints;
    }

    private static async Task<Results<Created<DeploymentAnswer>, Ok<DeploymentAnswer>>> DeployAsync(
        HttpRequest request, IDefinitionService definitions, IOptions<EngineOptions> engine, ProblemTranslator translator, string? name, CancellationToken ct)
    {
        var xml = await ReadXmlAsync(request, engine.Value.MaxBpmnBytes, ct);
        var resource = string.IsNullOrWhiteSpace(name) ? "upload.bpmn" : name.Trim();
        var result = await definitions.DeployAsync(resource, xml, request.HttpContext.User.UserName(), ct);
        var first = result.Processes.FirstOrDefault();
        var answer = new DeploymentAnswer(result.DeploymentId, result.Processes, result.Warnings.Select(p => translator.Dto(p)).ToList());
        // The same XML again creates nothing: 200 with the versions already deployed.
        if (result.Processes.Count > 0 && result.Processes.All(p => !p.IsNew))
        {
            return TypedResults.Ok(answer);
        }
        return TypedResults.Created(first is null ? "/api/definitions" : $"/api/definitions/{first.Key}/versions", answer);
    }

    private static async Task<Ok<ValidationAnswer>> ValidateAsync(
        HttpRequest request, IDefinitionService definitions, IOptions<EngineOptions> engine, ProblemTranslator translator, CancellationToken ct)
    {
        var xml = await ReadXmlAsync(request, engine.Value.MaxBpmnBytes, ct);
        var document = definitions.Validate(xml);
        return TypedResults.Ok(new ValidationAnswer(
            !document.HasErrors,
            document.Processes.Select(p => p.Key).ToList(),
            document.Problems.Select(p => translator.Dto(p)).ToList()));
    }

    /// <summary>The body's bytes: the XML declaration names their encoding, and the parser decodes them (strictly).</summary>
    private static async Task<byte[]> ReadXmlAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        var type = request.GetTypedHeaders().ContentType?.MediaType.Value;
        if (type is null || !XmlTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
        {
            throw new ApiRequestException(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status415UnsupportedMediaType,
                Title = "Unsupported media type",
                Detail = "Send the BPMN file as the body with Content-Type text/xml or application/xml.",
            });
        }
        var xml = await ApiRequest.ReadBodyAsync(request, limit, ct);
        return xml.AsSpan().Trim(" \t\r\n"u8).IsEmpty ? throw ApiRequestException.Invalid("body", "The body is empty; send the BPMN XML.") : xml;
    }
}
