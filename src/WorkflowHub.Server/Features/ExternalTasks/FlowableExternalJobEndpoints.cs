using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using WorkflowHub.Engine.ExternalTasks;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;

namespace WorkflowHub.Server.Features.ExternalTasks;

/// <summary>Flowable's acquire body: lockDuration and the like are ISO-8601 durations.</summary>
public sealed record FlowableAcquireBody(string? Topic, string? LockDuration, int? NumberOfTasks, int? NumberOfRetries, string? WorkerId, string? ScopeType);

/// <summary>Flowable's complete, bpmnError and cmmnTerminate bodies.</summary>
public sealed record FlowableJobBody(string? WorkerId, List<FlowableVariable?>? Variables, string? ErrorCode);

/// <summary>Flowable's fail body: retries left (absent: one fewer than now) and retryTimeout as an ISO-8601 duration.</summary>
public sealed record FlowableFailBody(string? WorkerId, string? ErrorMessage, string? ErrorDetails, int? Retries, string? RetryTimeout);

/// <summary>
/// Flowable's external-worker REST API at /external-job-api (the paths and JSON of Flowable 7's external job REST, which
/// <c>@flowable-oss/external-worker-client</c> calls), over the same external-task store as Camunda's API: a
/// flowable:type="external-worker" task (or a Camunda external task) is a job a Flowable worker acquires, completes,
/// fails or ends with a BPMN error. Variables are Flowable's list of <c>{name, type, value}</c>. WorkflowHub runs no
/// CMMN, so cmmnTerminate is refused. Errors are Flowable's body <c>{message, exception}</c>.
/// </summary>
public static class FlowableExternalJobEndpoints
{
    public const string Prefix = "/external-job-api";

