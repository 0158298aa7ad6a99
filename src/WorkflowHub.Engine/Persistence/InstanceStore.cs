using System.Data.Common;
using WorkflowHub.Engine.Runtime;

namespace WorkflowHub.Engine.Persistence;

/// <summary>The reads a step makes, as plain SQL on the step's connection and transaction (the hot path).</summary>
internal static class InstanceStore
{
    internal const string InstanceColumns = "id, definition_id, process_key, process_version, business_key, status, state, revision, started_at, ended_at, started_by, super_instance_id, super_token_id";
    private const string DefinitionColumns = "id, key, version, name, content_hash, resource_name, deployment_id, deployed_at, deployed_by";
    internal const string TaskColumns = "id, instance_id, token_id, element_id, name, process_key, business_key, assignee, candidate_users, candidate_groups, due_date, follow_up_date, priority, form_key, created_at, claimed_at, claimed_by";
    internal const string JobColumns = "id, kind, instance_id, token_id, element_id, definition_id, due_at, payload, retries_left, lease_owner, lease_expires_at, created_at, last_error, suspended";
    private const string SubscriptionColumns = "id, kind, message_name, instance_id, business_key, token_id, element_id, definition_id, created_at";

    public static Task<ProcessInstanceRecord?> LoadInstanceAsync(StepContext step, string id, CancellationToken ct) =>
        step.Session.QuerySingleAsync(new SqlBatch().Append($"SELECT {InstanceColumns} FROM {EngineTables.Instances} WHERE id = ").Param(id), ReadInstance, ct);

    /// <summary>The head of the task-with-instance read, built once: every completion runs it.</summary>
    private static readonly string TaskWithInstanceSelect =
        $"SELECT {Qualified("t", TaskColumns)}, {Qualified("i", InstanceColumns)} FROM {EngineTables.Tasks} t JOIN {EngineTables.Instances} i ON i.id = t.instance_id WHERE t.id = ";

    private static string Qualified(string alias, string columns) => string.Join(", ", columns.Split(", ").Select(c => alias + "." + c));

    /// <summary>An open task and its instance in one read (completing a task needs both).</summary>
    public static async Task<(UserTaskRecord Task, ProcessInstanceRecord Instance)?> LoadTaskWithInstanceAsync(StepContext step, string taskId, CancellationToken ct)
    {
        var sql = new SqlBatch().Append(TaskWithInstanceSelect).Param(taskId);
        var row = await step.Session.QuerySingleAsync(sql, r => Tuple.Create(ReadTask(r), ReadInstance(r, TaskColumnCount)), ct).ConfigureAwait(false);
        return row is null ? null : (row.Item1, row.Item2);
    }

    public static Task<UserTaskRecord?> LoadTaskAsync(StepContext step, string id, CancellationToken ct) =>
        step.Session.QuerySingleAsync(new SqlBatch().Append($"SELECT {TaskColumns} FROM {EngineTables.Tasks} WHERE id = ").Param(id), ReadTask, ct);

    public static Task<JobRecord?> LoadJobAsync(StepContext step, string id, CancellationToken ct) =>
        step.Session.QuerySingleAsync(new SqlBatch().Append($"SELECT {JobColumns} FROM {EngineTables.Jobs} WHERE id = ").Param(id), ReadJob, ct);

    public static Task<ProcessDefinitionRecord?> LatestDefinitionAsync(StepContext step, string key, CancellationToken ct) =>
        step.Session.QuerySingleAsync(new SqlBatch().Append($"SELECT {DefinitionColumns} FROM {EngineTables.Definitions} WHERE key = ").Param(key)
            .Append(" ORDER BY version DESC LIMIT 1"), ReadDefinition, ct);

    public static Task<ProcessDefinitionRecord?> DefinitionAsync(StepContext step, string key, int version, CancellationToken ct) =>
        step.Session.QuerySingleAsync(new SqlBatch().Append($"SELECT {DefinitionColumns} FROM {EngineTables.Definitions} WHERE key = ").Param(key)
            .Append(" AND version = ").Param(version), ReadDefinition, ct);

