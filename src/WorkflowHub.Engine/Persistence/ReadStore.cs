using WorkflowHub.Engine.Runtime;

namespace WorkflowHub.Engine.Persistence;

/// <summary>
/// Reads outside a step as plain SQL, for the API's per-request look-ups (a task, an instance with its open
/// incidents): on SQLite they run on the long-lived readers of <see cref="StepConnections"/> instead of renting a
/// context and opening a connection for each, which was most of a request's database time on the HTTP path.
/// </summary>
internal static class ReadStore
{
    private static readonly string InstanceWithIncidents =
        $"SELECT {string.Join(", ", InstanceStore.InstanceColumns.Split(", ").Select(c => "i." + c))}, "
        + $"(SELECT COUNT(*) FROM {EngineTables.Incidents} x WHERE x.instance_id = i.id AND x.resolved_at IS NULL) FROM {EngineTables.Instances} i WHERE i.id";

    private static readonly int IncidentsColumn = InstanceStore.InstanceColumns.Split(", ").Length;

    public static Task<UserTaskRecord?> TaskAsync(SqlSession session, string id, CancellationToken ct) =>
        session.QuerySingleAsync(new SqlBatch().Append($"SELECT {InstanceStore.TaskColumns} FROM {EngineTables.Tasks} WHERE id = ").Param(id), InstanceStore.ReadTask, ct);

    /// <summary>Instances by id, each with its count of unresolved incidents, in one statement.</summary>
    public static Task<List<(ProcessInstanceRecord Instance, int Incidents)>> InstancesAsync(SqlSession session, IReadOnlyList<string> ids, CancellationToken ct)
    {
        var sql = new SqlBatch().Append(InstanceWithIncidents);
        if (ids.Count == 1)
        {
            sql.Append(" = ").Param(ids[0]);
        }
        else
        {
            sql.Append(" IN (");
            for (var i = 0; i < ids.Count; i++)
            {
                (i == 0 ? sql : sql.Append(", ")).Param(ids[i]);
            }
            sql.Append(")");
        }
        return session.QueryListAsync(sql, r => (InstanceStore.ReadInstance(r, 0), Convert.ToInt32(r.GetValue(IncidentsColumn), System.Globalization.CultureInfo.InvariantCulture)), ct);
    }

    /// <summary>A definition's key and XML (compiling a model the cache does not hold yet).</summary>
    public static Task<Tuple<string, string>?> DefinitionSourceAsync(SqlSession session, string id, CancellationToken ct) =>
        session.QuerySingleAsync(new SqlBatch().Append($"SELECT key, xml FROM {EngineTables.Definitions} WHERE id = ").Param(id),
            r => Tuple.Create(r.GetString(0), r.GetString(1)), ct);
}
