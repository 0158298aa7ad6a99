using WorkflowHub.Engine.Runtime;
using static WorkflowHub.Engine.Persistence.SqlBatch;

namespace WorkflowHub.Engine.Persistence;

/// <summary>Raised when another step changed an instance since this step read it; the step is run again on fresh state.</summary>
internal sealed class ConcurrencyConflictException(string instanceId)
    : Exception($"Process instance '{instanceId}' was changed by another step.");

/// <summary>
/// Writes what a step did: each touched instance (insert, or update guarded by its revision) and then every
/// effect row. This is the engine's measured hot path, so it issues SQL on the step's
/// own connection and transaction instead of going through change tracking; EF Core still owns the schema.
/// </summary>
internal static class StepWriter
{
    private const string T = EngineTables.Tasks;

    /// <summary>
    /// Writes the step: first the updates of the instances it read, each guarded by the revision it read (a lost
    /// race shows as an update that changed no row); then the instances it created; then every effect row.
    /// </summary>
    public static async Task WriteAsync(SqlSession session, IReadOnlyList<(ProcessInstanceRecord Record, bool IsNew, int ReadRevision)> instances,
        StepEffects effects, CancellationToken ct)
    {
        var b = new SqlBatch();
        var guarded = new List<(string Id, int Statement)>();
        foreach (var (r, isNew, readRevision) in instances)
        {
            if (isNew)
            {
                continue;
            }
            b.Append($"UPDATE {EngineTables.Instances} SET status = ").Param((int)r.Status)
             .Append(", state = ").Param(r.State)
             .Append(", revision = ").Param(r.Revision)
             .Append(", ended_at = ").Param(Ms(r.EndedAt))
             .Append(" WHERE id = ").Param(r.Id).Append(" AND revision = ").Param(readRevision).End();
            guarded.Add((r.Id, b.Statements.Count - 1));
        }
        foreach (var (r, isNew, _) in instances)
        {
            if (isNew)
            {
                b.Append($"INSERT INTO {EngineTables.Instances} (id, definition_id, process_key, process_version, business_key, status, state, revision, started_at, ended_at, started_by, super_instance_id, super_token_id) VALUES ")
                 .Row(r.Id, r.DefinitionId, r.ProcessKey, r.ProcessVersion, r.BusinessKey, (int)r.Status, r.State, r.Revision,
                      Ms(r.StartedAt), Ms(r.EndedAt), r.StartedBy, r.SuperInstanceId, r.SuperTokenId).End();
            }
        }
        AppendEffects(b, effects);
        var hostFrom = b.Statements.Count;
        foreach (var statement in effects.HostStatements)
        {
            b.Statement(statement.Sql, statement.Values);
        }
        if (b.IsEmpty)
        {
            return;
        }
        await session.ExecuteAsync(b, ct).ConfigureAwait(false);
        foreach (var (id, statement) in guarded)
        {
            if (b.Statements[statement].RecordsAffected != 1)
            {
                throw new ConcurrencyConflictException(id);
            }
        }
        for (var i = 0; i < effects.HostStatements.Count; i++)
        {
            var host = effects.HostStatements[i];
            var changed = b.Statements[hostFrom + i].RecordsAffected;
            if (host.ExpectedRows is { } expected && changed != expected)
            {
                throw host.Mismatch?.Invoke()
                    ?? new InvalidOperationException($"A host statement of the step changed {changed} rows instead of {expected}: {host.Sql}");
            }
        }
    }

