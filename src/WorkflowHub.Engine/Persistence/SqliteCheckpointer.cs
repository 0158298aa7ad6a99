using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowHub.Engine.Runtime;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Engine.Persistence;

/// <summary>
/// Takes SQLite's WAL checkpoints off the commit path (Engine:SqliteCheckpoint). SQLite's automatic checkpoint runs in
/// the commit that crosses 1000 pages and fsyncs the log and the database file there, while every queued step waits
/// for the one writer (profiled at about a quarter of the engine's time). Here the writer gets
/// wal_autocheckpoint=0 and a loop on a connection of its own runs a passive checkpoint every interval, which copies
/// pages without waiting for anyone. A passive checkpoint cannot finish while steps keep committing, and the log
/// only starts over from its beginning once one has, so past <see cref="SqliteCheckpointOptions.MaxWalPages"/> the
/// loop holds the step queue for a restarting checkpoint; most pages are already copied by then, so the pause is
/// short. Durability is unchanged: a commit is durable in the log (synchronous=NORMAL in WAL), a checkpoint only
/// moves pages into the database file. Only on a SQLite file in WAL mode; on PostgreSQL or another journal mode
/// nothing is done.
/// </summary>
internal sealed class SqliteCheckpointer(
    IEngineDbContextFactory contexts,
    IOptions<EngineOptions> options,
    TimeProvider time,
    ILogger<SqliteCheckpointer> logger) : IAsyncDisposable
{
    private readonly SqliteCheckpointOptions _options = options.Value.SqliteCheckpoint;
    private readonly SemaphoreSlim _connectionLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private DbContext? _db;
    private Task? _loop;
    private StepConnections? _steps;
    private bool _notApplicable;
    private bool _disposed;

    /// <summary>Whether the background loop runs (and the engine's writer therefore does not checkpoint at commit).</summary>
    public bool Running => _loop is not null;

    /// <summary>
    /// Starts the loop once the database is a SQLite file in WAL mode. Not remembered as a refusal while the file is not
    /// in WAL yet (a host migrates it after the engine is built); remembered once the provider is not SQLite.
    /// </summary>
    public async Task<bool> EnsureStartedAsync(CancellationToken ct)
    {
        if (_loop is not null || _notApplicable || !_options.Enabled)
        {
            return _loop is not null;
        }
        await _connectionLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_loop is not null || _notApplicable || _disposed)
            {
                return _loop is not null;
            }
            var db = contexts.CreateDbContext();
            if (db.Database.ProviderName?.Contains("Sqlite", StringComparison.OrdinalIgnoreCase) != true)
            {
                _notApplicable = true;
                await db.DisposeAsync().ConfigureAwait(false);
                return false;
            }
            await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
            var connection = db.Database.GetDbConnection();
            var mode = await ScalarAsync(connection, "PRAGMA journal_mode;", ct).ConfigureAwait(false);
            if (!string.Equals(mode as string, "wal", StringComparison.OrdinalIgnoreCase))
            {
                await db.DisposeAsync().ConfigureAwait(false);
                return false;
            }
            // This connection writes nothing, but a pooled native connection may later serve a writer.
            await ScalarAsync(connection, "PRAGMA wal_autocheckpoint=0;", ct).ConfigureAwait(false);
            _db = db;
            _loop = Task.Run(() => LoopAsync(_stop.Token), CancellationToken.None);
            return true;
        }
        finally
        {
            _connectionLock.Release();
        }
    }

    /// <summary>
    /// The engine opened its writer: with the loop running, it no longer checkpoints at commit; the loop may hold the
    /// step queue of <paramref name="steps"/> for a restarting checkpoint.
    /// </summary>
    public async Task WriterOpenedAsync(StepConnections steps, DbConnection writer, CancellationToken ct)
    {
        if (!await EnsureStartedAsync(ct).ConfigureAwait(false))
        {
            return;
        }
        _steps = steps;
        await ScalarAsync(writer, "PRAGMA wal_autocheckpoint=0;", ct).ConfigureAwait(false);
    }

    /// <summary>
    /// One round: a passive checkpoint, and past the page bound a restarting one with the step queue held.
    /// The loop calls it every interval; tests call it directly.
    /// </summary>
    public async Task<CheckpointResult> CheckpointAsync(CancellationToken ct)
    {
        var passive = await RunAsync("PASSIVE", ct).ConfigureAwait(false);
        if (passive.LogPages < _options.MaxWalPages)
        {
            return passive;
        }
        var hold = _steps is { } steps ? await steps.HoldWriterAsync(ct).ConfigureAwait(false) : null;
        try
        {
            var restart = await RunAsync("RESTART", ct).ConfigureAwait(false);
            if (restart.Busy)
            {
                logger.LogWarning("The SQLite log has {Pages} pages and a reader kept the checkpoint from restarting it for {Timeout}; trying again in {Interval}.",
                    restart.LogPages, _options.BusyTimeout, _options.Interval);
            }
            return restart with { Restarted = !restart.Busy };
        }
        finally
        {
            hold?.Dispose();
        }
    }

    /// <summary>The log's pages as they stand (a passive checkpoint reports them), for tests.</summary>
    internal async Task<CheckpointResult> RunAsync(string mode, CancellationToken ct)
    {
        await _connectionLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var connection = (_db ?? throw new InvalidOperationException("The checkpointer is not running.")).Database.GetDbConnection();
            // A passive checkpoint never waits; the busy timeout bounds how long a restarting one waits for readers.
            var timeout = mode == "PASSIVE" ? 0 : (long)_options.BusyTimeout.TotalMilliseconds;
            await ScalarAsync(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout={timeout};"), ct).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA wal_checkpoint({mode});";
            // Microsoft.Data.Sqlite retries a busy statement until the command timeout: not past the busy timeout.
            command.CommandTimeout = Math.Max(1, (int)Math.Ceiling(_options.BusyTimeout.TotalSeconds));
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.ReadAsync(ct).ConfigureAwait(false);
            return new CheckpointResult(reader.GetInt64(0) != 0, reader.GetInt64(1), reader.GetInt64(2), false);
        }
        finally
        {
            _connectionLock.Release();
        }
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.Interval, time, ct).ConfigureAwait(false);
                await CheckpointAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A failed round (disk full, file gone) is tried again next interval; commits still go to the log.
                logger.LogWarning(ex, "A background SQLite checkpoint failed; trying again in {Interval}.", _options.Interval);
            }
        }
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Stops the loop and, the engine's writer being closed by now, truncates the log to nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        await _connectionLock.WaitAsync().ConfigureAwait(false);
        _disposed = true;
        _connectionLock.Release();
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is { } loop)
        {
            await loop.ConfigureAwait(false);
        }
        if (_db is { } db)
        {
            try
            {
                var result = await RunAsync("TRUNCATE", CancellationToken.None).ConfigureAwait(false);
                if (result.Busy)
                {
                    logger.LogWarning("The SQLite log was not truncated at shutdown: a reader still used it after {Timeout}.", _options.BusyTimeout);
                }
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "The SQLite log was not truncated at shutdown.");
            }
            _db = null;
            await db.DisposeAsync().ConfigureAwait(false);
        }
        _stop.Dispose();
    }
}

/// <param name="Busy">The checkpoint could not finish (a restart or truncate gave up waiting for a reader).</param>
/// <param name="LogPages">Pages in the log (-1 when the database is not in WAL mode).</param>
/// <param name="CheckpointedPages">Pages of the log copied into the database file.</param>
/// <param name="Restarted">The round held the steps and started the log over.</param>
internal sealed record CheckpointResult(bool Busy, long LogPages, long CheckpointedPages, bool Restarted);
