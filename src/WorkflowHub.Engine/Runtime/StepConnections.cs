using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Engine.Runtime;

/// <summary>
/// Hands out the engine's connections. SQLite admits one writer at a time, and a blocked writer in
/// Microsoft.Data.Sqlite sleeps before it retries, so SQLite steps queue here, first come first served, for one
/// long-lived writer: a DbContext whose connection stays open and keeps the engine's statements prepared. Hot reads
/// (the inbox) on SQLite take one of a few long-lived readers the same way, without queueing behind the writer.
/// PostgreSQL steps and reads each lease a pooled context and run side by side.
/// </summary>
internal sealed class StepConnections(IEngineDbContextFactory contexts, SqliteCheckpointer checkpointer) : IAsyncDisposable
{
    private const int IdleReaders = 8;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentBag<StepConnection> _readers = [];

    /// <summary>How many readers are in <see cref="_readers"/>: the bag's own Count takes all of its locks.</summary>
    private int _idleReaders;
    private StepConnection? _writer;

    /// <summary>SQLite steps waiting for the writer now.</summary>
    private int _queuedWriters;
    private bool? _sqlite;

    /// <summary>The connection for one step: on SQLite, the writer once it is free.</summary>
    public async Task<StepConnection> AcquireAsync(CancellationToken ct)
    {
        if (await PooledUnlessSqliteAsync(ct).ConfigureAwait(false) is { } pooled)
        {
            return pooled;
        }
        Interlocked.Increment(ref _queuedWriters);
        try
        {
            await _gate.WaitAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _queuedWriters);
        }
        try
        {
            if (_writer is null)
            {
                var writer = await OpenAsync(contexts.CreateDbContext(), this, StepConnectionRole.Writer, ct).ConfigureAwait(false);
                try
                {
                    await checkpointer.WriterOpenedAsync(this, writer.Connection, ct).ConfigureAwait(false);
                }
                catch
                {
                    await writer.CloseAsync().ConfigureAwait(false);
                    throw;
                }
                _writer = writer;
            }
            return _writer;
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    /// <summary>
    /// Holds the SQLite writer's queue (no step runs) until the result is disposed: the checkpointer's restarting
    /// checkpoint finishes only while nothing commits.
    /// </summary>
    internal async Task<IDisposable> HoldWriterAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        return new Held(_gate);
    }

    private sealed class Held(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }

