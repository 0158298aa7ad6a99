using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Engine.Runtime;
using WorkflowHub.Engine.Services;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>
/// A BPMN error nobody catches ends the throwing token like a none end event (Camunda 7). Inside a multi-instance
/// activity that token is one instance: it counts as ended, so the activity goes on once every instance has ended
/// instead of waiting for ever with nothing left to wait for.
/// </summary>
public abstract class UncaughtErrorTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    protected override void Configure(IServiceCollection services) => services.AddSingleton<IServiceTaskHandler>(new CodeThrowingHandler());

    [SkippableTheory]
    [InlineData("true")]
    [InlineData("false")]
    public async Task AnUncaughtErrorInOneInstanceOfAMultiInstanceActivity_EndsThatInstanceOnly(string sequential)
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", $$"""
            <bpmn:startEvent id="s"/>
            <bpmn:serviceTask id="svc" camunda:topic="throw">
              <bpmn:multiInstanceLoopCharacteristics isSequential="{{sequential}}" camunda:collection="${items}" camunda:elementVariable="code"/>
            </bpmn:serviceTask>
            <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "svc", "after", "e")));
        var instance = await engine.StartAsync("p", variables: new { items = new[] { "A", "B", "C" } });

        Assert.Equal("after", Assert.Single(await engine.OpenTasksAsync(instance.Id)).ElementId);
        var thrown = (await engine.History.GetInstanceHistoryAsync(instance.Id)).Where(h => h.Type == HistoryTypes.ErrorThrown);
        Assert.Equal(["A", "B", "C"], thrown.Select(h => h.Data!["errorCode"]!.GetValue<string>()).Order());
        Assert.Equal(["after"], (await engine.InstanceAsync(instance.Id)).Activities.Select(a => a.ElementId));
    }
}

public sealed class UncaughtErrorTests_Sqlite() : UncaughtErrorTests(TestDatabaseProvider.Sqlite);
public sealed class UncaughtErrorTests_Postgres() : UncaughtErrorTests(TestDatabaseProvider.Postgres);
