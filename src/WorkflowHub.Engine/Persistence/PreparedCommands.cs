using System.Data.Common;

namespace WorkflowHub.Engine.Persistence;

/// <summary>
/// Commands kept prepared on one long-lived connection, by statement text: a statement the engine runs at every
/// step is parsed once, and each run only binds its values. Bounded, since texts of unusual shapes (a step that
/// writes many rows at once) are built as they come.
/// </summary>
internal sealed class PreparedCommands(DbConnection connection) : IDisposable
{
    private const int Capacity = 512;
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The statement's command with its values bound; it stays owned by this cache.</summary>
    public DbCommand Bind(SqlStatement statement, DbTransaction? transaction)
    {
        if (!_commands.TryGetValue(statement.Text, out var command))
        {
            if (_commands.Count >= Capacity)
            {
                Dispose();
            }
            command = SqlSession.Create(connection, transaction, statement);
            command.Prepare();
            _commands.Add(statement.Text, command);
            return command;
        }
        command.Transaction = transaction;
        var parameters = command.Parameters;
        for (var i = 0; i < statement.Values.Length; i++)
        {
            parameters[i].Value = statement.Values[i] ?? DBNull.Value;
        }
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
        _commands.Clear();
    }
}
