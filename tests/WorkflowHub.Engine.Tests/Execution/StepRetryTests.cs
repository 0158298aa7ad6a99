using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowHub.Engine.Jobs;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Services;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>
/// What a step does after it ran: which database failures run it again (serialization failures, deadlocks, a
/// duplicate key, SQLite busy/locked) and which reach the caller at once, how the job executor is woken, and that
/// task-creation observers hear of new tasks without being able to undo the step.
/// </summary>
public abstract class StepRetryTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    private readonly FlakyHandler _handler = new();
    private readonly RecordingObserver _observer = new();
    private readonly CapturingLogs _logs = new();

    protected override void Configure(IServiceCollection services)
    {
        services.AddSingleton<IServiceTaskHandler>(_handler);
        // The failing observer comes first: the one after it is still told.
        services.AddSingleton<ITaskCreationObserver>(new FailingObserver());
        services.AddSingleton<ITaskCreationObserver>(_observer);
        services.AddSingleton<ILoggerProvider>(_logs);
    }

    private static readonly string Flaky = Process("flaky", """
        <bpmn:startEvent id="s"/><bpmn:serviceTask id="svc" camunda:topic="flaky"/><bpmn:userTask id="review"/><bpmn:endEvent id="e"/>
        """ + Chain("f", "s", "svc", "review", "e"));

    public static TheoryData<string> Transient => new() { "40001", "40P01", "23505", "sqlite-busy", "sqlite-locked" };

    [SkippableTheory]
    [MemberData(nameof(Transient))]
    public async Task ATransientDatabaseFailure_RunsTheStepAgain_AndOnlyTheSecondRunIsCommitted(string failure)
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Flaky);
        _handler.Failures.Enqueue(Make(failure));

        var instance = await engine.StartAsync("flaky");

        Assert.Equal(2, _handler.Calls);
        var task = await engine.SingleTaskAsync(instance.Id, "review");
        Assert.Single(await engine.RowsAsync<ProcessInstanceRecord>());
        Assert.Empty(await engine.RowsAsync<IncidentRecord>());
        Assert.Equal([task.Id], _observer.Seen.Select(t => t.Id));
    }

    public static TheoryData<string> Permanent => new() { "42P01", "sqlite-constraint" };

    [SkippableTheory]
    [MemberData(nameof(Permanent))]
    public async Task ADatabaseFailureThatIsNoRace_ReachesTheCaller_AfterOneRun_AndNothingIsCommitted(string failure)
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Flaky);
        _handler.Failures.Enqueue(Make(failure));

        await Assert.ThrowsAnyAsync<DbException>(() => engine.StartAsync("flaky"));

        Assert.Equal(1, _handler.Calls);
        Assert.Empty(await engine.RowsAsync<ProcessInstanceRecord>());
        Assert.Empty(_observer.Seen);
    }

    [SkippableFact]
    public async Task AHandlerErrorThatMerelyWrapsARaceFailure_IsTheElementsIncident_NotRunAgain()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Flaky);
        _handler.Failures.Enqueue(new InvalidOperationException("the handler's own call failed", Make("40001")));

        var instance = await engine.StartAsync("flaky");

        Assert.Equal(1, _handler.Calls);
        Assert.Equal("svc", Assert.Single(await engine.RowsAsync<IncidentRecord>()).ElementId);
        Assert.Empty(await engine.OpenTasksAsync(instance.Id));
    }

    [SkippableFact]
    public async Task ObserversHearOfNewTasksAfterCommit_AndAFailingObserverIsLogged_NotUndoingTheStep()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("tasks", """
            <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/><bpmn:userTask id="a"/><bpmn:userTask id="b"/>
            <bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>
            """ + Chain("f", "s", "fork", "a", "e1") + Chain("g", "fork", "b", "e2")));

        var instance = await engine.StartAsync("tasks");

        Assert.Equal(["a", "b"], _observer.Seen.Select(t => t.ElementId).Order());
        Assert.All(_observer.Seen, t => Assert.Equal(instance.Id, t.InstanceId));
        Assert.Equal(2, (await engine.OpenTasksAsync(instance.Id)).Count);
        Assert.Contains(_logs.Warnings, w => w.Contains("task-creation observer failed", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task AStepThatCreatesTimers_WakesTheExecutorForTheEarliestOfThem()
    {
        var engine = await StartEngineAsync();
        // The later timer is created first, then the earlier, then a later one again: the wake-up names the earliest.
        await engine.DeployAsync(Process("timers", """
            <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/>
            <bpmn:intermediateCatchEvent id="t2"><bpmn:timerEventDefinition><bpmn:timeDuration>PT2H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="t1"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="t3"><bpmn:timerEventDefinition><bpmn:timeDuration>PT3H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/><bpmn:endEvent id="e3"/>
            """ + Chain("f", "s", "fork", "t2", "e1") + Chain("g", "fork", "t1", "e2") + Chain("h", "fork", "t3", "e3")));
        var wakeup = engine.Services.GetRequiredService<JobWakeup>();
        Assert.Equal(DateTimeOffset.MaxValue, wakeup.Peek().Earliest);

        await engine.StartAsync("timers");

        Assert.Equal(3, (await engine.RowsAsync<JobRecord>()).Count);
        var (earliest, signal) = wakeup.Peek();
        Assert.Equal(EngineHarness.Epoch.AddHours(1), earliest);
        Assert.True(signal.IsCompleted);
    }

    private static Exception Make(string failure) => failure switch
    {
        "sqlite-busy" => new SqliteException("database is locked", 5),
        "sqlite-locked" => new SqliteException("database table is locked", 6),
        "sqlite-constraint" => new SqliteException("constraint failed", 19),
        _ => new StateDbException(failure),
    };

    /// <summary>A provider's failure with a SQLSTATE, as Npgsql raises it.</summary>
    private sealed class StateDbException(string state) : DbException($"database failure {state}")
    {
        public override string? SqlState => state;
    }

    private sealed class FlakyHandler : IServiceTaskHandler
    {
        private int _calls;

        public ConcurrentQueue<Exception> Failures { get; } = new();
        public int Calls => _calls;
        public string Topic => "flaky";

        public ValueTask ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
        {
            Interlocked.Increment(ref _calls);
            return Failures.TryDequeue(out var failure) ? throw failure : ValueTask.CompletedTask;
        }
    }

    private sealed class FailingObserver : ITaskCreationObserver
    {
        public void TasksCreated(IReadOnlyList<TaskInfo> tasks) => throw new InvalidOperationException("inbox push failed");
    }

    private sealed class RecordingObserver : ITaskCreationObserver
    {
        public ConcurrentQueue<TaskInfo> Seen { get; } = new();

        public void TasksCreated(IReadOnlyList<TaskInfo> tasks)
        {
            foreach (var task in tasks)
            {
                Seen.Enqueue(task);
            }
        }
    }

    private sealed class CapturingLogs : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Warnings { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
            {
                Warnings.Enqueue(formatter(state, exception));
            }
        }

        public void Dispose()
        {
        }
    }
}

public sealed class StepRetryTests_Sqlite() : StepRetryTests(TestDatabaseProvider.Sqlite);
public sealed class StepRetryTests_Postgres() : StepRetryTests(TestDatabaseProvider.Postgres);