    /// <summary>The version of <paramref name="key"/> that was the latest when definition <paramref name="callerId"/> was deployed.</summary>
    public static Task<ProcessDefinitionRecord?> DefinitionCurrentAtDeploymentOfAsync(StepContext step, string key, string callerId, CancellationToken ct) =>
        step.Session.QuerySingleAsync(new SqlBatch().Append($"SELECT {DefinitionColumns} FROM {EngineTables.Definitions} WHERE key = ").Param(key)
            .Append($" AND deployed_at <= (SELECT deployed_at FROM {EngineTables.Definitions} WHERE id = ").Param(callerId)
            .Append(") ORDER BY version DESC LIMIT 1"), ReadDefinition, ct);

    public static Task<ProcessDefinitionRecord?> DefinitionByIdAsync(StepContext step, string id, CancellationToken ct) =>
        step.Session.QuerySingleAsync(new SqlBatch().Append($"SELECT {DefinitionColumns} FROM {EngineTables.Definitions} WHERE id = ").Param(id), ReadDefinition, ct);

    public static async Task<string?> DefinitionXmlAsync(StepContext step, string id, CancellationToken ct) =>
        await step.Session.ScalarAsync(new SqlBatch().Append($"SELECT xml FROM {EngineTables.Definitions} WHERE id = ").Param(id), ct).ConfigureAwait(false) as string;

    /// <summary>
    /// What a message can reach, in one read: the waiting tokens subscribed to it (any business key when none is
    /// given) and the message start events that start with it, each oldest first. Correlation needs the starts only
    /// when nothing waits, but asking for both saves a round trip on every delivery that starts an instance (the
    /// webhook intake's case); each half of the UNION keeps its own index seek.
    /// </summary>
    public static async Task<(List<MessageSubscriptionRecord> Waiting, List<MessageSubscriptionRecord> Starts)> FindCorrelationTargetsAsync(
        StepContext step, string messageName, string? businessKey, CancellationToken ct)
    {
        var sql = new SqlBatch().Append($"SELECT {SubscriptionColumns} FROM {EngineTables.Subscriptions} WHERE message_name = ").Param(messageName)
            .Append(" AND kind = ").Param((int)SubscriptionKind.Message);
        if (businessKey is not null)
        {
            sql.Append(" AND business_key = ").Param(businessKey);
        }
        sql.Append($" UNION ALL SELECT {SubscriptionColumns} FROM {EngineTables.Subscriptions} WHERE message_name = ").Param(messageName)
            .Append(" AND kind = ").Param((int)SubscriptionKind.MessageStart)
            .Append(" ORDER BY created_at, id");
        var rows = await step.Session.QueryListAsync(sql, ReadSubscription, ct).ConfigureAwait(false);
        var waiting = new List<MessageSubscriptionRecord>();
        var starts = new List<MessageSubscriptionRecord>();
        foreach (var row in rows)
        {
            (row.Kind == SubscriptionKind.MessageStart ? starts : waiting).Add(row);
        }
        return (waiting, starts);
    }

    /// <summary>Every subscription of a kind for a name, oldest first (signals: all of them receive it).</summary>
    public static Task<List<MessageSubscriptionRecord>> FindByKindAsync(StepContext step, string name, SubscriptionKind kind, CancellationToken ct) =>
        step.Session.QueryListAsync(new SqlBatch().Append($"SELECT {SubscriptionColumns} FROM {EngineTables.Subscriptions} WHERE message_name = ").Param(name)
            .Append(" AND kind = ").Param((int)kind).Append(" ORDER BY created_at, id"), ReadSubscription, ct);

