using System.Collections.Concurrent;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>Optimistic concurrency on the instance row, exercised where it matters: PostgreSQL with many writers.</summary>
public sealed class ConcurrencyTests_Postgres() : EngineTestBase(TestDatabaseProvider.Postgres)
{
    private const int Instances = 100;
    private const int Branches = 10;

    [SkippableFact]
    public async Task ThousandConcurrentCompletions_FireEveryJoinExactlyOnce_AndLoseNoVariable()
    {
        var engine = await StartEngineAsync();
        var branches = string.Concat(Enumerable.Range(0, Branches).Select(i => $"""<bpmn:userTask id="b{i}"/>"""
            + Flow($"in{i}", "fork", $"b{i}") + Flow($"out{i}", $"b{i}", "join")));
        await engine.DeployAsync(Process("p", $"""
            <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/><bpmn:parallelGateway id="join"/>
            <bpmn:scriptTask id="mark" scriptFormat="javascript" camunda:resultVariable="joined"><bpmn:script>(typeof joined === 'undefined' ? 0 : joined) + 1</bpmn:script></bpmn:scriptTask>
            <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
            {branches}
            """ + Flow("f0", "s", "fork") + Chain("g", "join", "mark", "after", "e")));
        var started = new List<string>();
        for (var i = 0; i < Instances; i++)
        {
            started.Add((await engine.StartAsync("p", $"C-{i}")).Id);
        }
        var tasks = await engine.RowsAsync<UserTaskRecord>();
        Assert.Equal(Instances * Branches, tasks.Count);

        var failures = new ConcurrentBag<Exception>();
        await Parallel.ForEachAsync(tasks.OrderBy(t => t.Id.GetHashCode()), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (task, ct) =>
        {
            try
            {
                await engine.Tasks.CompleteAsync(task.Id, EngineHarness.Vars(new Dictionary<string, object> { [$"v_{task.ElementId}"] = task.ElementId }), ct: ct);
            }
            catch (Exception ex)
            {
                failures.Add(ex);
            }
        });
        Assert.Empty(failures);

        foreach (var id in started)
        {
            var detail = await engine.InstanceAsync(id);
            Assert.Equal(1, detail.Variables["joined"]!.GetValue<int>());
            for (var b = 0; b < Branches; b++)
            {
                Assert.Equal($"b{b}", detail.Variables[$"v_b{b}"]!.GetValue<string>());
            }
            Assert.Equal("after", Assert.Single(detail.Activities).ElementId);
        }
        Assert.Equal(Instances, (await engine.RowsAsync<UserTaskRecord>()).Count);
    }
}
