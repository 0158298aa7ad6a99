using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace WorkflowHub.Server.Data;

/// <summary>
/// How the server runs SQLite: write-ahead logging (set once, it stays with the file) so readers never block the
/// writer, and synchronous=NORMAL on every connection, the setting SQLite recommends with WAL: a commit survives a
/// crash of the process; only a power loss can take back the last commits. Engine steps queue in-process for the
/// engine's one long-lived writer connection instead of sleeping on a busy database.
/// Other writers (Identity, webhook logs, host rows) meet the engine's writer on the file lock: busy_timeout makes
/// SQLite wait for the lock itself, in steps of 1 to 100 ms, instead of answering SQLITE_BUSY, on which
/// Microsoft.Data.Sqlite sleeps 150 ms before it tries again (seen as most of the HTTP path's latency).
/// </summary>
internal sealed class SqliteTuning : DbConnectionInterceptor
{
    public const string JournalMode = "PRAGMA journal_mode=WAL;";
    private const string PerConnection = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";

    public static readonly SqliteTuning Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The native connections already tuned. Both settings stay with a native connection, and Microsoft.Data.Sqlite
    /// pools native connections, so a pooled open (several per API request) skips the two statements; a
    /// native connection that is closed for good is collected and leaves the table by itself.
    /// </summary>
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Tuned = new();

    private static void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } || Tuned.TryGetValue(handle, out _))
        {
            return;
        }
        using (var command = connection.CreateCommand())
        {
            command.CommandText = PerConnection;
            command.ExecuteNonQuery();
        }
        Tuned.AddOrUpdate(handle, Marker);
    }

    private static readonly object Marker = new();
}
