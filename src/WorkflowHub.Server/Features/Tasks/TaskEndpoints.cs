using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Features.Identity;
using WorkflowHub.Server.Features.Tasks.Actions;

namespace WorkflowHub.Server.Features.Tasks;

public sealed record AssignRequest(string? UserId);

public sealed record CompleteRequest(Dictionary<string, JsonNode?>? Variables, string? Comment);

/// <summary>Human tasks: the user's work list, claiming, handing over (leaders) and completing.</summary>
public static class TaskEndpoints
{
    public static IEndpointRouteBuilder MapTaskEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/tasks").WithTags("Tasks");

        group.MapGet("", ListAsync)
            .WithSummary("Open tasks the user may see: ?mine=true (assigned to me), ?candidate=true (offered to me or my groups, unassigned), " +
                         "dueBefore, overdue, businessKey, processKey, sort=created|due|priority, desc, page, pageSize.");

        group.MapGet("/{id}", async (string id, TaskAccess access, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok((await access.GetVisibleAsync(http.User, id, ct)).Task))
            .WithSummary("One task (404 when it does not exist or is not the user's to see).");

        group.MapPost("/{id}/claim", async (string id, TaskAccess access, ITaskService tasks, HttpContext http, CancellationToken ct) =>
            {
                var (viewer, task) = await access.GetVisibleAsync(http.User, id, ct);
                if (!viewer.SeesAll && !TaskAccess.IsCandidate(viewer, task) && task.Assignee != viewer.UserName)
                {
                    throw new WorkflowConflictException($"Task '{id}' is not offered to you.");
                }
                await tasks.ClaimAsync(id, viewer.UserName, ct);
                return TypedResults.Ok(await tasks.GetAsync(id, ct));
            })
            .WithSummary("Takes an unassigned task (409 when someone else has it).");

        group.MapPost("/{id}/unclaim", async (string id, TaskAccess access, ITaskService tasks, HttpContext http, CancellationToken ct) =>
            {
                var (viewer, task) = await access.GetVisibleAsync(http.User, id, ct);
                if (task.Assignee != viewer.UserName && !viewer.MayReassign)
                {
                    throw new WorkflowConflictException(task.Assignee is null
                        ? $"Task '{id}' is not assigned."
                        : $"Task '{id}' is assigned to '{task.Assignee}'; only they, a leader or an administrator can give it back.");
                }
                await tasks.UnclaimAsync(id, viewer.UserName, ct);
                return TypedResults.Ok(await tasks.GetAsync(id, ct));
            })
            .WithSummary("Gives a task back to its candidates.");

        group.MapPost("/{id}/assign", async (string id, AssignRequest request, TaskAccess access, UserDirectory directory, ITaskService tasks, HttpContext http, CancellationToken ct) =>
            {
                var (viewer, _) = await access.GetVisibleAsync(http.User, id, ct);
                string? assignee = null;
                if (!string.IsNullOrWhiteSpace(request.UserId))
                {
                    var user = await directory.FindAsync(request.UserId.Trim())
                        ?? throw ApiRequestException.Invalid("userId", $"There is no user '{request.UserId}'.");
                    assignee = user.UserName;
                }
                await tasks.AssignAsync(id, assignee, viewer.UserName, ct);
                return TypedResults.Ok(await tasks.GetAsync(id, ct));
            })
            .RequireAuthorization(HubPolicies.Leaders)
            .WithSummary("Assigns a task to a user (id or user name; empty to unassign): leaders and administrators.");

        group.MapPost("/{id}/complete", async (string id, CompleteRequest? request, TaskAccess access, ITaskService tasks, TaskCompletion completion,
                HttpContext http, CancellationToken ct) =>
            {
                var (viewer, task) = await access.GetVisibleAsync(http.User, id, ct);
                if (task.Assignee is not null && task.Assignee != viewer.UserName && !viewer.MayReassign)
                {
                    throw new WorkflowConflictException($"Task '{id}' is assigned to '{task.Assignee}'.");
                }
                if (task.Assignee is null && !viewer.MayReassign)
                {
                    // Completing an offered task takes it first, so history records who did it.
                    await tasks.ClaimAsync(id, viewer.UserName, ct);
                }
                var done = await completion.CompleteAsync(task, viewer.UserName, TaskActionKind.Complete, request?.Variables,
                    string.IsNullOrWhiteSpace(request?.Comment) ? null : request.Comment, ct);
                return done ? Results.NoContent() : Results.Accepted();
            })
            .WithSummary("Completes a task with variables and a comment; the flow moves on.");
        return endpoints;
    }

    private static async Task<Ok<Page<TaskInfo>>> ListAsync(
        string? mine, string? candidate, string? dueBefore, string? overdue, string? businessKey, string? processKey,
        string? sort, string? desc, string? page, string? pageSize,
        TaskAccess access, ITaskService tasks, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(http.User, ct);
        var (number, size) = ApiRequest.Paging(http, page, pageSize);
        var due = ApiRequest.Date(dueBefore, "dueBefore");
        if (ApiRequest.Bool(overdue, "overdue"))
        {
            var now = time.GetUtcNow();
            due = due is null || now < due ? now : due;
        }
        var query = new TaskQuery
        {
            Assignee = ApiRequest.Bool(mine, "mine") ? viewer.UserName : null,
            InvolvedUser = viewer.SeesAll ? null : viewer.UserName,
            InvolvedGroups = viewer.SeesAll ? null : viewer.Groups,
            DueBefore = due,
            BusinessKey = string.IsNullOrWhiteSpace(businessKey) ? null : businessKey,
            ProcessKey = string.IsNullOrWhiteSpace(processKey) ? null : processKey,
            Sort = ApiRequest.Enum<TaskSort>(sort, "sort") ?? TaskSort.Created,
            Descending = ApiRequest.Bool(desc, "desc"),
            PageNumber = number,
            PageSize = size,
        };
        if (ApiRequest.Bool(candidate, "candidate"))
        {
            query = query with { CandidateUser = viewer.UserName, CandidateGroups = viewer.Groups, UnassignedOnly = true };
        }
        return TypedResults.Ok(await tasks.QueryAsync(query, ct));
    }
}
