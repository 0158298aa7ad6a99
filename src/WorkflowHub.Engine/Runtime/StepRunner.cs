using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Engine.Runtime;

/// <summary>How a step treats a failing element.</summary>
internal enum FailureMode
{
    /// <summary>Run again with the failing point marked, so its token stops with an incident (API commands).</summary>
    Incident,
    /// <summary>Roll back and let the caller count down retries (jobs).</summary>
    Throw,
}

/// <summary>
/// Runs a command as one step: a connection, one transaction, the agenda until every token waits, one write,
/// one commit. A lost optimistic-concurrency race runs the command again on fresh state.
/// </summary>
internal sealed class StepRunner(
    StepConnections connections,
    ExecutionServices services,
    TimeProvider time,
    ILogger<StepRunner> logger,
    IEnumerable<ITaskCreationObserver> taskObservers)
{
    private readonly ITaskCreationObserver[] _taskObservers = taskObservers.ToArray();

    private static readonly AsyncLocal<bool> InsideStep = new();

    public async Task<T> RunAsync<T>(Func<StepContext, CancellationToken, Task<T>> command, string? actor,
        FailureMode mode, CancellationToken ct)
    {
        // A command started from inside a step (a handler calling an engine service) would commit apart from the
        // step that called it, and on SQLite wait forever for the writer that step holds.
        if (InsideStep.Value)
        {
            throw new InvalidOperationException(
                "An engine command was called from inside a step. A service-task handler writes through ServiceTaskContext.Db, which commits with its step.");
        }
        InsideStep.Value = true;
        var started = time.GetTimestamp();
        var poison = new Dictionary<PoisonKey, ElementFailure>();
        for (var attempt = 1; ; attempt++)
        {
            StepContext step;
            // Assigned up front so that Stryker's statement mutants in the catches below still compile (a compile error
            // makes its safe mode drop every mutant of this method).
            T result = default!;
            var asked = time.GetTimestamp();
            await using (var connection = await connections.AcquireAsync(ct).ConfigureAwait(false))
            {
                EngineMetrics.ConnectionWait.Record(time.GetElapsedTime(asked).TotalSeconds);
                // A plain ADO.NET transaction: EF Core joins it only when a handler or service uses the DbContext.
                await using var tx = await connection.Connection.BeginTransactionAsync(ct).ConfigureAwait(false);
                step = new StepContext(connection, tx, time.GetUtcNow(), services, poison)
                {
                    Actor = actor,
                };
                if (!connection.IsSqlite)
                {
                    step.Effects.NotifyOtherNodes = (Jobs.JobWakeup.PostgresChannel, step.Now + services.Options.JobExecutor.PollInterval);
                }
                try
                {
                    result = await command(step, ct).ConfigureAwait(false);
                    await step.FlushAsync(ct).ConfigureAwait(false);
                    await tx.CommitAsync(ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsConflict(ex) && attempt < services.Options.MaxConflictRetries)
                {
                    await tx.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                    logger.LogDebug("Step lost a concurrency race (attempt {Attempt}); running it again.", attempt);
                    await Task.Yield();
                    continue;
                }
                catch (ElementFailure failure) when (mode == FailureMode.Incident && !poison.ContainsKey(failure.Key) && poison.Count < 100)
                {
                    await tx.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                    logger.LogWarning("{Element} failed; the token stops with an incident: {Message}", failure.Key.ElementId, failure.Message);
                    poison[failure.Key] = failure;
                    continue;
                }
                catch (Exception ex) when (ex is not WorkflowException and not ElementFailure)
                {
                    connection.MarkBroken();
                    throw;
                }
            }
            // Committed, and the connection is given back first: on SQLite the next step may take the one writer
            // while this one tells the executor, the inbox streams and waiting workers (none of which touch the database).
            AfterCommit(step, actor, started);
            return result;
        }
    }

    private void AfterCommit(StepContext step, string? actor, long started)
    {
        EngineMetrics.Steps.Add(1, new KeyValuePair<string, object?>("cause", EngineMetrics.Cause(actor)));
        EngineMetrics.StepDuration.Record(time.GetElapsedTime(started).TotalSeconds);
        if (step.Effects.EarliestNewJob is { } due)
        {
            services.Wakeup.Notify(due);
        }
        if (step.Effects.NewTasks.Count > 0 && _taskObservers.Length != 0)
        {
            TellTaskObservers(step.Effects.NewTasks);
        }
        step.Effects.AfterCommit.ForEach(signal => signal());
    }

    private void TellTaskObservers(List<UserTaskRecord> created)
    {
        var tasks = created.Select(TaskService.ToInfo).ToList();
        foreach (var observer in _taskObservers)
        {
            try
            {
                observer.TasksCreated(tasks);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A task-creation observer failed; the step had committed.");
            }
        }
    }

    private static bool IsConflict(Exception ex) =>
        ex is ConcurrencyConflictException or DbUpdateConcurrencyException
        || (ex is DbUpdateException or System.Data.Common.DbException && IsTransient(ex));

    /// <summary>PostgreSQL serialization failures and deadlocks, SQLite busy: the step may simply run again.</summary>
    private static bool IsTransient(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is System.Data.Common.DbException db)
            {
                if (db.SqlState is "40001" or "40P01" or "23505")
                {
                    return true;
                }
                // SQLITE_BUSY or SQLITE_LOCKED, extended codes included (BUSY_SNAPSHOT is 517). DbException.ErrorCode is
                // the HRESULT, not SQLite's code, which is SqliteErrorCode (the engine does not reference Microsoft.Data.Sqlite).
                if (db.GetType().Name == "SqliteException" && (SqliteCode(db) & 0xFF) is 5 or 6)
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static int SqliteCode(System.Data.Common.DbException db) =>
        db.GetType().GetProperty("SqliteErrorCode")?.GetValue(db) as int? ?? 0;
}
