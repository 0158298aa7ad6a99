using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Features.Identity;
using WorkflowHub.Server.Features.Tasks.Actions;

namespace WorkflowHub.Server.Features.Tasks;

public sealed record AssignRequest(string? UserId = null);

public sealed record CompleteRequest(Dictionary<string, JsonNode?>? Variables = null, string? Comment = null);

/// <summary>Human tasks: the user's work list, claiming, handing over (leaders) and completing.</summary>
public static class TaskEndpoints
{
    public static IEndpointRouteBuilder MapTaskEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/tasks").WithTags("Tasks");

        group.MapGet("", ListAsync)
            .WithSummary("Open tasks the user may see: ?mine=true (assigned to me), ?candidate=true (offered to me or my groups, unassigned), " +
                         "dueBefore, overdue, businessKey, processKey, text (in the name, business key or process key), sort=created|due|priority, desc, page, pageSize.");

        group.MapGet("/{id}", async (string id, TaskAccess access, TaskViews views, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(await views.ViewAsync((await access.GetVisibleAsync(http.User, id, ct)).Task, ct)))
            .WithSummary("One task (404 when it does not exist or is not the user's to see).");

        group.MapPost("/{id}/claim", async (string id, TaskAccess access, ITaskService tasks, TaskViews views, HttpContext http, CancellationToken ct) =>
            {
                var (viewer, task) = await access.GetVisibleAsync(http.User, id, ct);
                if (!viewer.SeesAll && !TaskAccess.IsCandidate(viewer, task) && task.Assignee != viewer.UserName)
                {
                    throw new WorkflowConflictException($"Task '{id}' is not offered to you.");
                }
                await tasks.ClaimAsync(id, viewer.UserName, ct);
                return TypedResults.Ok(await views.ViewAsync((await tasks.GetAsync(id, ct))!, ct));
            })
            .WithSummary("Takes an unassigned task (409 when someone else has it).");

        group.MapPost("/{id}/unclaim", async (string id, TaskAccess access, ITaskService tasks, TaskViews views, HttpContext http, CancellationToken ct) =>
            {
                var (viewer, task) = await access.GetVisibleAsync(http.User, id, ct);
                if (task.Assignee != viewer.UserName && !viewer.MayReassign)
                {
                    throw new WorkflowConflictException(task.Assignee is null
                        ? $"Task '{id}' is not assigned."
                        : $"Task '{id}' is assigned to '{task.Assignee}'; only they, a leader or an administrator can give it back.");
                }
                await tasks.UnclaimAsync(id, viewer.UserName, ct);
                return TypedResults.Ok(await views.ViewAsync((await tasks.GetAsync(id, ct))!, ct));
            })
            .WithSummary("Gives a task back to its candidates.");

        group.MapPost("/{id}/assign", async (string id, AssignRequest request, TaskAccess access, UserDirectory directory, ITaskService tasks, TaskViews views, HttpContext http, CancellationToken ct) =>
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
                return TypedResults.Ok(await views.ViewAsync((await tasks.GetAsync(id, ct))!, ct));
            })
            .RequireAuthorization(HubPolicies.Leaders)
            .WithSummary("Assigns a task to a user (id or user name; empty to unassign): leaders and administrators.");

        group.MapPost("/{id}/complete", CompleteAsync)
            .WithSummary("Completes a task with the variables its form declares (administrators: any) and a comment; answers the instance's " +
                         "status and its open tasks the caller may see.");
        return endpoints;
    }

    private static async Task<Results<Ok<CompletionAnswer>, Accepted<CompletionAnswer>>> CompleteAsync(
        string id, CompleteRequest? request, TaskAccess access, ITaskService tasks, IRuntimeService runtime, TaskViews views,
        TaskCompletion completion, HttpContext http, CancellationToken ct)
    {
        var (viewer, task) = await access.GetVisibleAsync(http.User, id, ct);
        if (task.Assignee is not null && task.Assignee != viewer.UserName && !viewer.MayReassign)
        {
            throw new WorkflowConflictException($"Task '{id}' is assigned to '{task.Assignee}'.");
        }
        if (!viewer.IsAdministrator && request?.Variables is { Count: > 0 } given)
        {
            // Only what the form declares: a variable it does not name may steer later gateways and tasks.
            var instance = await runtime.GetInstanceAsync(task.InstanceId, ct);
            var declared = await views.FormFieldsAsync(task, instance?.Summary.ProcessVersion, ct);
            var refused = given.Keys.Where(name => declared?.Contains(name) != true).ToList();
            if (refused.Count > 0)
            {
                throw new ApiRequestException(new HttpValidationProblemDetails(refused.ToDictionary(
                    name => $"variables.{name}",
                    name => new[]
                    {
                        declared is null
                            ? $"The task '{task.ElementId}' declares no form fields, so '{name}' cannot be written."
                            : $"The task's form does not declare '{name}'; it declares {string.Join(", ", declared.Order(StringComparer.Ordinal))}.",
                    }))
                {
                    Status = 400,
                    Title = "One or more values are invalid",
                });
            }
        }
        if (task.Assignee is null && !viewer.MayReassign)
        {
            // Completing an offered task takes it first, so history records who did it.
            await tasks.ClaimAsync(id, viewer.UserName, ct);
        }
        // Delegation (委派) and co-signers (加签) decide whether the engine completes now or the task waits (202).
        var status = await completion.CompleteAsync(task, viewer.UserName, TaskActionKind.Complete, request?.Variables,
            string.IsNullOrWhiteSpace(request?.Comment) ? null : request.Comment, ct);
        if (status is { } ended && ended != InstanceStatus.Running)
        {
            // The instance ended in this step, so it has no open tasks: nothing to read again (the last task of every
            // instance; these two reads were about a seventh of the server's CPU on issue 15's HTTP path).
            return TypedResults.Ok(new CompletionAnswer(id, task.InstanceId, ended, []));
        }
        var after = await runtime.GetInstanceAsync(task.InstanceId, ct);
        var open = await access.VisibleTasksOfAsync(http.User, task.InstanceId, ct);
        var answer = new CompletionAnswer(id, task.InstanceId, after?.Summary.Status, await views.ViewAsync(open, after, ct));
        return status is not null ? TypedResults.Ok(answer) : TypedResults.Accepted((string?)null, answer);
    }

    private static async Task<Ok<PagedList<TaskView>>> ListAsync(
        string? mine, string? candidate, string? dueBefore, string? overdue, string? businessKey, string? processKey, string? text,
        string? sort, string? desc, string? page, string? pageSize,
        TaskAccess access, ITaskService tasks, TaskViews views, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(http.User, ct);
        var paging = ApiRequest.Paging(http, page, pageSize);
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
            Text = SearchText(text),
            Sort = ApiRequest.Enum<TaskSort>(sort, "sort") ?? TaskSort.Created,
            Descending = ApiRequest.Bool(desc, "desc"),
            PageNumber = paging.Number,
            PageSize = paging.Size,
        };
        if (ApiRequest.Bool(candidate, "candidate"))
        {
            query = query with { CandidateUser = viewer.UserName, CandidateGroups = viewer.Groups, UnassignedOnly = true };
        }
        var found = PagedList<TaskInfo>.From(await tasks.QueryAsync(query, ct));
        return TypedResults.Ok(found.With(await views.ViewAsync(found.Items, ct)));
    }

    public const int MaxSearchTextLength = 100;

    private static string? SearchText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return text.Trim().Length <= MaxSearchTextLength
            ? text.Trim()
            : throw ApiRequestException.Invalid("text", $"The search text is longer than {MaxSearchTextLength} characters.");
    }
}
