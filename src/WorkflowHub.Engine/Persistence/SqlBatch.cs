using System.Data.Common;
using System.Globalization;
using System.Text;

namespace WorkflowHub.Engine.Persistence;

/// <summary>
/// Several SQL statements sent as one command on the step's connection and transaction. Parameters are
/// positional names (@p0, @p1...) that both SQLite and Npgsql accept; values are only strings, integers,
/// booleans and nulls, so the SQL is the same on both providers.
/// </summary>
internal sealed class SqlBatch
{
    private readonly StringBuilder _sql = new();
    private readonly List<object?> _values = [];

    public bool IsEmpty => _sql.Length == 0;

    public SqlBatch Append(string text)
    {
        _sql.Append(text);
        return this;
    }

    /// <summary>Adds a parameter and writes its placeholder into the SQL.</summary>
    public SqlBatch Param(object? value)
    {
        _sql.Append("@p").Append(_values.Count.ToString(CultureInfo.InvariantCulture));
        _values.Add(value);
        return this;
    }

    /// <summary>Writes "(@a, @b, ...)" for one row of values.</summary>
    public SqlBatch Row(params object?[] values)
    {
        _sql.Append('(');
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                _sql.Append(", ");
            }
            Param(values[i]);
        }
        _sql.Append(')');
        return this;
    }

    public SqlBatch End() => Append(";\n");

    public DbCommand ToCommand(DbConnection connection, DbTransaction? transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = _sql.ToString();
        for (var i = 0; i < _values.Count; i++)
        {
            var p = command.CreateParameter();
            p.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
            p.Value = _values[i] ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        return command;
    }

    public async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        if (IsEmpty)
        {
            return 0;
        }
        await using var command = ToCommand(connection, transaction);
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    internal static long Ms(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    internal static long? Ms(DateTimeOffset? value) => value?.ToUnixTimeMilliseconds();
}
