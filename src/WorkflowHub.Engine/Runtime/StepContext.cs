using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Persistence;

namespace WorkflowHub.Engine.Runtime;

/// <summary>
/// One step: one database transaction in which a command moves one or more instances on until every token
/// waits. Holds the agenda, the instances touched, and the rows to write at the end.
/// </summary>
internal sealed class StepContext
{
    private readonly Queue<(ProcessExecution Execution, Token Token, AgendaOp Op)> _agenda = new();
    private readonly Queue<Func<CancellationToken, Task>> _afterAgenda = new();
    private readonly Dictionary<string, ProcessExecution> _instances = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<PoisonKey, ElementFailure> _poison;
    private readonly StepConnection _connection;
    private DbContext? _db;

    public StepContext(StepConnection connection, DbTransaction transaction, DateTimeOffset now,
        ExecutionServices services, IReadOnlyDictionary<PoisonKey, ElementFailure> poison)
    {
        _connection = connection;
        Transaction = transaction;
        Session = connection.Session(transaction);
        Now = now;
        Services = services;
        _poison = poison;
    }

    /// <summary>The step's DbContext, joined to the step's transaction on first use (most steps never need it).</summary>
    public DbContext Db => _db ??= _connection.Enlist(Transaction);

    /// <summary>The step's SQL: its connection and transaction.</summary>
    public SqlSession Session { get; }
    public DbTransaction Transaction { get; }
    public DateTimeOffset Now { get; }
    public ExecutionServices Services { get; }
    public StepEffects Effects { get; } = new();

    /// <summary>The job this step runs, when the job executor started it.</summary>
    public JobRecord? CurrentJob { get; set; }

    /// <summary>Who caused the step (user name, "webhook:key", "job"), written into history.</summary>
    public string? Actor { get; set; }

    public IEnumerable<ProcessExecution> Instances => _instances.Values;

    /// <summary>Elements entered so far in this step, against <see cref="EngineOptions.MaxElementsPerStep"/>.</summary>
    public int ElementsEntered { get; set; }

    public bool IsPoisoned(PoisonKey key, out ElementFailure failure) => _poison.TryGetValue(key, out failure!);

    /// <summary>The instance, from this step if already touched, else read from the database.</summary>
    public async Task<ProcessExecution?> GetInstanceAsync(string instanceId, CancellationToken ct)
    {
        if (_instances.TryGetValue(instanceId, out var loaded))
        {
            return loaded;
        }
        var record = await InstanceStore.LoadInstanceAsync(this, instanceId, ct).ConfigureAwait(false);
        return record is null ? null : await AdoptAsync(record, ct).ConfigureAwait(false);
    }

    /// <summary>An instance this step has just read itself (e.g. together with a task); the step's own copy wins.</summary>
    public async Task<ProcessExecution> AdoptAsync(ProcessInstanceRecord record, CancellationToken ct)
    {
        if (_instances.TryGetValue(record.Id, out var loaded))
        {
            return loaded;
        }
        var model = await Services.Definitions.GetAsync(this, record.DefinitionId, ct).ConfigureAwait(false);
        var execution = new ProcessExecution(this, record, model, InstanceState.Deserialize(record.State), isNew: false);
        _instances.Add(record.Id, execution);
        return execution;
    }

    public ProcessExecution CreateInstance(ProcessDefinitionRecord definition, ProcessModel model, string? businessKey,
        string? superInstanceId = null, string? superTokenId = null)
    {
        var record = new ProcessInstanceRecord
        {
            Id = Ids.New(),
            DefinitionId = definition.Id,
            ProcessKey = definition.Key,
            ProcessVersion = definition.Version,
            BusinessKey = businessKey,
            Status = InstanceStatus.Running,
            State = "",
            Revision = 0,
            StartedAt = Now,
            StartedBy = Actor,
            SuperInstanceId = superInstanceId,
            SuperTokenId = superTokenId,
        };
        var execution = new ProcessExecution(this, record, model, new InstanceState(), isNew: true)
        {
            StepKey = "new#" + _instances.Count(i => i.Value.IsNew).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        _instances.Add(record.Id, execution);
        return execution;
    }

    public void Schedule(ProcessExecution execution, Token token, AgendaOp op) => _agenda.Enqueue((execution, token, op));

    /// <summary>Work on another instance (a calling or called one) that must read it first; runs when the agenda is empty.</summary>
    public void AfterAgenda(Func<CancellationToken, Task> work) => _afterAgenda.Enqueue(work);

    /// <summary>Runs operations until every token of every touched instance waits.</summary>
    public async Task RunAgendaAsync(CancellationToken ct)
    {
        while (true)
        {
            while (_agenda.TryDequeue(out var item))
            {
                ct.ThrowIfCancellationRequested();
                await item.Execution.RunAsync(item.Token, item.Op, ct).ConfigureAwait(false);
            }
            var fired = false;
            foreach (var execution in _instances.Values.ToList())
            {
                fired |= await execution.EvaluateConditionsAsync(ct).ConfigureAwait(false);
            }
            if (fired)
            {
                continue;
            }
            if (!_afterAgenda.TryDequeue(out var work))
            {
                return;
            }
            await work(ct).ConfigureAwait(false);
        }
    }

    /// <summary>Writes instances, effect rows and handlers' tracked changes; the caller commits.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        await RunAgendaAsync(ct).ConfigureAwait(false);
        if (_db is not null && _db.ChangeTracker.HasChanges())
        {
            await _db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        var instances = new List<(ProcessInstanceRecord, bool, int)>(_instances.Count);
        foreach (var execution in _instances.Values)
        {
            if (!execution.IsDirty)
            {
                continue;
            }
            var readRevision = execution.Record.Revision;
            execution.Record.State = execution.State.Serialize();
            execution.Record.Revision = readRevision + 1;
            instances.Add((execution.Record, execution.IsNew, readRevision));
        }
        await StepWriter.WriteAsync(Session, instances, Effects, ct).ConfigureAwait(false);
    }
}

/// <summary>The agenda's operations on a token.</summary>
internal enum AgendaOp
{
    Enter,
    Leave,
    Take,
}

internal static class Ids
{
    public static string New() => Guid.CreateVersion7().ToString();
}
