using System.Text.Json.Nodes;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Features.ExternalTasks;
using WorkflowHub.Server.Identity;

namespace WorkflowHub.Server.Features.Conditions;

public sealed record ConditionRequest(Dictionary<string, JsonNode?>? Variables, string? BusinessKey, string? ProcessDefinitionKey);

/// <summary>Camunda 7's POST /engine-rest/condition body: typed variables, a business key, one definition by id.</summary>
public sealed record CamundaConditionBody(Dictionary<string, CamundaValue?>? Variables, string? BusinessKey, string? ProcessDefinitionId, string? TenantId);

/// <summary>What a condition evaluation started.</summary>
public sealed record ConditionAnswer(IReadOnlyList<ConditionalStartedInstance> Started);

/// <summary>
/// Conditional start events of a process (条件启动事件) start only when asked, as in Camunda 7: POST /api/conditions
/// (and Camunda's POST /engine-rest/condition) evaluates every latest definition's conditional start events with the
/// given variables and starts an instance at each whose condition holds. Administrators and dispatchers (问题收集组) may
/// ask, as for signals: the variables reach every process that listens.
/// </summary>
public static class ConditionEndpoints
{
    public const int MaxVariables = 100;
    public const int MaxBusinessKeyLength = 255;

    public static WebApplication MapHubConditions(this WebApplication app)
    {
        app.MapApiGroup("/api/conditions")
            .RequireAuthorization(p => p.RequireRole(HubRoles.Administrator, HubRoles.Dispatcher))
            .WithTags("Conditions")
            .MapPost("", async (ConditionRequest? request, IRuntimeService runtime, HttpContext http, CancellationToken ct) =>
            {
                var started = await runtime.EvaluateStartConditionsAsync(
                    Request(request?.Variables, request?.BusinessKey, Trimmed(request?.ProcessDefinitionKey, "processDefinitionKey"), null),
                    http.User.UserName(), ct);
                return TypedResults.Ok(new ConditionAnswer(started));
            })
            .WithSummary("Evaluates the conditional start events of the latest definitions with these variables and starts an instance at each that holds (200 with none started too).");

        app.MapApiGroup(ExternalTasksModule.CamundaRestPrefix + "/condition")
            .RequireAuthorization(p => p.RequireRole(HubRoles.Administrator, HubRoles.Dispatcher))
            .WithTags("Camunda 7 conditions")
            .MapPost("", async (CamundaConditionBody? body, IRuntimeService runtime, HttpContext http, CancellationToken ct) =>
            {
                if (!string.IsNullOrEmpty(body?.TenantId))
                {
                    throw ApiRequestException.Invalid("tenantId", "WorkflowHub has no tenants: leave tenantId out.");
                }
                var started = await runtime.EvaluateStartConditionsAsync(
                    Request(CamundaVariables.FromTyped(body?.Variables, "variables"), body?.BusinessKey, null, Trimmed(body?.ProcessDefinitionId, "processDefinitionId")),
                    http.User.UserName(), ct);
                // Camunda answers the started instances as ProcessInstanceDto.
                return Results.Json(started.Select(s => new
                {
                    links = Array.Empty<object>(),
                    id = s.Id,
                    definitionId = s.DefinitionId,
                    businessKey = s.BusinessKey,
                    caseInstanceId = (string?)null,
                    ended = false,
                    suspended = false,
                    tenantId = (string?)null,
                }));
            })
            .WithSummary("Camunda 7: evaluate the conditional start events with typed variables; answers the started process instances.");
        return app;
    }

    private static ConditionEvaluationRequest Request(Dictionary<string, JsonNode?>? variables, string? businessKey, string? key, string? definitionId)
    {
        if (variables is { Count: > MaxVariables })
        {
            throw ApiRequestException.Invalid("variables", $"Give at most {MaxVariables} variables.");
        }
        if (businessKey is { Length: > MaxBusinessKeyLength })
        {
            throw ApiRequestException.Invalid("businessKey", $"The business key is at most {MaxBusinessKeyLength} characters.");
        }
        return new ConditionEvaluationRequest(variables)
        {
            BusinessKey = string.IsNullOrWhiteSpace(businessKey) ? null : businessKey.Trim(),
            ProcessDefinitionKey = key,
            ProcessDefinitionId = definitionId,
        };
    }

    private static string? Trimmed(string? value, string field) => value switch
    {
        null => null,
        _ when string.IsNullOrWhiteSpace(value) => throw ApiRequestException.Invalid(field, $"{field} is empty."),
        _ => value.Trim(),
    };
}