    /// <summary>Every subscription of a kind, oldest first (conditional starts: each is evaluated).</summary>
    public static Task<List<MessageSubscriptionRecord>> AllOfKindAsync(StepContext step, SubscriptionKind kind, CancellationToken ct) =>
        step.Session.QueryListAsync(new SqlBatch().Append($"SELECT {SubscriptionColumns} FROM {EngineTables.Subscriptions} WHERE kind = ").Param((int)kind)
            .Append(" ORDER BY created_at, id"), ReadSubscription, ct);

    private static string? Str(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    private static DateTimeOffset Time(DbDataReader r, int i) => DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(i));
    private static DateTimeOffset? TimeOrNull(DbDataReader r, int i) => r.IsDBNull(i) ? null : Time(r, i);

    private static readonly int TaskColumnCount = TaskColumns.Split(", ").Length;

    private static ProcessInstanceRecord ReadInstance(DbDataReader r) => ReadInstance(r, 0);

    internal static ProcessInstanceRecord ReadInstance(DbDataReader r, int o) => new()
    {
        Id = r.GetString(o),
        DefinitionId = r.GetString(o + 1),
        ProcessKey = r.GetString(o + 2),
        ProcessVersion = r.GetInt32(o + 3),
        BusinessKey = Str(r, o + 4),
        Status = (InstanceStatus)r.GetInt32(o + 5),
        State = r.GetString(o + 6),
        Revision = r.GetInt32(o + 7),
        StartedAt = Time(r, o + 8),
        EndedAt = TimeOrNull(r, o + 9),
        StartedBy = Str(r, o + 10),
        SuperInstanceId = Str(r, o + 11),
        SuperTokenId = Str(r, o + 12),
    };

    internal static ProcessDefinitionRecord ReadDefinition(DbDataReader r) => new()
    {
        Id = r.GetString(0),
        Key = r.GetString(1),
        Version = r.GetInt32(2),
        Name = Str(r, 3),
        ContentHash = r.GetString(4),
        Xml = "",
        ResourceName = r.GetString(5),
        DeploymentId = r.GetString(6),
        DeployedAt = Time(r, 7),
        DeployedBy = Str(r, 8),
    };

    internal static UserTaskRecord ReadTask(DbDataReader r) => new()
    {
        Id = r.GetString(0),
        InstanceId = r.GetString(1),
        TokenId = r.GetString(2),
        ElementId = r.GetString(3),
        Name = Str(r, 4),
        ProcessKey = r.GetString(5),
        BusinessKey = Str(r, 6),
        Assignee = Str(r, 7),
        CandidateUsers = Str(r, 8),
        CandidateGroups = Str(r, 9),
        DueDate = TimeOrNull(r, 10),
        FollowUpDate = TimeOrNull(r, 11),
        Priority = r.GetInt32(12),
        FormKey = Str(r, 13),
        CreatedAt = Time(r, 14),
        ClaimedAt = TimeOrNull(r, 15),
        ClaimedBy = Str(r, 16),
    };

    internal static JobRecord ReadJob(DbDataReader r) => new()
    {
        Id = r.GetString(0),
        Kind = (JobKind)r.GetInt32(1),
        InstanceId = Str(r, 2),
        TokenId = Str(r, 3),
        ElementId = r.GetString(4),
        DefinitionId = Str(r, 5),
        DueAt = Time(r, 6),
        Payload = Str(r, 7),
        RetriesLeft = r.GetInt32(8),
        LeaseOwner = Str(r, 9),
        LeaseExpiresAt = TimeOrNull(r, 10),
        CreatedAt = Time(r, 11),
        LastError = Str(r, 12),
        Suspended = r.GetBoolean(13),
    };

    private static MessageSubscriptionRecord ReadSubscription(DbDataReader r) => new()
    {
        Id = r.GetString(0),
        Kind = (SubscriptionKind)r.GetInt32(1),
        MessageName = r.GetString(2),
        InstanceId = Str(r, 3),
        BusinessKey = Str(r, 4),
        TokenId = Str(r, 5),
        ElementId = r.GetString(6),
        DefinitionId = Str(r, 7),
        CreatedAt = Time(r, 8),
    };
}
