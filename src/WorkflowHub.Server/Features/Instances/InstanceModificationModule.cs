using System.Text.Json.Nodes;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Localization;

namespace WorkflowHub.Server.Features.Instances;

/// <summary>One instruction as the API takes it: <c>type</c> is startBeforeActivity, startAfterActivity or cancel.</summary>
public sealed record ModifyInstructionRequest(string? Type, string? ActivityId = null, string? ActivityInstanceId = null, string? AncestorActivityInstanceId = null);

public sealed record ModifyInstanceRequest(List<ModifyInstructionRequest?>? Instructions, Dictionary<string, JsonNode?>? Variables = null, string? Reason = null);

/// <summary>
/// 实例修改: <c>POST /api/instances/{id}/modify</c> moves tokens of a stuck or mis-routed instance as Camunda Cockpit
/// does (issue 13, "Operating a stuck instance"). Administrators only, like editing variables and retrying incidents:
/// it can skip any step of a flow, which no supervising or leading role should do unseen.
/// </summary>
public static class InstanceModificationModule
{
    public const int MaxReasonLength = 500;

    public static IServiceCollection AddHubInstanceModification(this IServiceCollection services) =>
        services.AddProblemTexts<InstanceModificationText>();

    public static WebApplication MapHubInstanceModification(this WebApplication app)
    {
        app.MapApiGroup("/api")
            .MapPost("/instances/{id}/modify", async (string id, ModifyInstanceRequest? request, IInstanceModificationService modification,
                HttpContext http, CancellationToken ct) =>
            {
                var result = await modification.ModifyAsync(id, Read(request), http.User.UserName(), ct);
                return TypedResults.Ok(result);
            })
            .WithTags("Instances")
            .RequireAuthorization(HubPolicies.Administrators)
            .WithSummary("实例修改: cancels tokens and starts others before or after elements, with variables and a reason, as one step (Administrators).");
        return app;
    }

    /// <summary>Checks the request's shape; whether the elements and tokens exist is the engine's to say.</summary>
    internal static InstanceModification Read(ModifyInstanceRequest? request)
    {
        if (request?.Instructions is not { Count: > 0 } instructions)
        {
            throw ApiRequestException.Invalid("instructions", "Give at least one instruction (startBeforeActivity, startAfterActivity or cancel).");
        }
        var read = new List<ModificationInstruction>(instructions.Count);
        for (var i = 0; i < instructions.Count; i++)
        {
            var item = instructions[i] ?? throw ApiRequestException.Invalid($"instructions[{i}]", "An instruction must be an object.");
            var kind = item.Type?.Trim().ToLowerInvariant() switch
            {
                "startbeforeactivity" => ModificationKind.StartBeforeActivity,
                "startafteractivity" => ModificationKind.StartAfterActivity,
                "cancel" => ModificationKind.Cancel,
                _ => throw ApiRequestException.Invalid($"instructions[{i}].type", "The type must be startBeforeActivity, startAfterActivity or cancel."),
            };
            var activityId = InstanceEndpoints.Blank(item.ActivityId);
            var tokenId = InstanceEndpoints.Blank(item.ActivityInstanceId);
            if (kind == ModificationKind.Cancel && (activityId is null) == (tokenId is null))
            {
                throw ApiRequestException.Invalid($"instructions[{i}]", "A cancel names either an activityInstanceId or an activityId (every token there).");
            }
            read.Add(new ModificationInstruction(kind, activityId, tokenId, InstanceEndpoints.Blank(item.AncestorActivityInstanceId)));
        }
        if (request.Variables is { Count: > InstanceVariablesEndpoint.MaxVariables })
        {
            throw ApiRequestException.Invalid("variables", $"Give at most {InstanceVariablesEndpoint.MaxVariables} variables.");
        }
        var reason = InstanceEndpoints.Blank(request.Reason);
        if (reason is { Length: > MaxReasonLength })
        {
            throw ApiRequestException.Invalid("reason", $"The reason is longer than {MaxReasonLength} characters.");
        }
        return new InstanceModification(read, request.Variables, reason);
    }
}
