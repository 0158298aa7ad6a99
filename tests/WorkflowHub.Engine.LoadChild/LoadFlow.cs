using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Engine.LoadChild;

/// <summary>
/// The flow under load: start → asyncBefore service task (no-op handler) → user task with a non-interrupting
/// cycle timer boundary (R3/PT1M, its path ends at once) → end.
/// </summary>
public static class LoadFlow
{
    public const string Key = "crashload";

    /// <summary>Where the child's clock starts (the test harness's epoch).</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    public static readonly TimeSpan TimerEvery = TimeSpan.FromMinutes(1);
    public const int TimerRepeats = 3;

    public static readonly string Xml = $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                          id="defs_crashload" targetNamespace="http://workflowhub.test">
          <bpmn:process id="{Key}" isExecutable="true">
            <bpmn:startEvent id="start"/>
            <bpmn:serviceTask id="prepare" camunda:topic="noop" camunda:asyncBefore="true"/>
            <bpmn:userTask id="review" name="Review"/>
            <bpmn:boundaryEvent id="remind" attachedToRef="review" cancelActivity="false">
              <bpmn:timerEventDefinition><bpmn:timeCycle>R{TimerRepeats}/PT1M</bpmn:timeCycle></bpmn:timerEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:endEvent id="reminded"/>
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="prepare"/>
            <bpmn:sequenceFlow id="f2" sourceRef="prepare" targetRef="review"/>
            <bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="end"/>
            <bpmn:sequenceFlow id="f4" sourceRef="remind" targetRef="reminded"/>
          </bpmn:process>
        </bpmn:definitions>
        """;
}

/// <summary>A clock the load loop moves forward itself.</summary>
public sealed class SteppedClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

public sealed class NoopHandler : IServiceTaskHandler
{
    public string Topic => "noop";

    public ValueTask ExecuteAsync(ServiceTaskContext context, CancellationToken ct) => ValueTask.CompletedTask;
}

public sealed class ChildDbContext(DbContextOptions<ChildDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyWorkflowEngineModel();
}

public sealed class ChildContextFactory(DbContextOptions<ChildDbContext> options) : IEngineDbContextFactory
{
    public DbContext CreateDbContext() => new ChildDbContext(options);
}
