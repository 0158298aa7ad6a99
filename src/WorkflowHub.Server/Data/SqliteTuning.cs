using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace WorkflowHub.Server.Data;

/// <summary>
/// How the server runs SQLite: write-ahead logging (set once, it stays with the file) so readers never block the
/// writer, and synchronous=NORMAL on every connection, the setting SQLite recommends with WAL: a commit survives a
/// crash of the process; only a power loss can take back the last commits. Engine steps queue in-process for the
/// engine's one long-lived writer connection instead of sleeping on a busy database.
/// </summary>
internal sealed class SqliteTuning : DbConnectionInterceptor
{
    public const string JournalMode = "PRAGMA journal_mode=WAL;";
    private const string PerConnection = "PRAGMA synchronous=NORMAL;";

    public static readonly SqliteTuning Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection)
        {
            return;
        }
        using var command = connection.CreateCommand();
        command.CommandText = PerConnection;
        command.ExecuteNonQuery();
    }
}
