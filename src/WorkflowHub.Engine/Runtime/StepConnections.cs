using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Engine.Runtime;

/// <summary>
/// Hands each step its connection. SQLite admits one writer at a time, and a blocked writer in
/// Microsoft.Data.Sqlite sleeps before it retries, so SQLite steps queue here, first come first served, for one
/// long-lived writer: a DbContext whose connection stays open and keeps the engine's statements prepared.
/// PostgreSQL steps each lease a pooled context and run side by side.
/// </summary>
internal sealed class StepConnections(IEngineDbContextFactory contexts) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private StepConnection? _writer;
    private bool? _sqlite;

    public async Task<StepConnection> AcquireAsync(CancellationToken ct)
    {
        if (_sqlite != true)
        {
            var db = contexts.CreateDbContext();
            _sqlite ??= db.Database.ProviderName?.Contains("Sqlite", StringComparison.OrdinalIgnoreCase) == true;
            if (_sqlite == false)
            {
                return await OpenAsync(db, owner: null, ct).ConfigureAwait(false);
            }
            await db.DisposeAsync().ConfigureAwait(false);
        }
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _writer ??= await OpenAsync(contexts.CreateDbContext(), owner: this, ct).ConfigureAwait(false);
            return _writer;
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    /// <summary>The writer goes back to the queue; one whose step failed unexpectedly is closed, and the next step opens another.</summary>
    internal async ValueTask ReturnAsync(StepConnection writer, bool broken)
    {
        try
        {
            if (broken)
            {
                _writer = null;
                await writer.CloseAsync().ConfigureAwait(false);
            }
            else
            {
                writer.Reset();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is { } writer)
        {
            _writer = null;
            await writer.CloseAsync().ConfigureAwait(false);
        }
    }

    private static async Task<StepConnection> OpenAsync(DbContext db, StepConnections? owner, CancellationToken ct)
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
        return new StepConnection(db, owner);
    }
}

/// <summary>
/// A step's connection: on PostgreSQL a pooled context of its own, on SQLite the shared writer, lent for one step.
/// The DbContext joins the step's transaction only when a handler or service needs it.
/// </summary>
internal sealed class StepConnection : IAsyncDisposable
{
    private readonly StepConnections? _owner;
    private bool _enlisted;
    private bool _broken;

    internal StepConnection(DbContext db, StepConnections? owner)
    {
        Db = db;
        _owner = owner;
        Connection = db.Database.GetDbConnection();
        Prepared = owner is null ? null : new PreparedCommands(Connection);
        IsSqlite = owner is not null;
    }

    public DbContext Db { get; }
    public DbConnection Connection { get; }
    public PreparedCommands? Prepared { get; }
    public bool IsSqlite { get; }

    public SqlSession Session(DbTransaction? transaction) => new(Connection, transaction, Prepared);

    /// <summary>The DbContext, joined to the step's transaction.</summary>
    public DbContext Enlist(DbTransaction transaction)
    {
        if (!_enlisted)
        {
            Db.Database.UseTransaction(transaction);
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
