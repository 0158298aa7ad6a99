using System.Text.Json.Nodes;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;

namespace WorkflowHub.Server.Features.Instances;

public sealed record SetVariablesRequest(Dictionary<string, JsonNode?>? Variables);

/// <summary>PATCH /api/instances/{id}/variables: administrators set variables of a running instance (history records each).</summary>
public static class InstanceVariablesEndpoint
{
    public const int MaxVariables = 100;

    public static IEndpointRouteBuilder MapInstanceVariablesEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPatch("/instances/{id}/variables", async (string id, SetVariablesRequest request, IInstanceVariableService variables, HttpContext http, CancellationToken ct) =>
            {
                if (request.Variables is not { Count: > 0 and <= MaxVariables })
                {
                    throw ApiRequestException.Invalid("variables", $"Give 1 to {MaxVariables} variables.");
                }
                var bad = request.Variables.Keys.FirstOrDefault(k => string.IsNullOrWhiteSpace(k) || k.Length > 200);
                if (bad is not null)
                {
                    throw ApiRequestException.Invalid("variables", $"The variable name '{bad}' is empty or too long.");
                }
                await variables.SetAsync(id, request.Variables, http.User.UserName(), ct);
                return TypedResults.NoContent();
            })
            .WithTags("Instances")
            .RequireAuthorization(HubPolicies.Administrators)
            .WithSummary("Sets variables of a running instance (Administrators); each change is in its history.");
        return endpoints;
    }
}
