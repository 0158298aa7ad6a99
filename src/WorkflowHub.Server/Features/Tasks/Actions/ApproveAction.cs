using System.Text.Json.Nodes;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Server.Features.Tasks.Actions;

/// <summary>
/// 通过 / 不通过: completes the task with <c>outcome</c> = "approved" / "rejected" (and <c>approved</c> true/false) and
/// the opinion, which both require (ruoyi-vue-pro's 审批意见).
/// </summary>
public static class ApproveAction
{
    public const string OutcomeVariable = "outcome";
    public const string ApprovedVariable = "approved";
    public const string OpinionVariable = "opinion";

    public static void Map(RouteGroupBuilder tasks)
    {
        tasks.MapPost("/{id}/approve", (string id, CompletionRequest? request, TaskActions actions, TaskCompletion completion, HttpContext http, CancellationToken ct) =>
                DecideAsync(id, true, request, actions, completion, http, ct))
            .WithSummary("通过: completes with outcome=approved and a required opinion (202 when co-signers after the owner still act).");
        tasks.MapPost("/{id}/reject", (string id, CompletionRequest? request, TaskActions actions, TaskCompletion completion, HttpContext http, CancellationToken ct) =>
                DecideAsync(id, false, request, actions, completion, http, ct))
            .WithSummary("不通过: completes with outcome=rejected and a required opinion.");
    }

    private static async Task<IResult> DecideAsync(string id, bool approved, CompletionRequest? request, TaskActions actions,
        TaskCompletion completion, HttpContext http, CancellationToken ct)
    {
        var opinion = TaskActions.RequireReason(request?.Opinion, "opinion");
        var (viewer, task) = await actions.HeldAsync(http.User, id, ct);
        var variables = new Dictionary<string, JsonNode?>(request?.Variables ?? [], StringComparer.Ordinal)
        {
            [OutcomeVariable] = approved ? "approved" : "rejected",
            [ApprovedVariable] = approved,
            [OpinionVariable] = opinion,
        };
        var after = await completion.CompleteAsync(task, viewer.UserName, approved ? TaskActionKind.Approve : TaskActionKind.Reject, variables, opinion, ct);
        return after is not null ? TypedResults.NoContent() : TypedResults.Accepted((string?)null, new { waitsForCoSigners = true });
    }
}
