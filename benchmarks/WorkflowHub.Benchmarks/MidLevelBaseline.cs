using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Persistence;

namespace WorkflowHub.Benchmarks;

/// <summary>
/// The mid-level baseline: plain ADO.NET writing, per instance, the rows the engine wrote for its first warm-up
/// instance (instance row with its JSON state, task row, each step's history rows) in two transactions, with
/// the reads a step makes (definition, task, instance) and the client's task lookup. No EF Core, no engine logic:
/// the gap to the engine is the engine's own cost; the gap to the bare loop is the cost of the rows.
/// </summary>
/// <param name="synchronous">PRAGMA synchronous set on every connection open (FULL, NORMAL, OFF), or null for SQLite's default.</param>
internal sealed class MidLevelBaseline(string path, EngineRows rows, string? synchronous) : IScenario
{
    private readonly string _connectionString = SqliteFiles.ConnectionString(path);
    private readonly WriteGate _gate = new();
    private (SqliteConnection Connection, PreparedCommands Prepared)? _writer;
    private readonly System.Collections.Concurrent.ConcurrentBag<(SqliteConnection Connection, PreparedCommands Prepared)> _readers = [];

    public string Name => "plain ADO.NET, engine's rows";

    public async Task SetupAsync()
    {
        var options = new DbContextOptionsBuilder<BenchDbContext>().UseSqlite(_connectionString).Options;
        await using (var db = new BenchDbContext(options))
        {
            await db.Database.EnsureCreatedAsync();
            db.Add(new ProcessDefinitionRecord
            {
                Id = rows.Started.DefinitionId,
                Key = rows.Started.ProcessKey,
                Version = rows.Started.ProcessVersion,
                ContentHash = "bench",
                Xml = EngineBench.Xml,
                ResourceName = "bench.bpmn",
                DeploymentId = "bench",
                DeployedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }
        SqliteFiles.EnableWal(_connectionString);
    }

    public string Describe() => SqliteFiles.Describe(_connectionString, synchronous) + string.Create(CultureInfo.InvariantCulture,
        $"; per instance: 1 instance row ({rows.Started.State.Length} + {rows.Ended.State.Length} chars of state), 1 task row, {rows.StartHistory.Count} + {rows.CompleteHistory.Count} history rows ({rows.StartHistory.Sum(h => h.EventCount)} + {rows.CompleteHistory.Sum(h => h.EventCount)} events)");

    public async Task<RunResult> RunAsync(int firstInstance, int count, int clients)
    {
        var measurement = new Measurement();
        await Measurement.RunClientsAsync(count, clients, i => InstanceAsync(firstInstance + i));
        return measurement.Stop(Name, count);
    }

    private async Task InstanceAsync(int i)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var instanceId = Guid.CreateVersion7().ToString();
        var taskId = Guid.CreateVersion7().ToString();
        var businessKey = "order-" + i.ToString(CultureInfo.InvariantCulture);
        var t = rows.Task;

        // Step 1: start. Reads the latest definition, inserts the instance, the task and the history.
        using (await _gate.EnterAsync())
        {
            var writer = Writer();
            await using var tx = (SqliteTransaction)await writer.Connection.BeginTransactionAsync();
            var session = new SqlSession(writer.Connection, tx, writer.Prepared);
            await ReadAsync(session, "SELECT id, key, version, name, content_hash, resource_name, deployment_id, deployed_at, deployed_by FROM wf_definitions WHERE key = @p0 ORDER BY version DESC LIMIT 1",
                rows.Started.ProcessKey);
            var batch = new SqlBatch()
                .Append("INSERT INTO wf_instances (id, definition_id, process_key, process_version, business_key, status, state, revision, started_at, ended_at, started_by, super_instance_id, super_token_id) VALUES ")
                .Row(instanceId, rows.Started.DefinitionId, rows.Started.ProcessKey, rows.Started.ProcessVersion, businessKey, 0, rows.Started.State, 1, now, null, null, null, null).End()
                .Append("INSERT INTO wf_tasks (id, instance_id, token_id, element_id, name, process_key, business_key, assignee, candidate_users, candidate_groups, due_date, follow_up_date, priority, form_key, created_at, claimed_at, claimed_by) VALUES ")
                .Row(taskId, instanceId, t.TokenId, t.ElementId, t.Name, t.ProcessKey, businessKey, null, null, null, null, null, t.Priority, null, now, null, null).End();
            History(batch, rows.StartHistory, instanceId, taskId, now);
            await session.ExecuteAsync(batch, CancellationToken.None);
            await tx.CommitAsync();
        }

        // The client looks the task up, on a long-lived reader as the engine's inbox query does.
        {
            var reader = _readers.TryTake(out var idle) ? idle : Open();
            await ReadAsync(new SqlSession(reader.Connection, null, reader.Prepared), "SELECT id, instance_id, token_id, element_id, name, process_key, business_key, assignee, candidate_users, candidate_groups, due_date, follow_up_date, priority, form_key, created_at, claimed_at, claimed_by FROM wf_tasks WHERE instance_id = @p0 ORDER BY created_at, id LIMIT 50",
                instanceId);
            _readers.Add(reader);
        }

        // Step 2: complete. Reads task and instance, updates the instance under its revision, deletes the task, writes history.
        using (await _gate.EnterAsync())
        {
            var writer = Writer();
            await using var tx = (SqliteTransaction)await writer.Connection.BeginTransactionAsync();
            var session = new SqlSession(writer.Connection, tx, writer.Prepared);
            await ReadAsync(session, "SELECT id, instance_id, token_id, element_id, name, process_key, business_key, assignee, candidate_users, candidate_groups, due_date, follow_up_date, priority, form_key, created_at, claimed_at, claimed_by FROM wf_tasks WHERE id = @p0", taskId);
            await ReadAsync(session, "SELECT id, definition_id, process_key, process_version, business_key, status, state, revision, started_at, ended_at, started_by, super_instance_id, super_token_id FROM wf_instances WHERE id = @p0", instanceId);
            var batch = new SqlBatch()
                .Append("UPDATE wf_instances SET status = ").Param(1).Append(", state = ").Param(rows.Ended.State).Append(", revision = ").Param(2)
                .Append(", ended_at = ").Param(now).Append(" WHERE id = ").Param(instanceId).Append(" AND revision = ").Param(1).End()
                .Append("DELETE FROM wf_task_candidates WHERE task_id = ").Param(taskId).End()
                .Append("DELETE FROM wf_tasks WHERE id = ").Param(taskId).End();
            History(batch, rows.CompleteHistory, instanceId, taskId, now);
            await session.ExecuteAsync(batch, CancellationToken.None);
            if (batch.Statements[0].RecordsAffected != 1)
            {
                throw new InvalidOperationException("revision check failed");
            }
            await tx.CommitAsync();
        }
    }

    /// <summary>The long-lived writer connection with its prepared commands, as the engine keeps one on SQLite.</summary>
    private (SqliteConnection Connection, PreparedCommands Prepared) Writer() => _writer ??= Open();

    private (SqliteConnection Connection, PreparedCommands Prepared) Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        SqliteFiles.ApplySynchronous(connection, synchronous);
        return (connection, new PreparedCommands(connection));
    }

    /// <summary>The step's history rows as the engine wrote them, for the new instance and task.</summary>
    private void History(SqlBatch batch, IReadOnlyList<HistoryRecord> history, string instanceId, string taskId, long now)
    {
        if (history.Count == 0)
        {
            return;
        }
        batch.Append("INSERT INTO wf_history (instance_id, process_key, timestamp, actor, event_count, events) VALUES ");
        for (var i = 0; i < history.Count; i++)
        {
            var h = history[i];
            if (i > 0)
            {
                batch.Append(", ");
            }
            batch.Row(instanceId, h.ProcessKey, now, h.Actor, h.EventCount, h.Events.Replace(rows.Task.Id, taskId, StringComparison.Ordinal));
        }
        batch.End();
    }

    private static async Task ReadAsync(SqlSession session, string sql, object value)
    {
        var around = sql.Split("@p0");
        await session.QueryListAsync(new SqlBatch().Append(around[0]).Param(value).Append(around[1]), r =>
        {
            for (var f = 0; f < r.FieldCount; f++)
            {
                _ = r.GetValue(f);
            }
            return true;
        }, CancellationToken.None);
    }
}
