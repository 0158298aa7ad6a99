using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Services;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

public abstract class MessageTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    private const string Messages = """<bpmn:message id="m" name="ProblemFixed"/><bpmn:message id="r" name="ProblemReported"/>""";

    /// <summary>Process "intake", started by message ProblemReported, waits at task "register".</summary>
    private static readonly string IntakeFlow = Process("intake", """
        <bpmn:startEvent id="reported"><bpmn:messageEventDefinition messageRef="r"/></bpmn:startEvent>
        <bpmn:userTask id="register"/><bpmn:endEvent id="e"/>
        """ + Chain("f", "reported", "register", "e"), Messages);

    [SkippableFact]
    public async Task ReceiveTask_IsCorrelatedByMessageNameAndBusinessKey_Bpmn10_3_3()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:receiveTask id="wait" messageRef="m"/><bpmn:userTask id="verify"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "wait", "verify", "e"), Messages));
        var one = await engine.StartAsync("p", "WT-1");
        var two = await engine.StartAsync("p", "WT-2");
        var result = await engine.Runtime.CorrelateAsync(new CorrelationRequest("ProblemFixed", "WT-2", EngineHarness.Vars(new { photos = 3 })));
        Assert.Equal(new[] { two.Id }, result.InstanceIds);
        Assert.False(result.StartedInstance);
        await engine.SingleTaskAsync(two.Id, "verify");
        Assert.Empty(await engine.OpenTasksAsync(one.Id));
        Assert.Equal(3, (await engine.VariableAsync(two.Id, "photos"))!.GetValue<int>());
    }

    [SkippableFact]
    public async Task Correlation_ThatMatchesSeveralWaitingTokens_IsAConflict_UnlessAll()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "wait", "e"), Messages));
        await engine.StartAsync("p", "A");
        await engine.StartAsync("p", "B");
        await Assert.ThrowsAsync<WorkflowConflictException>(() => engine.Runtime.CorrelateAsync(new CorrelationRequest("ProblemFixed")));
        var all = await engine.Runtime.CorrelateAsync(new CorrelationRequest("ProblemFixed", All: true));
        Assert.Equal(2, all.InstanceIds.Count);
        Assert.Empty(await engine.RowsAsync<MessageSubscriptionRecord>());
    }

    [SkippableFact]
    public async Task MessageStartEvent_StartsAProcess_WhenNoInstanceWaits_Bpmn10_5_2()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(IntakeFlow);
        var result = await engine.Runtime.CorrelateAsync(new CorrelationRequest("ProblemReported", "12345-0001", EngineHarness.Vars(new { channel = "12345" })));
        Assert.True(result.StartedInstance);
        var id = Assert.Single(result.InstanceIds);
        await engine.SingleTaskAsync(id, "register");
        Assert.Equal("12345", (await engine.VariableAsync(id, "channel"))!.GetValue<string>());
        Assert.Equal("12345-0001", (await engine.InstanceAsync(id)).Summary.BusinessKey);
    }

    private sealed class HostRowMissing() : Exception("the host's row was not there");

    private static StepStatement NameDefinition(string key, string name) =>
        new($"UPDATE {EngineTables.Definitions} SET name = @p0 WHERE key = @p1", [name, key]) { ExpectedRows = 1, Mismatch = () => new HostRowMissing() };

    [SkippableFact]
    public async Task HostStatements_CommitWithTheCorrelation_AndOneThatMissesItsRows_RollsItAllBack()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(IntakeFlow);

        var seen = new List<CorrelationResult>();
        var result = await engine.Runtime.CorrelateAsync(new CorrelationRequest("ProblemReported", "12345-0003")
        {
            AlsoWrite = correlated =>
            {
                seen.Add(correlated);
                return [NameDefinition("intake", "started " + correlated.InstanceIds[0])];
            },
        });
        var id = Assert.Single(result.InstanceIds);
        Assert.Equal(result, Assert.Single(seen));
        Assert.Equal("started " + id, Assert.Single(await engine.RowsAsync<ProcessDefinitionRecord>()).Name);

        await Assert.ThrowsAsync<HostRowMissing>(() => engine.Runtime.CorrelateAsync(new CorrelationRequest("ProblemReported", "12345-0004")
        {
            AlsoWrite = _ => [NameDefinition("intake", "second"), NameDefinition("no-such-process", "never")],
        }));
        Assert.Equal([id], (await engine.RowsAsync<ProcessInstanceRecord>()).Select(i => i.Id));
        Assert.Single(await engine.OpenTasksAsync());
        Assert.Equal("started " + id, Assert.Single(await engine.RowsAsync<ProcessDefinitionRecord>()).Name);
    }

    [SkippableFact]
    public async Task MessageStartEvent_OfANewVersion_ReplacesTheOldOne()
    {
        var engine = await StartEngineAsync();
        string Intake(string task) => Process("intake", $"""
            <bpmn:startEvent id="reported"><bpmn:messageEventDefinition messageRef="r"/></bpmn:startEvent>
            <bpmn:userTask id="{task}"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "reported", task, "e"), Messages);
        await engine.DeployAsync(Intake("register"));
        await engine.DeployAsync(Intake("registerAndClassify"));
        var result = await engine.Runtime.CorrelateAsync(new CorrelationRequest("ProblemReported", "12345-0002"));
        var id = Assert.Single(result.InstanceIds);
        Assert.Equal(2, (await engine.InstanceAsync(id)).Summary.ProcessVersion);
        Assert.Equal("registerAndClassify", (await engine.SingleTaskAsync(id)).ElementId);
        Assert.Single(await engine.RowsAsync<MessageSubscriptionRecord>());
    }

    [SkippableFact]
    public async Task InterruptingMessageBoundary_CancelsTheActivity_Bpmn10_5_7()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:userTask id="fix"/>
            <bpmn:boundaryEvent id="withdrawn" attachedToRef="fix"><bpmn:messageEventDefinition messageRef="m"/></bpmn:boundaryEvent>
            <bpmn:userTask id="archive"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
            """ + Chain("f", "s", "fix", "e") + Chain("g", "withdrawn", "archive", "e2"), Messages));
        var instance = await engine.StartAsync("p", "X-1");
        await engine.Runtime.CorrelateAsync(new CorrelationRequest("ProblemFixed", "X-1"));
        var task = Assert.Single(await engine.OpenTasksAsync(instance.Id));
        Assert.Equal("archive", task.ElementId);
    }

    [SkippableFact]
    public async Task NonInterruptingMessageBoundary_KeepsTheActivity_Bpmn10_5_7()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:userTask id="fix"/>
            <bpmn:boundaryEvent id="note" attachedToRef="fix" cancelActivity="false"><bpmn:messageEventDefinition messageRef="m"/></bpmn:boundaryEvent>
            <bpmn:userTask id="read"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
            """ + Chain("f", "s", "fix", "e") + Chain("g", "note", "read", "e2"), Messages));
        var instance = await engine.StartAsync("p", "X-2");
        await engine.Runtime.CorrelateAsync(new CorrelationRequest("ProblemFixed", "X-2"));
        var tasks = await engine.OpenTasksAsync(instance.Id);
        Assert.Equal(new[] { "fix", "read" }, tasks.Select(t => t.ElementId).Order().ToArray());
    }
}

public sealed class MessageTests_Sqlite() : MessageTests(TestDatabaseProvider.Sqlite);
public sealed class MessageTests_Postgres() : MessageTests(TestDatabaseProvider.Postgres);
