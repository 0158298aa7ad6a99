using System.Text.Json.Nodes;
using WorkflowHub.Engine.ExternalTasks;
using WorkflowHub.Server.Api;

namespace WorkflowHub.Server.Features.ExternalTasks;

/// <summary>A fetch-and-lock body, the same under /api and /engine-rest (Camunda 7's FetchExternalTasksDto).</summary>
public sealed record FetchAndLockBody(string? WorkerId, int? MaxTasks, bool? UsePriority, long? AsyncResponseTimeout, List<FetchTopicBody?>? Topics);

/// <summary>One topic of a fetch: lockDuration in milliseconds; variables null means all.</summary>
public sealed record FetchTopicBody(string? TopicName, long? LockDuration, List<string>? Variables, bool? LocalVariables,
    string? BusinessKey, string? ProcessDefinitionKey, List<string>? ProcessDefinitionKeyIn);

/// <summary>A worker's failure report: retries left (0 or absent: an incident), retryTimeout in milliseconds.</summary>
public sealed record FailureBody(string? WorkerId, string? ErrorMessage, string? ErrorDetails, int? Retries, long? RetryTimeout);

public sealed record ExtendLockBody(string? WorkerId, long? NewDuration);

public sealed record LockBody(string? WorkerId, long? LockDuration);

public sealed record CompleteBody(string? WorkerId, Dictionary<string, JsonNode?>? Variables, Dictionary<string, JsonNode?>? LocalVariables);

public sealed record BpmnErrorBody(string? WorkerId, string? ErrorCode, string? ErrorMessage, Dictionary<string, JsonNode?>? Variables);

/// <summary>Checks worker bodies against <see cref="ExternalTaskOptions"/>; every bad value is a 400 naming its field.</summary>
internal static class ExternalTaskRequests
{
    public static FetchAndLockRequest Fetch(FetchAndLockBody? body, ExternalTaskOptions limits, string? actor)
    {
        if (body is null)
        {
            throw ApiRequestException.Invalid("body", "A JSON body is required.");
        }
        var workerId = WorkerId(body.WorkerId);
        var maxTasks = body.MaxTasks ?? 1;
        if (maxTasks < 0 || maxTasks > limits.MaxTasksPerFetch)
        {
            throw ApiRequestException.Invalid("maxTasks", $"maxTasks must be between 0 and {limits.MaxTasksPerFetch}.");
        }
        var timeout = Milliseconds(body.AsyncResponseTimeout ?? 0, "asyncResponseTimeout", limits.MaxAsyncResponseTimeout, allowZero: true);
        if (body.Topics is null || body.Topics.Count == 0)
        {
            throw ApiRequestException.Invalid("topics", "Name at least one topic (topics[].topicName).");
        }
        if (body.Topics.Count > FetchAndLockRequest.MaxTopics)
        {
            throw ApiRequestException.Invalid("topics", $"A fetch names at most {FetchAndLockRequest.MaxTopics} topics.");
        }
        var topics = new List<ExternalTaskTopic>(body.Topics.Count);
        for (var i = 0; i < body.Topics.Count; i++)
        {
            var t = body.Topics[i] ?? throw ApiRequestException.Invalid($"topics[{i}]", "A topic must be an object.");
            if (string.IsNullOrWhiteSpace(t.TopicName) || t.TopicName.Length > ExternalTaskRecord.TopicMaxLength)
            {
                throw ApiRequestException.Invalid($"topics[{i}].topicName", $"The topic name is required (at most {ExternalTaskRecord.TopicMaxLength} characters).");
            }
            if (t.LockDuration is null)
            {
                throw ApiRequestException.Invalid($"topics[{i}].lockDuration", "lockDuration (milliseconds) is required.");
            }
            var keys = t.ProcessDefinitionKeyIn?.Where(k => !string.IsNullOrWhiteSpace(k)).ToList() ?? [];
            if (!string.IsNullOrWhiteSpace(t.ProcessDefinitionKey))
            {
                keys.Add(t.ProcessDefinitionKey);
            }
            topics.Add(new ExternalTaskTopic(t.TopicName, Milliseconds(t.LockDuration.Value, $"topics[{i}].lockDuration", limits.MaxLockDuration, allowZero: false))
            {
                Variables = t.Variables,
                LocalVariables = t.LocalVariables ?? false,
                BusinessKey = string.IsNullOrWhiteSpace(t.BusinessKey) ? null : t.BusinessKey,
                ProcessDefinitionKeys = keys.Count == 0 ? null : keys,
            });
        }
        if (topics.Select(t => t.TopicName).Distinct(StringComparer.Ordinal).Count() != topics.Count)
        {
            throw ApiRequestException.Invalid("topics", "Each topic may be named once per fetch.");
        }
        return new FetchAndLockRequest(workerId, maxTasks, topics)
        {
            UsePriority = body.UsePriority ?? true,
            AsyncResponseTimeout = timeout,
            Actor = actor,
        };
    }

    public static ExternalTaskFailure Failure(string id, FailureBody? body, ExternalTaskOptions limits, string? actor)
    {
        if (body is null)
        {
            throw ApiRequestException.Invalid("body", "A JSON body is required.");
        }
        if (body.Retries is < 0)
        {
            throw ApiRequestException.Invalid("retries", "retries cannot be negative.");
        }
        var timeout = Milliseconds(body.RetryTimeout ?? 0, "retryTimeout", limits.MaxLockDuration, allowZero: true);
        return new ExternalTaskFailure(id, WorkerId(body.WorkerId), body.ErrorMessage, body.ErrorDetails, body.Retries ?? 0, timeout) { Actor = actor };
    }

    public static string WorkerId(string? workerId)
    {
        if (string.IsNullOrWhiteSpace(workerId) || workerId.Length > ExternalTaskRecord.WorkerIdMaxLength)
        {
            throw ApiRequestException.Invalid("workerId", $"workerId is required (at most {ExternalTaskRecord.WorkerIdMaxLength} characters).");
        }
        return workerId;
    }

    /// <summary>A duration in milliseconds, positive (or zero where allowed) and at most <paramref name="max"/>.</summary>
    public static TimeSpan Milliseconds(long value, string field, TimeSpan max, bool allowZero)
    {
        if (value < 0 || (value == 0 && !allowZero))
        {
            throw ApiRequestException.Invalid(field, $"{field} must be a {(allowZero ? "non-negative" : "positive")} number of milliseconds.");
        }
        if (value > max.TotalMilliseconds)
        {
            throw ApiRequestException.Invalid(field, $"{field} may be at most {(long)max.TotalMilliseconds} milliseconds (ExternalTasks settings).");
        }
        return TimeSpan.FromMilliseconds(value);
    }
}
