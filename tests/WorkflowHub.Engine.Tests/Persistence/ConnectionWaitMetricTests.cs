using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Engine.Runtime;
using WorkflowHub.Engine.Services;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;

namespace WorkflowHub.Engine.Tests.Persistence;

/// <summary>
/// A step records how long it queued for its connection (on SQLite the one writer), measured on the engine's clock, when
/// it gets the connection: the figure that tells an operator a SQLite node is writer-bound.
/// </summary>
public sealed class ConnectionWaitMetricTests() : EngineTestBase(TestDatabaseProvider.Sqlite)
{
    private const string Instrument = "workflowhub.engine.step.connection_wait";

    /// <summary>An odd figure, so that a step of a test running beside this one cannot record it by chance.</summary>
    private static readonly TimeSpan Queued = TimeSpan.FromMilliseconds(7_250);

    private const string Xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <bpmn:process id="queued" isExecutable="true">
            <bpmn:startEvent id="s"/><bpmn:userTask id="u"/>
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="u"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task A_step_queued_behind_the_writer_records_its_wait_once_it_has_the_writer()
    {
        var waits = new ConcurrentQueue<double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == EngineMetrics.MeterName && instrument.Name == Instrument)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, seconds, _, _) => waits.Enqueue(seconds));
        listener.Start();

        var engine = await StartEngineAsync();
        await engine.DeployAsync(Xml);
        var connections = engine.Services.GetRequiredService<StepConnections>();

        var held = await connections.HoldWriterAsync(default);
        var start = engine.StartAsync("queued");
        // Bounded: the step reaches the writer's queue at once, or the test fails here.
        for (var i = 0; connections.QueuedWriters == 0; i++)
        {
            Assert.True(i < 10_000, "the step never queued for the writer");
            await Task.Delay(1);
        }
        engine.Clock.Advance(Queued);
        Assert.DoesNotContain(Queued.TotalSeconds, waits);
        Assert.False(start.IsCompleted);

        held.Dispose();
        await start;
        Assert.Contains(Queued.TotalSeconds, waits);
        Assert.Equal(0, connections.QueuedWriters);
    }
}