    private static void AppendEffects(SqlBatch b, StepEffects e)
    {
        foreach (var id in e.DeletedTasks)
        {
            b.Append($"DELETE FROM {EngineTables.TaskCandidates} WHERE task_id = ").Param(id).End();
            b.Append($"DELETE FROM {T} WHERE id = ").Param(id).End();
        }
        if (e.NewTasks.Count > 0)
        {
            b.Append($"INSERT INTO {T} (id, instance_id, token_id, element_id, name, process_key, business_key, assignee, candidate_users, candidate_groups, due_date, follow_up_date, priority, form_key, created_at, claimed_at, claimed_by) VALUES ");
            for (var i = 0; i < e.NewTasks.Count; i++)
            {
                var t = e.NewTasks[i];
                if (i > 0)
                {
                    b.Append(", ");
                }
                b.Row(t.Id, t.InstanceId, t.TokenId, t.ElementId, t.Name, t.ProcessKey, t.BusinessKey, t.Assignee, t.CandidateUsers,
                      t.CandidateGroups, Ms(t.DueDate), Ms(t.FollowUpDate), t.Priority, t.FormKey, Ms(t.CreatedAt), Ms(t.ClaimedAt), t.ClaimedBy);
            }
            b.End();
        }
        if (e.NewCandidates.Count > 0)
        {
            b.Append($"INSERT INTO {EngineTables.TaskCandidates} (task_id, kind, value) VALUES ");
            for (var i = 0; i < e.NewCandidates.Count; i++)
            {
                var x = e.NewCandidates[i];
                if (i > 0)
                {
                    b.Append(", ");
                }
                b.Row(x.TaskId, (int)x.Kind, x.Value);
            }
            b.End();
        }
        foreach (var id in e.DeletedJobs)
        {
            b.Append($"DELETE FROM {EngineTables.Jobs} WHERE id = ").Param(id).End();
        }
        foreach (var j in e.UpdatedJobs)
        {
            b.Append($"UPDATE {EngineTables.Jobs} SET due_at = ").Param(Ms(j.DueAt))
             .Append(", payload = ").Param(j.Payload)
             .Append(", retries_left = ").Param(j.RetriesLeft)
             .Append(", lease_owner = NULL, lease_expires_at = NULL, last_error = ").Param(j.LastError)
             .Append(", suspended = ").Param(j.Suspended)
             .Append(" WHERE id = ").Param(j.Id).End();
        }
        if (e.NewJobs.Count > 0)
        {
            b.Append($"INSERT INTO {EngineTables.Jobs} (id, kind, instance_id, token_id, element_id, definition_id, due_at, payload, retries_left, lease_owner, lease_expires_at, created_at, last_error, suspended) VALUES ");
            for (var i = 0; i < e.NewJobs.Count; i++)
            {
                var j = e.NewJobs[i];
                if (i > 0)
                {
                    b.Append(", ");
                }
                b.Row(j.Id, (int)j.Kind, j.InstanceId, j.TokenId, j.ElementId, j.DefinitionId, Ms(j.DueAt), j.Payload, j.RetriesLeft,
                      null, null, Ms(j.CreatedAt), j.LastError, j.Suspended);
            }
            b.End();
        }
        foreach (var id in e.DeletedSubscriptions)
        {
            b.Append($"DELETE FROM {EngineTables.Subscriptions} WHERE id = ").Param(id).End();
        }
        if (e.NewSubscriptions.Count > 0)
        {
            b.Append($"INSERT INTO {EngineTables.Subscriptions} (id, kind, message_name, instance_id, business_key, token_id, element_id, definition_id, created_at) VALUES ");
            for (var i = 0; i < e.NewSubscriptions.Count; i++)
            {
                var s = e.NewSubscriptions[i];
                if (i > 0)
                {
                    b.Append(", ");
                }
                b.Row(s.Id, (int)s.Kind, s.MessageName, s.InstanceId, s.BusinessKey, s.TokenId, s.ElementId, s.DefinitionId, Ms(s.CreatedAt));
            }
            b.End();
        }
        foreach (var (id, at) in e.ResolvedIncidents)
        {
            b.Append($"UPDATE {EngineTables.Incidents} SET resolved_at = ").Param(Ms(at)).Append(" WHERE id = ").Param(id).End();
        }
        if (e.NewIncidents.Count > 0)
        {
            b.Append($"INSERT INTO {EngineTables.Incidents} (id, instance_id, token_id, element_id, process_key, kind, message, job_id, created_at, resolved_at) VALUES ");
            for (var i = 0; i < e.NewIncidents.Count; i++)
            {
                var x = e.NewIncidents[i];
                if (i > 0)
                {
                    b.Append(", ");
                }
                b.Row(x.Id, x.InstanceId, x.TokenId, x.ElementId, x.ProcessKey, x.Kind, x.Message, x.JobId, Ms(x.CreatedAt), null);
            }
            b.End();
        }
        AppendHistory(b, e.History);
        if (e.NotifyOtherNodes is { } notify && e.EarliestNewJob is { } due && due < notify.Before)
        {
            b.Append("SELECT pg_notify(").Param(notify.Channel).Append(", ").Param(Ms(due).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(")").End();
        }
    }

    /// <summary>One history row per instance (and actor) the step recorded events for, the events in their order.</summary>
    internal static void AppendHistory(SqlBatch b, IReadOnlyList<HistoryEntry> history)
    {
        if (history.Count == 0)
        {
            return;
        }
        b.Append($"INSERT INTO {EngineTables.History} (instance_id, process_key, timestamp, actor, event_count, events) VALUES ");
        var first = true;
        foreach (var row in history.GroupBy(h => (h.InstanceId, h.Actor)))
        {
            var head = row.First();
            if (!first)
            {
                b.Append(", ");
            }
            first = false;
            b.Row(head.InstanceId, head.ProcessKey, Ms(head.Timestamp), head.Actor, row.Count(), HistoryEvents.Serialize(row));
        }
        b.End();
    }
}
