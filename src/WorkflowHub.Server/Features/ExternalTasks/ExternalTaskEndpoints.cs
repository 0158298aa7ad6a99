using Microsoft.Extensions.Options;
using WorkflowHub.Engine.ExternalTasks;
using WorkflowHub.Server.Api;

namespace WorkflowHub.Server.Features.ExternalTasks;

/// <summary>
/// The external-task protocol under /api/external-tasks (plain JSON variables): workers fetch and lock tasks by
/// topic with long polling, then complete them, report a failure or a BPMN error, extend or give back the lock.
/// A worker that is not the one holding the task gets 409; an unknown id 404.
/// </summary>
public static class ExternalTaskEndpoints
{
    public static RouteGroupBuilder MapExternalTaskEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/fetch-and-lock", async (FetchAndLockBody? body, IExternalTaskService tasks, IOptions<ExternalTaskOptions> limits,
                HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(await tasks.FetchAndLockAsync(ExternalTaskRequests.Fetch(body, limits.Value, http.User.UserName()), ct)))
            .WithSummary("Locks up to maxTasks tasks of the topics for the worker; waits up to asyncResponseTimeout (ms) for one when none is free.");

        group.MapPost("/{id}/complete", async (string id, CompleteBody? body, IExternalTaskService tasks, HttpContext http, CancellationToken ct) =>
            {
                await tasks.CompleteAsync(id, ExternalTaskRequests.WorkerId(body?.WorkerId), body?.Variables, body?.LocalVariables, http.User.UserName(), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Completes the task: the token moves on with the variables, in one step.");

        group.MapPost("/{id}/failure", async (string id, FailureBody? body, IExternalTaskService tasks, IOptions<ExternalTaskOptions> limits,
                HttpContext http, CancellationToken ct) =>
            {
                await tasks.HandleFailureAsync(ExternalTaskRequests.Failure(id, body, limits.Value, http.User.UserName()), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Reports a failure: retries left (0 raises an incident); not fetched again before retryTimeout (ms).");

        group.MapPost("/{id}/bpmn-error", async (string id, BpmnErrorBody? body, IExternalTaskService tasks, HttpContext http, CancellationToken ct) =>
            {
                await tasks.HandleBpmnErrorAsync(id, ExternalTaskRequests.WorkerId(body?.WorkerId), body?.ErrorCode ?? "", body?.ErrorMessage,
                    body?.Variables, http.User.UserName(), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Throws a BPMN error at the task, caught by an error boundary event as an error end event's would be.");

        group.MapPost("/{id}/extend-lock", async (string id, ExtendLockBody? body, IExternalTaskService tasks, IOptions<ExternalTaskOptions> limits,
                HttpContext http, CancellationToken ct) =>
            {
                var duration = ExternalTaskRequests.Milliseconds(body?.NewDuration ?? 0, "newDuration", limits.Value.MaxLockDuration, allowZero: false);
                await tasks.ExtendLockAsync(id, ExternalTaskRequests.WorkerId(body?.WorkerId), duration, http.User.UserName(), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Sets the lock of the worker's task to newDuration (ms) from now.");

        group.MapPost("/{id}/lock", async (string id, LockBody? body, IExternalTaskService tasks, IOptions<ExternalTaskOptions> limits,
                HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(await tasks.LockAsync(id, ExternalTaskRequests.WorkerId(body?.WorkerId),
                    ExternalTaskRequests.Milliseconds(body?.LockDuration ?? 0, "lockDuration", limits.Value.MaxLockDuration, allowZero: false),
                    http.User.UserName(), ct)))
            .WithSummary("Locks one task by id for the worker (409 while another worker's lock holds).");

        group.MapPost("/{id}/unlock", async (string id, IExternalTaskService tasks, HttpContext http, CancellationToken ct) =>
            {
                await tasks.UnlockAsync(id, http.User.UserName(), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Gives the task back: any worker may fetch it at once.");

        group.MapGet("", async (string? topicName, string? processInstanceId, string? workerId, string? locked, string? withRetriesLeft,
                string? page, string? pageSize, IExternalTaskService tasks, HttpContext http, CancellationToken ct) =>
            {
                var paging = ApiRequest.Paging(http, page, pageSize);
                return TypedResults.Ok(PagedList<ExternalTaskInfo>.From(await tasks.QueryAsync(new ExternalTaskQuery
                {
                    TopicName = NullIfBlank(topicName),
                    ProcessInstanceId = NullIfBlank(processInstanceId),
                    WorkerId = NullIfBlank(workerId),
                    Locked = string.IsNullOrWhiteSpace(locked) ? null : ApiRequest.Bool(locked, "locked"),
                    WithRetriesLeft = string.IsNullOrWhiteSpace(withRetriesLeft) ? null : ApiRequest.Bool(withRetriesLeft, "withRetriesLeft"),
                    Page = paging.Number,
                    PageSize = paging.Size,
                }, ct)));
            })
            .WithSummary("Open external tasks (topicName, processInstanceId, workerId, locked, withRetriesLeft, page, pageSize).");

        group.MapGet("/{id}", async (string id, IExternalTaskService tasks, CancellationToken ct) =>
                await tasks.GetAsync(id, ct) is { } task ? Results.Ok(task) : throw new Engine.Services.WorkflowNotFoundException($"External task '{id}' does not exist."))
            .WithSummary("One open external task.");
        return group;
    }

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