    /// <summary>Runs a read outside any step; on SQLite on one of the long-lived readers.</summary>
    public async Task<T> ReadAsync<T>(Func<SqlSession, CancellationToken, Task<T>> read, CancellationToken ct)
    {
        var connection = await PooledUnlessSqliteAsync(ct).ConfigureAwait(false)
            ?? (TryTakeReader(out var idle) ? idle : await OpenAsync(contexts.CreateDbContext(), this, StepConnectionRole.Reader, ct).ConfigureAwait(false));
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                return await read(connection.Session(null), ct).ConfigureAwait(false);
            }
            catch
            {
                connection.MarkBroken();
                throw;
            }
        }
    }

    /// <summary>
    /// A connection goes back: the writer to the queue, a reader to the idle ones. One whose work failed
    /// unexpectedly is closed, and the next caller opens another.
    /// </summary>
    internal async ValueTask ReturnAsync(StepConnection connection, bool broken)
    {
        var writer = connection.Role == StepConnectionRole.Writer;
        try
        {
            if (broken || (!writer && !ReserveIdleReader()))
            {
                if (writer)
                {
                    _writer = null;
                }
                await connection.CloseAsync().ConfigureAwait(false);
            }
            else
            {
                connection.Reset();
                if (!writer)
                {
                    _readers.Add(connection);
                }
            }
        }
        finally
        {
            if (writer)
            {
                _gate.Release();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is { } writer)
        {
            _writer = null;
            await writer.CloseAsync().ConfigureAwait(false);
        }
        while (TryTakeReader(out var reader))
        {
            await reader.CloseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>SQLite steps waiting for the writer now (tests).</summary>
    internal int QueuedWriters => Volatile.Read(ref _queuedWriters);

    /// <summary>The idle readers kept (tests).</summary>
    internal int IdleReaderCount => _readers.Count;

    private bool TryTakeReader(out StepConnection reader)
    {
        if (_readers.TryTake(out reader!))
        {
            Interlocked.Decrement(ref _idleReaders);
            return true;
        }
        return false;
    }

    /// <summary>A place among the idle readers, or false when <see cref="IdleReaders"/> are idle already.</summary>
    private bool ReserveIdleReader()
    {
        if (Interlocked.Increment(ref _idleReaders) <= IdleReaders)
        {
            return true;
        }
        Interlocked.Decrement(ref _idleReaders);
        return false;
    }

    /// <summary>A pooled context of its own unless the database is SQLite (found out once, from the first context).</summary>
    private async Task<StepConnection?> PooledUnlessSqliteAsync(CancellationToken ct)
    {
        if (_sqlite == true)
        {
            return null;
        }
        var db = contexts.CreateDbContext();
        _sqlite ??= db.Database.ProviderName?.Contains("Sqlite", StringComparison.OrdinalIgnoreCase) == true;
        if (_sqlite == false)
        {
            return await OpenAsync(db, null, StepConnectionRole.Pooled, ct).ConfigureAwait(false);
        }
        await db.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    private static async Task<StepConnection> OpenAsync(DbContext db, StepConnections? owner, StepConnectionRole role, CancellationToken ct)
    {
        try
        {
            await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await db.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new StepConnection(db, owner, role);
    }
}

internal enum StepConnectionRole
{
    /// <summary>A pooled context for one step or read (PostgreSQL).</summary>
    Pooled,
    /// <summary>SQLite's one long-lived writer.</summary>
    Writer,
    /// <summary>One of SQLite's long-lived readers.</summary>
    Reader,
}

/// <summary>
/// A step's connection: on PostgreSQL a pooled context of its own, on SQLite the shared writer (or a reader), lent for one step.
/// The DbContext joins the step's transaction only when a handler or service needs it.
/// </summary>
internal sealed class StepConnection : IAsyncDisposable
{
    private readonly StepConnections? _owner;
    private bool _enlisted;
    private bool _broken;

    internal StepConnection(DbContext db, StepConnections? owner, StepConnectionRole role)
    {
        Db = db;
        _owner = owner;
        Role = role;
        Connection = db.Database.GetDbConnection();
        Prepared = owner is null ? null : new PreparedCommands(Connection);
    }

    public StepConnectionRole Role { get; }

    public DbContext Db { get; }
    public DbConnection Connection { get; }
    public PreparedCommands? Prepared { get; }
    public bool IsSqlite => Role != StepConnectionRole.Pooled;

    public SqlSession Session(DbTransaction? transaction) => new(Connection, transaction, Prepared);

    /// <summary>The DbContext, joined to the step's transaction.</summary>
    public DbContext Enlist(DbTransaction transaction)
    {
        if (!_enlisted)
        {
            Db.Database.UseTransaction(transaction);
            // The step's transaction commits or rolls back whole (a failed save fails the step), so the savepoint EF
            // would wrap each save in is two statements for nothing.
            Db.Database.AutoSavepointsEnabled = false;
            _enlisted = true;
        }
        return Db;
    }

    /// <summary>The step failed in a way that leaves the connection in doubt: do not lend it again.</summary>
    public void MarkBroken() => _broken = true;

    internal void Reset()
    {
        if (_enlisted)
        {
            Db.Database.UseTransaction(null);
            Db.ChangeTracker.Clear();
            _enlisted = false;
        }
    }

    internal async ValueTask CloseAsync()
    {
        Prepared?.Dispose();
        await Db.DisposeAsync().ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _owner is null ? Db.DisposeAsync() : _owner.ReturnAsync(this, _broken);
}
