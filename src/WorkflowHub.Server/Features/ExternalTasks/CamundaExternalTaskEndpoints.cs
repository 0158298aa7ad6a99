using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using WorkflowHub.Engine.ExternalTasks;
using WorkflowHub.Server.Api;

namespace WorkflowHub.Server.Features.ExternalTasks;

/// <summary>A Camunda worker's complete body: typed variables.</summary>
public sealed record CamundaCompleteBody(string? WorkerId, Dictionary<string, CamundaValue?>? Variables, Dictionary<string, CamundaValue?>? LocalVariables);

/// <summary>A Camunda worker's bpmnError body: typed variables.</summary>
public sealed record CamundaBpmnErrorBody(string? WorkerId, string? ErrorCode, string? ErrorMessage, Dictionary<string, CamundaValue?>? Variables);

/// <summary>
/// Camunda 7's external-task REST API at /engine-rest/external-task, so Camunda's own worker clients run against
/// WorkflowHub with only their base URL and a bearer token changed: the same paths, bodies, typed variables, answer
/// fields and date format, and Camunda's error body (<c>{type, message, code}</c>; a worker that does not hold the
/// task is a 400 BadUserRequestException, as Camunda answers).
/// </summary>
public static class CamundaExternalTaskEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapCamundaExternalTaskEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/fetchAndLock", async (FetchAndLockBody? body, IExternalTaskService tasks, IOptions<ExternalTaskOptions> limits,
                HttpContext http, CancellationToken ct) =>
            {
                var locked = await tasks.FetchAndLockAsync(ExternalTaskRequests.Fetch(body, limits.Value, http.User.UserName()), ct);
                return JsonAnswer(new JsonArray(locked.Select(ToCamunda).ToArray<JsonNode?>()));
            })
            .WithSummary("Camunda 7: fetch and lock (long polling with asyncResponseTimeout).");

        group.MapPost("/{id}/complete", async (string id, CamundaCompleteBody? body, IExternalTaskService tasks, HttpContext http, CancellationToken ct) =>
            {
                await tasks.CompleteAsync(id, ExternalTaskRequests.WorkerId(body?.WorkerId),
                    CamundaVariables.FromTyped(body?.Variables, "variables"), CamundaVariables.FromTyped(body?.LocalVariables, "localVariables"),
                    http.User.UserName(), ct);
                return Results.NoContent();
            })
            .WithSummary("Camunda 7: complete with typed variables.");

        group.MapPost("/{id}/failure", async (string id, FailureBody? body, IExternalTaskService tasks, IOptions<ExternalTaskOptions> limits,
                HttpContext http, CancellationToken ct) =>
            {
                await tasks.HandleFailureAsync(ExternalTaskRequests.Failure(id, body, limits.Value, http.User.UserName()), ct);
                return Results.NoContent();
            })
            .WithSummary("Camunda 7: handle failure (retries, retryTimeout; 0 retries raises an incident).");

        group.MapPost("/{id}/bpmnError", async (string id, CamundaBpmnErrorBody? body, IExternalTaskService tasks, HttpContext http, CancellationToken ct) =>
            {
                await tasks.HandleBpmnErrorAsync(id, ExternalTaskRequests.WorkerId(body?.WorkerId), body?.ErrorCode ?? "", body?.ErrorMessage,
                    CamundaVariables.FromTyped(body?.Variables, "variables"), http.User.UserName(), ct);
                return Results.NoContent();
            })
            .WithSummary("Camunda 7: handle a BPMN error.");

        group.MapPost("/{id}/extendLock", async (string id, ExtendLockBody? body, IExternalTaskService tasks, IOptions<ExternalTaskOptions> limits,
                HttpContext http, CancellationToken ct) =>
            {
                var duration = ExternalTaskRequests.Milliseconds(body?.NewDuration ?? 0, "newDuration", limits.Value.MaxLockDuration, allowZero: false);
                await tasks.ExtendLockAsync(id, ExternalTaskRequests.WorkerId(body?.WorkerId), duration, http.User.UserName(), ct);
                return Results.NoContent();
            })
            .WithSummary("Camunda 7: extend the lock.");

        group.MapPost("/{id}/lock", async (string id, LockBody? body, IExternalTaskService tasks, IOptions<ExternalTaskOptions> limits,
                HttpContext http, CancellationToken ct) =>
            {
                await tasks.LockAsync(id, ExternalTaskRequests.WorkerId(body?.WorkerId),
                    ExternalTaskRequests.Milliseconds(body?.LockDuration ?? 0, "lockDuration", limits.Value.MaxLockDuration, allowZero: false),
                    http.User.UserName(), ct);
                return Results.NoContent();
            })
            .WithSummary("Camunda 7: lock one task by id.");

        group.MapPost("/{id}/unlock", async (string id, IExternalTaskService tasks, HttpContext http, CancellationToken ct) =>
            {
                await tasks.UnlockAsync(id, http.User.UserName(), ct);
                return Results.NoContent();
            })
            .WithSummary("Camunda 7: unlock.");

        group.MapGet("", async (HttpContext http, IExternalTaskService tasks, CancellationToken ct) =>
            {
                var page = await tasks.QueryAsync(Query(http, firstResult: true), ct);
                return JsonAnswer(new JsonArray(page.Items.Select(ToCamunda).ToArray<JsonNode?>()));
            })
            .WithSummary("Camunda 7: external tasks (topicName, processInstanceId, workerId, activityId, locked, notLocked, withRetriesLeft, noRetriesLeft, firstResult, maxResults).");

        group.MapGet("/count", async (HttpContext http, IExternalTaskService tasks, CancellationToken ct) =>
                JsonAnswer(new JsonObject { ["count"] = (await tasks.QueryAsync(Query(http, firstResult: false) with { PageSize = 1 }, ct)).Total }))
            .WithSummary("Camunda 7: how many external tasks match.");

        group.MapGet("/{id}", async (string id, IExternalTaskService tasks, CancellationToken ct) =>
                JsonAnswer(ToCamunda(await tasks.GetAsync(id, ct) ?? throw new Engine.Services.WorkflowNotFoundException($"External task '{id}' does not exist."))))
            .WithSummary("Camunda 7: one external task.");
        return group;
    }

    /// <summary>Camunda's query parameters; maxResults at most 500 (the engine's page limit), 500 when absent.</summary>
    private static ExternalTaskQuery Query(HttpContext http, bool firstResult)
    {
        var q = http.Request.Query;
        string? Text(string name) => string.IsNullOrWhiteSpace(q[name]) ? null : q[name].ToString();
        bool Flag(string name) => Text(name) is { } v && ApiRequest.Bool(v, name);
        int Number(string name, int fallback, int min, int max)
        {
            if (Text(name) is not { } v)
            {
                return fallback;
            }
            return int.TryParse(v, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
                ? n
                : throw ApiRequestException.Invalid(name, $"{name} must be a whole number from {min} to {max}.");
        }
        return new ExternalTaskQuery
        {
            TopicName = Text("topicName"),
            ProcessInstanceId = Text("processInstanceId"),
            WorkerId = Text("workerId"),
            ActivityId = Text("activityId"),
            Locked = Flag("locked") ? true : Flag("notLocked") ? false : null,
            WithRetriesLeft = Flag("withRetriesLeft") ? true : Flag("noRetriesLeft") ? false : null,
            FirstResult = firstResult ? Number("firstResult", 0, 0, int.MaxValue - 500) : null,
            PageSize = Number("maxResults", 500, 1, 500),
        };
    }

    private static JsonObject ToCamunda(ExternalTaskInfo task) => new()
    {
        ["activityId"] = task.ActivityId,
        ["activityInstanceId"] = ActivityInstanceId(task.ActivityId, task.ExecutionId),
        ["errorMessage"] = task.ErrorMessage,
        ["executionId"] = task.ExecutionId,
        ["id"] = task.Id,
        ["lockExpirationTime"] = task.LockExpirationTime is { } expires ? CamundaVariables.Date(expires) : null,
        ["createTime"] = CamundaVariables.Date(task.CreateTime),
        ["processDefinitionId"] = task.ProcessDefinitionId,
        ["processDefinitionKey"] = task.ProcessDefinitionKey,
        ["processInstanceId"] = task.ProcessInstanceId,
        ["tenantId"] = null,
        ["retries"] = task.Retries,
        ["suspended"] = false,
        ["workerId"] = task.WorkerId,
        ["priority"] = task.Priority,
        ["topicName"] = task.TopicName,
        ["businessKey"] = task.BusinessKey,
    };

    private static JsonObject ToCamunda(LockedExternalTask t) => new()
    {
        ["activityId"] = t.ActivityId,
        ["activityInstanceId"] = ActivityInstanceId(t.ActivityId, t.ExecutionId),
        ["errorMessage"] = t.ErrorMessage,
        ["errorDetails"] = t.ErrorDetails,
        ["executionId"] = t.ExecutionId,
        ["id"] = t.Id,
        ["lockExpirationTime"] = CamundaVariables.Date(t.LockExpirationTime),
        ["createTime"] = CamundaVariables.Date(t.CreateTime),
        ["processDefinitionId"] = t.ProcessDefinitionId,
        ["processDefinitionKey"] = t.ProcessDefinitionKey,
        ["processDefinitionVersionTag"] = null,
        ["processInstanceId"] = t.ProcessInstanceId,
        ["tenantId"] = null,
        ["retries"] = t.Retries,
        ["suspended"] = false,
        ["workerId"] = t.WorkerId,
        ["priority"] = t.Priority,
        ["topicName"] = t.TopicName,
        ["businessKey"] = t.BusinessKey,
        ["variables"] = CamundaVariables.ToTyped(t.Variables),
        ["extensionProperties"] = new JsonObject(),
    };

    /// <summary>Camunda names an activity's visit "activityId:executionId"; the token id plays the execution.</summary>
    private static string ActivityInstanceId(string activityId, string executionId) => $"{activityId}:{executionId}";

    /// <summary>
    /// Exactly <c>application/json</c>, without a charset: Camunda's JavaScript client parses an answer only when the
    /// content type is that string (and would take a body with "; charset=utf-8" for raw bytes).
    /// </summary>
    private static IResult JsonAnswer(JsonNode body) =>
        Results.Bytes(JsonSerializer.SerializeToUtf8Bytes(body, Json), "application/json");

    /// <summary>
    /// Camunda's error answers for everything under /engine-rest: <c>{"type", "message", "code"}</c>. Unknown ids are
    /// 404 (InvalidRequestException); a worker acting on a task it does not hold and every bad value are 400
    /// (BadUserRequestException / InvalidRequestException), as Camunda's REST API answers.
    /// </summary>
    public static Task CamundaErrors(HttpContext http, RequestDelegate next) =>
        ForeignRestErrors.HandleAsync(http, next, ex => Describe(ex) is { } error
            ? (error.Status, new { type = error.Type, message = error.Message, code = (int?)null })
            : null);

    private static (int Status, string Type, string Message)? Describe(Exception ex) => ex switch
    {
        Engine.Services.WorkflowNotFoundException e => (404, "InvalidRequestException", e.Message),
        Engine.Services.WorkflowConflictException e => (400, "BadUserRequestException", e.Message),
        Engine.Services.WorkflowArgumentException e => (400, "InvalidRequestException", $"{e.Field}: {e.Message}"),
        _ when ApiExceptionHandler.ToProblem(ex) is { Status: < 500 } problem => (problem.Status ?? 400, "InvalidRequestException", problem.Detail ?? problem.Title ?? "Bad request"),
        _ => null,
    };
}
