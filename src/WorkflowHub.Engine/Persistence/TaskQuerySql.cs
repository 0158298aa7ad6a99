using WorkflowHub.Engine.Services;

namespace WorkflowHub.Engine.Persistence;

/// <summary>
/// The inbox query as plain SQL: every list of open tasks (a user's inbox on each page load, a client looking for
/// the task it just caused) goes through it, and building it through LINQ cost more than running it.
/// </summary>
internal static class TaskQuerySql
{
    public static async Task<(List<UserTaskRecord> Rows, int Total)> RunAsync(SqlSession session, TaskQuery query, int page, int size, CancellationToken ct)
    {
        var select = new SqlBatch().Append($"SELECT {InstanceStore.TaskColumns} FROM {EngineTables.Tasks} t");
        Where(select, query);
        select.Append(" ORDER BY ").Append(OrderBy(query)).Append(", t.id").Limit(size).Append(" OFFSET ").Param((page - 1) * size);
        var rows = await session.QueryListAsync(select, InstanceStore.ReadTask, ct).ConfigureAwait(false);
        if (page == 1 && rows.Count < size)
        {
            return (rows, rows.Count);
        }
        var count = new SqlBatch().Append($"SELECT COUNT(*) FROM {EngineTables.Tasks} t");
        Where(count, query);
        var total = Convert.ToInt32(await session.ScalarAsync(count, ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        return (rows, total);
    }

    private static void Where(SqlBatch sql, TaskQuery q)
    {
        var and = " WHERE ";
        void Condition(string column, object value)
        {
            sql.Append(and).Append(column).Append(" = ").Param(value);
            and = " AND ";
        }
        if (q.Assignee is not null)
        {
            Condition("t.assignee", q.Assignee);
        }
        if (q.BusinessKey is not null)
        {
            Condition("t.business_key", q.BusinessKey);
        }
        if (q.ProcessKey is not null)
        {
            Condition("t.process_key", q.ProcessKey);
        }
        if (q.InstanceId is not null)
        {
            Condition("t.instance_id", q.InstanceId);
        }
        if (!string.IsNullOrWhiteSpace(q.Text))
        {
            // A parameter with LIKE's wildcards escaped: the user's text is matched as it stands, on both providers.
            var pattern = "%" + EscapeLike(q.Text.Trim().ToLowerInvariant()) + "%";
            sql.Append(and).Append("(LOWER(t.name) LIKE ").Param(pattern).Append(" ESCAPE '\\' OR LOWER(t.business_key) LIKE ").Param(pattern)
                .Append(" ESCAPE '\\' OR LOWER(t.process_key) LIKE ").Param(pattern).Append(" ESCAPE '\\')");
            and = " AND ";
        }
        if (q.DueBefore is { } due)
        {
            sql.Append(and).Append("t.due_date IS NOT NULL AND t.due_date < ").Param(SqlBatch.Ms(due));
            and = " AND ";
        }
        if (q.CandidateUser is not null || q.CandidateGroups is { Count: > 0 })
        {
            sql.Append(and);
            OfferedTo(sql, q.CandidateUser, q.CandidateGroups);
            and = " AND ";
            if (q.UnassignedOnly)
            {
                sql.Append(" AND t.assignee IS NULL");
            }
        }
        if (q.InvolvedUser is not null)
        {
            // Assigned or offered, as one set of ids drawn from two indexes: an OR across the two would scan every task.
            sql.Append(and);
            OfferedTo(sql, q.InvolvedUser, q.InvolvedGroups, assignee: q.InvolvedUser);
        }
    }

    /// <summary>
    /// The task is offered to the user by name or to one of the groups (or assigned to <paramref name="assignee"/>).
    /// Written as "id IN (ids from the candidates' index)", so a staff member in 3 of 300 groups reads their own
    /// tasks instead of testing every open task (measured with the harness's inbox scenario).
    /// </summary>
    private static void OfferedTo(SqlBatch sql, string? user, IReadOnlyCollection<string>? groups, string? assignee = null)
    {
        sql.Append($"t.id IN (SELECT c.task_id FROM {EngineTables.TaskCandidates} c WHERE (");
        var or = "";
        if (user is not null)
        {
            sql.Append("(c.kind = ").Param((int)CandidateKind.User).Append(" AND c.value = ").Param(user).Append(")");
            or = " OR ";
        }
        if (groups is { Count: > 0 })
        {
            sql.Append(or).Append("(c.kind = ").Param((int)CandidateKind.Group).Append(" AND c.value IN (");
            var first = true;
            foreach (var group in groups)
            {
                sql.Append(first ? "" : ", ").Param(group);
                first = false;
            }
            sql.Append("))");
            or = " OR ";
        }
        if (or.Length == 0)
        {
            sql.Append("1 = 0");
        }
        sql.Append(")");
        if (assignee is not null)
        {
            sql.Append($" UNION SELECT a.id FROM {EngineTables.Tasks} a WHERE a.assignee = ").Param(assignee);
        }
        sql.Append(")");
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static string OrderBy(TaskQuery q) => (q.Sort, q.Descending) switch
    {
        (TaskSort.Due, false) => "(t.due_date IS NULL), t.due_date",
        (TaskSort.Due, true) => "(t.due_date IS NULL), t.due_date DESC",
        (TaskSort.Priority, false) => "t.priority",
        (TaskSort.Priority, true) => "t.priority DESC",
        (_, false) => "t.created_at",
        (_, true) => "t.created_at DESC",
    };
}
