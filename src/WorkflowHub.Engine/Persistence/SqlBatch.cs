using System.Globalization;
using System.Text;

namespace WorkflowHub.Engine.Persistence;

/// <summary>
/// One SQL statement and its values. Parameters are @p0, @p1... counted within the statement, so a statement of
/// the same shape always has the same text and a long-lived connection can keep it prepared.
/// </summary>
internal sealed class SqlStatement(string text, object?[] values)
{
    public string Text { get; } = text;
    public object?[] Values { get; } = values;

    /// <summary>The rows the statement changed, once it ran through <see cref="SqlSession.ExecuteAsync"/>.</summary>
    public int RecordsAffected { get; internal set; }
}

/// <summary>
/// Statements built for the step's own connection and transaction. Values are only strings, integers, booleans
/// and nulls, so the SQL is the same on SQLite and PostgreSQL.
/// </summary>
internal sealed class SqlBatch
{
    private static readonly string[] ParameterNames = Enumerable.Range(0, 64).Select(i => "@p" + i.ToString(CultureInfo.InvariantCulture)).ToArray();

    private readonly StringBuilder _sql = new();
    private readonly List<object?> _values = [];
    private readonly List<SqlStatement> _statements = [];

    public bool IsEmpty => _statements.Count == 0 && _sql.Length == 0;

    /// <summary>Every statement, the one being written included.</summary>
    public IReadOnlyList<SqlStatement> Statements
    {
        get
        {
            End();
            return _statements;
        }
    }

    public SqlBatch Append(string text)
    {
        _sql.Append(text);
        return this;
    }

    /// <summary>Adds a parameter and writes its placeholder into the statement.</summary>
    public SqlBatch Param(object? value)
    {
        _sql.Append(ParameterName(_values.Count));
        _values.Add(value);
        return this;
    }

    /// <summary>
    /// Writes " LIMIT n" with the count in the text, not as a parameter. SQLite (3.47 on) plans a statement whose
    /// LIMIT is a parameter for the value bound, and so compiles it again at the first run after every bind: a
    /// command kept prepared would be parsed and planned at each run (the inbox query at every request on issue 15's
    /// HTTP path, about a fifth of a find's CPU). A count is an integer, never text from a user, and each one makes
    /// a statement of its own, kept prepared like any other.
    /// </summary>
    public SqlBatch Limit(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _sql.Append(" LIMIT ").Append(count.ToString(CultureInfo.InvariantCulture));
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

    /// <summary>Adds a whole statement written by a host, with its own @p0… parameters.</summary>
    public SqlBatch Statement(string text, IEnumerable<object?> values)
    {
        End();
        _statements.Add(new SqlStatement(text, values.ToArray()));
        return this;
    }

    /// <summary>Closes the statement being written; the next Append starts another.</summary>
    public SqlBatch End()
    {
        if (_sql.Length > 0)
        {
            _statements.Add(new SqlStatement(_sql.ToString(), _values.ToArray()));
            _sql.Clear();
            _values.Clear();
        }
        return this;
    }

    internal static string ParameterName(int index) =>
        index < ParameterNames.Length ? ParameterNames[index] : "@p" + index.ToString(CultureInfo.InvariantCulture);

    internal static long Ms(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    internal static long? Ms(DateTimeOffset? value) => value?.ToUnixTimeMilliseconds();
}
