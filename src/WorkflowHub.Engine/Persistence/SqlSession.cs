using System.Data.Common;

namespace WorkflowHub.Engine.Persistence;

/// <summary>
/// Where SQL runs: a connection, its transaction if any, and on SQLite's long-lived writer the commands it keeps
/// prepared. Several statements go to PostgreSQL as one batch (one round trip); SQLite, in process, runs them one
/// by one, each with only its own parameters to bind.
/// </summary>
internal sealed class SqlSession(DbConnection connection, DbTransaction? transaction, PreparedCommands? prepared = null)
{
    public DbConnection Connection => connection;
    public DbTransaction? Transaction => transaction;

    public async Task<T?> QuerySingleAsync<T>(SqlBatch sql, Func<DbDataReader, T> read, CancellationToken ct)
        where T : class
    {
        var command = Rent(Single(sql));
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false) ? read(reader) : null;
        }
        finally
        {
            await ReturnAsync(command).ConfigureAwait(false);
        }
    }

    public async Task<List<T>> QueryListAsync<T>(SqlBatch sql, Func<DbDataReader, T> read, CancellationToken ct)
    {
        var command = Rent(Single(sql));
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var list = new List<T>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                list.Add(read(reader));
            }
            return list;
        }
        finally
        {
            await ReturnAsync(command).ConfigureAwait(false);
        }
    }

    public async Task<object?> ScalarAsync(SqlBatch sql, CancellationToken ct)
    {
        var command = Rent(Single(sql));
        try
        {
            return await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            await ReturnAsync(command).ConfigureAwait(false);
        }
    }

    /// <summary>Runs every statement in order and records what each changed in <see cref="SqlStatement.RecordsAffected"/>.</summary>
    public async Task ExecuteAsync(SqlBatch sql, CancellationToken ct)
    {
        var statements = sql.Statements;
        if (statements.Count > 1 && prepared is null && connection.CanCreateBatch)
        {
            await ExecuteAsBatchAsync(statements, ct).ConfigureAwait(false);
            return;
        }
        foreach (var statement in statements)
        {
            var command = Rent(statement);
            try
            {
                statement.RecordsAffected = await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            finally
            {
                await ReturnAsync(command).ConfigureAwait(false);
            }
        }
    }

    private async Task ExecuteAsBatchAsync(IReadOnlyList<SqlStatement> statements, CancellationToken ct)
    {
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        foreach (var statement in statements)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = statement.Text;
            AddParameters(command.Parameters, command.CreateParameter, statement.Values);
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        for (var i = 0; i < statements.Count; i++)
        {
            statements[i].RecordsAffected = batch.BatchCommands[i].RecordsAffected;
        }
    }

    internal static DbCommand Create(DbConnection connection, DbTransaction? transaction, SqlStatement statement)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = statement.Text;
        AddParameters(command.Parameters, command.CreateParameter, statement.Values);
        return command;
    }

    private static void AddParameters(DbParameterCollection parameters, Func<DbParameter> create, object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var p = create();
            p.ParameterName = SqlBatch.ParameterName(i);
            p.Value = values[i] ?? DBNull.Value;
            parameters.Add(p);
        }
    }

    private static SqlStatement Single(SqlBatch sql) =>
        sql.Statements is [var only] ? only : throw new ArgumentException("A query is one statement.", nameof(sql));

    private DbCommand Rent(SqlStatement statement) =>
        prepared?.Bind(statement, transaction) ?? Create(connection, transaction, statement);

    private ValueTask ReturnAsync(DbCommand command) => prepared is null ? command.DisposeAsync() : ValueTask.CompletedTask;
}