    /// <summary>Flowable's default retries of a job: what a task nobody failed yet shows, and what a fail without retries counts down from.</summary>
    public const int DefaultRetries = 3;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapFlowableExternalJobEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/acquire/jobs", async (FlowableAcquireBody? body, IExternalTaskService tasks, IOptions<ExternalTaskOptions> limits,
                TimeProvider clock, HttpContext http, CancellationToken ct) =>
            {
                var request = Acquire(body, limits.Value, clock.GetUtcNow(), http.User.UserName());
                var locked = request is null ? [] : await tasks.FetchAndLockAsync(request, ct);
                return Answer(new JsonArray(locked.Select(t => (JsonNode)ToFlowable(t, http)).ToArray()));
            })
            .WithSummary("Flowable: acquire and lock jobs of a topic (lockDuration an ISO-8601 duration; no long polling).");

        group.MapPost("/acquire/jobs/{id}/complete", async (string id, FlowableJobBody? body, IExternalTaskService tasks, HttpContext http, CancellationToken ct) =>
            {
                await tasks.CompleteAsync(id, ExternalTaskRequests.WorkerId(body?.WorkerId), FlowableVariables.From(body?.Variables, "variables"),
                    actor: http.User.UserName(), ct: ct);
                return Results.NoContent();
            })
            .WithSummary("Flowable: complete a job with variables.");

        group.MapPost("/acquire/jobs/{id}/bpmnError", async (string id, FlowableJobBody? body, IExternalTaskService tasks, HttpContext http, CancellationToken ct) =>
            {
                await tasks.HandleBpmnErrorAsync(id, ExternalTaskRequests.WorkerId(body?.WorkerId), body?.ErrorCode ?? "", null,
                    FlowableVariables.From(body?.Variables, "variables"), http.User.UserName(), ct);
                return Results.NoContent();
            })
            .WithSummary("Flowable: end a job with a BPMN error (caught as an error end event's would be).");

        group.MapPost("/acquire/jobs/{id}/cmmnTerminate", async (string id, FlowableJobBody? body, IExternalTaskService tasks, CancellationToken ct) =>
            {
                ExternalTaskRequests.WorkerId(body?.WorkerId);
                _ = await tasks.GetAsync(id, ct) ?? throw new WorkflowNotFoundException($"External task '{id}' does not exist.");
                throw ApiRequestException.Invalid("id", $"Job '{id}' is a BPMN job: WorkflowHub runs no CMMN, so there is nothing to terminate.");
            })
            .WithSummary("Flowable: terminate a CMMN job — refused (400): WorkflowHub runs BPMN only.");

        group.MapPost("/acquire/jobs/{id}/fail", async (string id, FlowableFailBody? body, IExternalTaskService tasks, IOptions<ExternalTaskOptions> limits,
                TimeProvider clock, HttpContext http, CancellationToken ct) =>
            {
                var workerId = ExternalTaskRequests.WorkerId(body?.WorkerId);
                if (body?.Retries is < 0)
                {
                    throw ApiRequestException.Invalid("retries", "retries cannot be negative.");
                }
                var timeout = body?.RetryTimeout is { Length: > 0 } text ? Duration(text, "retryTimeout", limits.Value.MaxLockDuration, clock.GetUtcNow()) : TimeSpan.Zero;
                var retries = body?.Retries ?? Math.Max(0, ((await tasks.GetAsync(id, ct))?.Retries ?? DefaultRetries) - 1);
                await tasks.HandleFailureAsync(new ExternalTaskFailure(id, workerId, body?.ErrorMessage, body?.ErrorDetails, retries, timeout) { Actor = http.User.UserName() }, ct);
                return Results.NoContent();
            })
            .WithSummary("Flowable: fail a job (retries absent: one fewer; 0 raises an incident; retryTimeout an ISO-8601 duration).");

        group.MapGet("/jobs", async (HttpContext http, IExternalTaskService tasks, CancellationToken ct) =>
            {
                var q = http.Request.Query;
                string? Text(string name) => string.IsNullOrWhiteSpace(q[name]) ? null : q[name].ToString();
                var start = Number(Text("start"), "start", 0, 0, int.MaxValue - 500);
                var size = Number(Text("size"), "size", 10, 1, 500);
                var page = await tasks.QueryAsync(new ExternalTaskQuery
                {
                    TopicName = Text("topic"),
                    ProcessInstanceId = Text("processInstanceId"),
                    ActivityId = Text("elementId"),
                    WorkerId = Text("lockedBy"),
                    Locked = Text("locked") is { } l && ApiRequest.Bool(l, "locked") ? true : Text("unlocked") is { } u && ApiRequest.Bool(u, "unlocked") ? false : null,
                    FirstResult = start,
                    PageSize = size,
                }, ct);
                return Answer(new JsonObject
                {
                    ["data"] = new JsonArray(page.Items.Select(t => (JsonNode)ToFlowable(t, http)).ToArray()),
                    ["total"] = page.Total,
                    ["start"] = start,
                    ["sort"] = "createTime",
                    ["order"] = "asc",
                    ["size"] = page.Items.Count,
                });
            })
            .WithSummary("Flowable: the open jobs (topic, processInstanceId, elementId, lockedBy, locked, unlocked, start, size at most 500).");

        group.MapGet("/jobs/{id}", async (string id, IExternalTaskService tasks, HttpContext http, CancellationToken ct) =>
                Answer(ToFlowable(await tasks.GetAsync(id, ct) ?? throw new WorkflowNotFoundException($"External task '{id}' does not exist."), http)))
            .WithSummary("Flowable: one job.");
        return group;
    }

    /// <summary>The acquire body checked; null when it asks for CMMN jobs only (there are none).</summary>
    private static FetchAndLockRequest? Acquire(FlowableAcquireBody? body, ExternalTaskOptions limits, DateTimeOffset now, string? actor)
    {
        if (body is null)
        {
            throw ApiRequestException.Invalid("body", "A JSON body is required.");
        }
        var workerId = ExternalTaskRequests.WorkerId(body.WorkerId);
        if (string.IsNullOrWhiteSpace(body.Topic) || body.Topic.Length > ExternalTaskRecord.TopicMaxLength)
        {
            throw ApiRequestException.Invalid("topic", $"The topic name is required (at most {ExternalTaskRecord.TopicMaxLength} characters).");
        }
        var lockDuration = Duration(body.LockDuration, "lockDuration", limits.MaxLockDuration, now);
        var count = body.NumberOfTasks ?? 1;
        if (count < 1 || count > limits.MaxTasksPerFetch)
        {
            throw ApiRequestException.Invalid("numberOfTasks", $"numberOfTasks must be between 1 and {limits.MaxTasksPerFetch}.");
        }
        if (body.NumberOfRetries is < 0)
        {
            // Flowable retries the acquisition itself on optimistic-lock conflicts; claims here never conflict, so it is only checked.
            throw ApiRequestException.Invalid("numberOfRetries", "numberOfRetries cannot be negative.");
        }
        if (body.ScopeType is { Length: > 0 } scope && !scope.Equals("bpmn", StringComparison.OrdinalIgnoreCase))
        {
            return scope.Equals("cmmn", StringComparison.OrdinalIgnoreCase)
                ? null
                : throw ApiRequestException.Invalid("scopeType", "scopeType is bpmn or cmmn.");
        }
        return new FetchAndLockRequest(workerId, count, [new ExternalTaskTopic(body.Topic, lockDuration)]) { Actor = actor };
    }

    /// <summary>An ISO-8601 duration (PT1M; P1M is a calendar month from now) up to <paramref name="max"/>, as Flowable's worker sends lockDuration and retryTimeout.</summary>
    private static TimeSpan Duration(string? text, string field, TimeSpan max, DateTimeOffset now)
    {
        var duration = ApiRequest.Duration(text, field);
        if (!duration.TryAddTo(now, out var end) || end - now > max)
        {
            throw ApiRequestException.Invalid(field, $"{field} may be at most {XmlDuration(max)} (ExternalTasks settings).");
        }
        return end - now;
    }

    private static string XmlDuration(TimeSpan value) => System.Xml.XmlConvert.ToString(value);

    private static int Number(string? text, string field, int fallback, int min, int max)
    {
        if (text is null)
        {
            return fallback;
        }
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw ApiRequestException.Invalid(field, $"{field} must be a whole number from {min} to {max}.");
    }

    private static JsonObject ToFlowable(LockedExternalTask t, HttpContext http)
    {
        var job = Job(t.Id, t.ProcessInstanceId, t.ExecutionId, t.ActivityId, t.ProcessDefinitionId, t.Retries, t.ErrorMessage,
            t.CreateTime, t.WorkerId, t.LockExpirationTime, http);
        job["variables"] = FlowableVariables.To(t.Variables);
        return job;
    }

    private static JsonObject ToFlowable(ExternalTaskInfo t, HttpContext http) =>
        Job(t.Id, t.ProcessInstanceId, t.ExecutionId, t.ActivityId, t.ProcessDefinitionId, t.Retries, t.ErrorMessage,
            t.CreateTime, t.WorkerId, t.Locked ? t.LockExpirationTime : null, http);

    private static JsonObject Job(string id, string instanceId, string executionId, string elementId, string definitionId, int? retries,
        string? errorMessage, DateTimeOffset created, string? lockOwner, DateTimeOffset? lockExpires, HttpContext http) => new()
    {
        ["id"] = id,
        ["url"] = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{Prefix}/jobs/{Uri.EscapeDataString(id)}",
        ["correlationId"] = id,
        ["processInstanceId"] = instanceId,
        ["processDefinitionId"] = definitionId,
        ["executionId"] = executionId,
        ["scopeId"] = null,
        ["subScopeId"] = null,
        ["scopeDefinitionId"] = null,
        ["scopeType"] = null,
        ["elementId"] = elementId,
        ["elementName"] = null,
        ["retries"] = retries ?? DefaultRetries,
        ["exceptionMessage"] = errorMessage,
        ["dueDate"] = null,
        ["createTime"] = Date(created),
        ["tenantId"] = "",
        ["lockOwner"] = lockOwner,
        ["lockExpirationTime"] = lockExpires is { } expires ? Date(expires) : null,
    };

    /// <summary>Flowable writes instants as ISO-8601 in UTC with milliseconds: 2026-12-01T08:00:00.000Z.</summary>
    private static string Date(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static IResult Answer(JsonNode body) => Results.Bytes(JsonSerializer.SerializeToUtf8Bytes(body, Json), "application/json");

    /// <summary>
    /// Flowable's error answers under /external-job-api: <c>{"message", "exception"}</c>. A worker acting on a job it does
    /// not hold is a 400, as Flowable's "job is locked by a different worker"; an unknown id a 404.
    /// </summary>
    public static Task FlowableErrors(HttpContext http, RequestDelegate next) =>
        ForeignRestErrors.HandleAsync(http, next, ex => Describe(ex) is { } error
            ? (error.Status, new { message = error.Message, exception = error.Message })
            : null);

    private static (int Status, string Message)? Describe(Exception ex) => ex switch
    {
        WorkflowNotFoundException e => (404, e.Message),
        WorkflowConflictException e => (400, e.Message),
        WorkflowArgumentException e => (400, $"{e.Field}: {e.Message}"),
        _ when ApiExceptionHandler.ToProblem(ex) is { Status: < 500 } problem => (problem.Status ?? 400, problem.Detail ?? problem.Title ?? "Bad request"),
        _ => null,
    };
}
