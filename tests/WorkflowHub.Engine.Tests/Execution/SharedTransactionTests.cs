using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Services;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>Writes a note keyed by the business key through the step's DbContext; told to, it fails after writing.</summary>
public sealed class NoteHandler : IServiceTaskHandler
{
    public string Topic => "note";

    public ValueTask ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        context.Db.Set<DomainNote>().Add(new DomainNote { Id = context.BusinessKey!, Text = "from " + context.ElementId });
        if (context.GetVariable("mode")?.GetValue<string>() == "fail")
        {
            throw new InvalidOperationException("the handler failed after writing");
        }
        return ValueTask.CompletedTask;
    }
}

/// <summary>Starts another instance through the engine's API from inside its step, which the engine refuses.</summary>
public sealed class NestingHandler(IServiceProvider services) : IServiceTaskHandler
{
    public string Topic => "nest";

    public async ValueTask ExecuteAsync(ServiceTaskContext context, CancellationToken ct) =>
        await services.GetRequiredService<IRuntimeService>().StartAsync(new StartRequest("other", null, null), ct);
}

/// <summary>
/// One transaction per step covers engine state and what handlers write through the step's DbContext: both commit
/// together or neither does, and nothing a failed step wrote or tracked reaches a later step (on SQLite every step
/// shares one long-lived writer connection and context).
/// </summary>
public abstract class SharedTransactionTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    private static readonly string Flow = Process("p", """
        <bpmn:startEvent id="s"/><bpmn:serviceTask id="write" camunda:type="external" camunda:topic="note"/>
        <bpmn:userTask id="wait"/><bpmn:endEvent id="e"/>
        """ + Chain("f", "s", "write", "wait", "e"));

    protected override void Configure(IServiceCollection services)
    {
        services.AddSingleton<IServiceTaskHandler>(new NoteHandler());
        services.AddSingleton<IServiceTaskHandler>(sp => new NestingHandler(sp));
    }

    [SkippableFact]
    public async Task HandlerWrites_CommitWithTheStepThatMovedTheToken()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Flow);

        var instance = await engine.StartAsync("p", "BK-1");

        Assert.Equal("wait", (await engine.SingleTaskAsync(instance.Id)).ElementId);
        Assert.Equal(new[] { "BK-1" }, await NotesAsync(engine));
    }

    [SkippableFact]
    public async Task HandlerWrites_RollBackWithAFailedStep_AndNeverReachALaterStep()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Flow);

        var failed = await engine.StartAsync("p", "BK-fail", new { mode = "fail" });
        var next = await engine.StartAsync("p", "BK-next");

        Assert.Single((await engine.Incidents.QueryAsync(instanceId: failed.Id)).Items);
        Assert.Equal("wait", (await engine.SingleTaskAsync(next.Id)).ElementId);
        Assert.Equal(new[] { "BK-next" }, await NotesAsync(engine));
    }

    [SkippableFact]
    public async Task AStepWhoseCommitFails_LeavesNothing_AndTheNextStepRunsOnAFreshConnection()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Flow);
        await engine.StartAsync("p", "BK-1");

        await Assert.ThrowsAsync<DbUpdateException>(() => engine.StartAsync("p", "BK-1"));
        var after = await engine.StartAsync("p", "BK-2");

        await using var db = engine.NewContext();
        Assert.Equal(2, await db.Set<ProcessInstanceRecord>().CountAsync());
        Assert.Equal("wait", (await engine.SingleTaskAsync(after.Id)).ElementId);
        Assert.Equal(new[] { "BK-1", "BK-2" }, await NotesAsync(engine));
    }

    [SkippableFact]
    public async Task AHandlerCallingTheEngineFromInsideItsStep_GetsAnIncident_NotASecondTransaction()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("other", """<bpmn:startEvent id="s"/><bpmn:endEvent id="e"/>""" + Chain("f", "s", "e")));
        await engine.DeployAsync(Process("p", """
            <bpmn:startEvent id="s"/><bpmn:serviceTask id="nest" camunda:type="external" camunda:topic="nest"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "nest", "e")));

        var instance = await engine.StartAsync("p", "BK-1");

        var incident = Assert.Single((await engine.Incidents.QueryAsync(instanceId: instance.Id)).Items);
        Assert.Equal("nest", incident.ElementId);
        Assert.Contains("inside a step", incident.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(await engine.RowsAsync<ProcessInstanceRecord>(), i => i.ProcessKey == "other");
    }

    private static async Task<string[]> NotesAsync(EngineHarness engine)
    {
        await using var db = engine.NewContext();
        return await db.Set<DomainNote>().OrderBy(n => n.Id).Select(n => n.Id).ToArrayAsync();
    }
}

public sealed class SharedTransactionTests_Sqlite() : SharedTransactionTests(TestDatabaseProvider.Sqlite);
public sealed class SharedTransactionTests_Postgres() : SharedTransactionTests(TestDatabaseProvider.Postgres);
