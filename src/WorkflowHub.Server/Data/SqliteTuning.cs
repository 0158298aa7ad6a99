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
/// The settings stay with the native connection, which Microsoft.Data.Sqlite pools: they are sent once per native
/// connection, not at every open of a pooled one (every EF query opens one, so that was a statement per query).
/// With the engine's background checkpointer on (Engine:SqliteCheckpoint:Enabled, <see cref="WithoutAutoCheckpoint"/>),
/// no connection checkpoints at commit either: an Identity write that crossed SQLite's 1000 pages would otherwise do
/// the checkpoint's fsyncs inline and hold the file's write lock, and every engine step, meanwhile.
/// </summary>
internal sealed class SqliteTuning : DbConnectionInterceptor
{
    public const string JournalMode = "PRAGMA journal_mode=WAL;";
    private const string PerConnection = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";

    /// <summary>SQLite's own checkpointing: inline in the commit that crosses 1000 pages.</summary>
    public static readonly SqliteTuning Instance = new(PerConnection);

    /// <summary>For a server whose engine checkpoints in the background.</summary>
    public static readonly SqliteTuning WithoutAutoCheckpoint = new(PerConnection + " PRAGMA wal_autocheckpoint=0;");

    private readonly string _pragmas;

    /// <summary>The native connections already tuned (weakly held: a handle the pool drops is forgotten with it).</summary>
    private readonly ConditionalWeakTable<object, object> _tuned = new();

    private SqliteTuning(string pragmas) => _pragmas = pragmas;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } || _tuned.TryGetValue(handle, out _))
        {
            return;
        }
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
        _tuned.AddOrUpdate(handle, _tuned);
    }
}
