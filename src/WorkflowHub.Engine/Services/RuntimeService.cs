using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Runtime;

namespace WorkflowHub.Engine.Services;

internal sealed class RuntimeService(StepRunner steps, StepConnections connections, IEngineDbContextFactory contexts, DefinitionCache definitions) : IRuntimeService
{
    public async Task<InstanceSummary> StartAsync(StartRequest request, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.ProcessKey);
        var execution = await steps.RunAsync(async (step, token) =>
        {
            var definition = request.Version is { } version
                ? await InstanceStore.DefinitionAsync(step, request.ProcessKey, version, token).ConfigureAwait(false)
                : await InstanceStore.LatestDefinitionAsync(step, request.ProcessKey, token).ConfigureAwait(false);
            if (definition is null && request.Version is { } missing
                && await InstanceStore.LatestDefinitionAsync(step, request.ProcessKey, token).ConfigureAwait(false) is { } latest)
            {
                throw new WorkflowNotFoundException(
                    $"Process '{request.ProcessKey}' has no version {missing}: its versions are 1 to {latest.Version}.");
            }
            if (definition is null)
            {
                throw new WorkflowNotFoundException($"No process '{request.ProcessKey}' is deployed.");
            }
            var model = await definitions.GetAsync(step, definition.Id, token).ConfigureAwait(false);
            var start = model.Root.NoneStart
                ?? throw new WorkflowArgumentException("processKey", $"Process '{request.ProcessKey}' has no none start event; it starts by message or timer.");
            var x = step.CreateInstance(definition, model, request.BusinessKey);
            x.Begin(start, request.Variables);
            return x;
        }, request.Actor, FailureMode.Incident, ct).ConfigureAwait(false);
        return Summary(execution.Record, execution.Step.Effects.NewIncidents.Count(i => i.InstanceId == execution.Id));
    }

    public async Task<CorrelationResult> CorrelateAsync(CorrelationRequest request, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.MessageName);
        return await steps.RunAsync(async (step, token) =>
        {
            var (waiting, starts) = await InstanceStore.FindCorrelationTargetsAsync(step, request.MessageName, request.BusinessKey, token).ConfigureAwait(false);
            if (waiting.Count > 1 && !request.All)
            {
                throw new WorkflowConflictException(
                    $"Message '{request.MessageName}' matches {waiting.Count} waiting tokens; give a business key or correlate to all.");
            }
            var moved = new List<string>();
            foreach (var subscription in waiting)
            {
                if (await SubscriptionDelivery.WakeAsync(step, subscription,
                        new MessageReceived(subscription.ElementId, request.MessageName) { Variables = request.Variables },
                        HistoryTypes.MessageCorrelated, new System.Text.Json.Nodes.JsonObject { ["messageName"] = request.MessageName }, token).ConfigureAwait(false) is { } id)
                {
                    moved.Add(id);
                }
            }
            if (moved.Count > 0)
            {
                return WithHostRows(step, request, new CorrelationResult(moved, false, request.BusinessKey));
            }
            if (starts.Count == 0)
            {
                throw new WorkflowNotFoundException(request.BusinessKey is null
                    ? $"No instance waits for message '{request.MessageName}' and no process starts with it."
                    : $"No instance waits for message '{request.MessageName}' with business key '{request.BusinessKey}' and no process starts with it.");
            }
            foreach (var start in starts)
            {
                if (await SubscriptionDelivery.StartAsync(step, start, request.BusinessKey, request.Variables, token).ConfigureAwait(false) is { } id)
                {
                    moved.Add(id);
                }
            }
            return WithHostRows(step, request, new CorrelationResult(moved, true, request.BusinessKey));
        }, request.Actor, FailureMode.Incident, ct).ConfigureAwait(false);
    }

    /// <summary>Adds the host's rows (<see cref="CorrelationRequest.AlsoWrite"/>) to the step's write, once the result is known.</summary>
    private static CorrelationResult WithHostRows(StepContext step, CorrelationRequest request, CorrelationResult result)
    {
        if (request.AlsoWrite is { } rows)
        {
            step.Effects.HostStatements.AddRange(rows(result));
        }
        return result;
    }

    public async Task<InstanceDetail?> GetInstanceAsync(string instanceId, CancellationToken ct = default) =>
        (await GetInstancesAsync([instanceId], ct).ConfigureAwait(false)).GetValueOrDefault(instanceId);

    /// <summary>Instances with their open incidents in one statement on a reader (see <see cref="ReadStore"/>).</summary>
    public async Task<IReadOnlyDictionary<string, InstanceDetail>> GetInstancesAsync(IReadOnlyCollection<string> instanceIds, CancellationToken ct = default)
    {
        var ids = instanceIds.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<string, InstanceDetail>(StringComparer.Ordinal);
        }
        return await connections.ReadAsync(async (session, token) =>
        {
            var details = new Dictionary<string, InstanceDetail>(ids.Count, StringComparer.Ordinal);
            foreach (var (record, incidents) in await ReadStore.InstancesAsync(session, ids, token).ConfigureAwait(false))
            {
                var model = await definitions.GetAsync(session, record.DefinitionId, token).ConfigureAwait(false);
                details[record.Id] = Detail(record, model, incidents);
            }
            return details;
        }, ct).ConfigureAwait(false);
    }

    private static InstanceDetail Detail(ProcessInstanceRecord record, ProcessModel model, int incidents)
    {
        var state = InstanceState.Deserialize(record.State);
        var activities = state.Tokens.Select(t =>
        {
            var node = model.Nodes.GetValueOrDefault(t.ElementId);
            return new ActivityInstanceInfo(t.Id, t.ElementId, node?.ElementType ?? "unknown", node?.Name, t.State.ToString(), t.ParentId);
        }).ToList();
        return new InstanceDetail(Summary(record, incidents), activities, state.Variables);
    }

    public async Task<Page<InstanceSummary>> QueryInstancesAsync(InstanceQuery query, CancellationToken ct = default)
    {
        var (page, size) = Paging.Normalize(query.PageNumber, query.PageSize);
        await using var db = contexts.CreateDbContext();
        var q = db.Set<ProcessInstanceRecord>().AsNoTracking();
        if (query.ProcessKey is not null)
        {
            q = q.Where(i => i.ProcessKey == query.ProcessKey);
        }
        if (query.BusinessKey is not null)
        {
            q = q.Where(i => i.BusinessKey == query.BusinessKey);
        }
        if (query.Status is { } status)
        {
            q = q.Where(i => i.Status == status);
        }
        if (query.StartedAfter is { } after)
        {
            q = q.Where(i => i.StartedAt >= after);
        }
        if (query.StartedBefore is { } before)
        {
            q = q.Where(i => i.StartedAt < before);
        }
        if (query.InvolvedWith is { } involved)
        {
            var reached = InvolvementFilter.InstanceIds(db, involved);
            q = q.Where(i => reached.Contains(i.Id));
        }
        var rows = await q.OrderByDescending(i => i.StartedAt).ThenBy(i => i.Id).Skip((page - 1) * size).Take(size)
            .Select(i => new
            {
                Instance = i,
                Incidents = db.Set<IncidentRecord>().Count(x => x.InstanceId == i.Id && x.ResolvedAt == null),
            })
            .ToListAsync(ct).ConfigureAwait(false);
        var total = await Paging.TotalAsync(q, rows.Count, page, size, ct).ConfigureAwait(false);
        return new Page<InstanceSummary>(rows.Select(r => Summary(r.Instance, r.Incidents)).ToList(), total, page, size);
    }

    public Task CancelAsync(string instanceId, string? actor = null, string? reason = null, CancellationToken ct = default) =>
        steps.RunAsync(async (step, token) =>
        {
            var x = await step.GetInstanceAsync(instanceId, token).ConfigureAwait(false)
                ?? throw new WorkflowNotFoundException($"Process instance '{instanceId}' does not exist.");
            if (x.Record.Status != InstanceStatus.Running)
            {
                throw new WorkflowConflictException($"Process instance '{instanceId}' is already {x.Record.Status.ToString().ToLowerInvariant()}.");
            }
            x.EndInstance(InstanceStatus.Cancelled, reason ?? "cancelled");
            return true;
        }, actor, FailureMode.Throw, ct);

    public Task<SignalResult> SignalAsync(string signalName, IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonNode?>? variables = null,
        string? actor = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(signalName);
        return steps.RunAsync(async (step, token) =>
        {
            var (moved, started) = await SignalBroadcast.SendAsync(step, signalName, variables, token).ConfigureAwait(false);
            return new SignalResult(signalName, moved.Distinct().ToList(), started);
        }, actor, FailureMode.Incident, ct);
    }

    public Task<IReadOnlyList<ConditionalStartedInstance>> EvaluateStartConditionsAsync(ConditionEvaluationRequest request, string? actor = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return steps.RunAsync<IReadOnlyList<ConditionalStartedInstance>>(
            async (step, token) => await ConditionalStarts.EvaluateAsync(step, request, token).ConfigureAwait(false), actor, FailureMode.Incident, ct);
    }

    public Task TriggerAsync(string instanceId, string activityId, IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonNode?>? variables = null,
        string? actor = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(activityId);
        return steps.RunAsync(async (step, token) =>
        {
            var x = await step.GetInstanceAsync(instanceId, token).ConfigureAwait(false)
                ?? throw new WorkflowNotFoundException($"Process instance '{instanceId}' does not exist.");
            var waiter = x.State.Tokens.FirstOrDefault(t => t.ElementId == activityId && t.State == TokenState.Waiting
                    && x.Model.Nodes.GetValueOrDefault(activityId)?.Kind == ElementKind.ReceiveTask)
                ?? throw new WorkflowNotFoundException(
                    $"No token of instance '{instanceId}' waits at receive task '{activityId}'.");
            await x.TriggerAsync(waiter, new ExecutionTriggered(activityId) { Variables = variables }, token).ConfigureAwait(false);
            return true;
        }, actor, FailureMode.Incident, ct);
    }

    private static InstanceSummary Summary(ProcessInstanceRecord r, int incidents) =>
        new(r.Id, r.ProcessKey, r.ProcessVersion, r.BusinessKey, r.Status, r.StartedAt, r.EndedAt, r.StartedBy, incidents);
}

internal static class Paging
{
    public const int MaxPageSize = 500;

    public static (int Page, int Size) Normalize(int page, int size)
    {
        if (page < 1)
        {
            throw new WorkflowArgumentException("page", "Page numbers start at 1.");
        }
        if (size is < 1 or > MaxPageSize)
        {
            throw new WorkflowArgumentException("pageSize", $"The page size must be between 1 and {MaxPageSize}.");
        }
        return (page, size);
    }

    /// <summary>
    /// The number of matches: known without a COUNT query when the first page is not full (the usual inbox),
    /// which saves a round trip on the hot path.
    /// </summary>
    public static async Task<int> TotalAsync<T>(IQueryable<T> filtered, int rowsOnPage, int page, int size, CancellationToken ct)
    {
        if (page == 1 && rowsOnPage < size)
        {
            return rowsOnPage;
        }
        return await filtered.CountAsync(ct).ConfigureAwait(false);
    }
}
