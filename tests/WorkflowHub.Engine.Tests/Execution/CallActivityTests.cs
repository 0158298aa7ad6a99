using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Services;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>
/// Call activities (BPMN 2.0 §10.3.7) with Camunda 7's camunda:calledElementBinding, camunda:in / camunda:out in all
/// their forms, and the failures an operator must see as incidents.
/// </summary>
public abstract class CallActivityTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    /// <summary>A child process whose script result "v" says which version ran, tagged with <paramref name="tag"/>.</summary>
    private static string Child(int version, string? tag = null) => Process("child", $"""
        <bpmn:startEvent id="cs"/>
        <bpmn:scriptTask id="which" scriptFormat="javascript" camunda:resultVariable="v"><bpmn:script>{version}</bpmn:script></bpmn:scriptTask>
        <bpmn:endEvent id="ce"/>
        """ + Chain("c", "cs", "which", "ce"))
        .Replace("isExecutable=\"true\"", tag is null ? "isExecutable=\"true\"" : $"isExecutable=\"true\" camunda:versionTag=\"{tag}\"", StringComparison.Ordinal);

    private static string Parent(string key, string callAttributes, string mappings = """<camunda:out source="v" target="v"/>""") => Process(key, $"""
        <bpmn:startEvent id="s"/>
        <bpmn:callActivity id="call" {callAttributes}><bpmn:extensionElements>{mappings}</bpmn:extensionElements></bpmn:callActivity>
        <bpmn:userTask id="done"/><bpmn:endEvent id="e"/>
        """ + Chain("f", "s", "call", "done", "e"));

    private async Task<int> CalledVersionAsync(string parentKey, object? variables = null)
    {
        var instance = await Engine.StartAsync(parentKey, variables: variables);
        await Engine.SingleTaskAsync(instance.Id, "done");
        return (await Engine.VariableAsync(instance.Id, "v"))!.GetValue<int>();
    }

    [SkippableFact]
    public async Task BindingDeployment_CallsTheVersionCurrentWhenTheCallerWasDeployed_LatestCallsTheNewest()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Child(1));
        engine.Clock.Advance(TimeSpan.FromMinutes(1));
        await engine.DeployAsync(Parent("pinned", """calledElement="child" camunda:calledElementBinding="deployment" """));
        await engine.DeployAsync(Parent("latest", """calledElement="child" """));
        engine.Clock.Advance(TimeSpan.FromMinutes(1));
        await engine.DeployAsync(Child(2));

        Assert.Equal(1, await CalledVersionAsync("pinned"));
        Assert.Equal(2, await CalledVersionAsync("latest"));
    }

    [SkippableFact]
    public async Task BindingVersionTag_CallsTheNewestVersionWithThatTag()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Child(1, "1.0"));
        await engine.DeployAsync(Child(2, "2.0"));
        await engine.DeployAsync(Child(3, "3.0"));
        await engine.DeployAsync(Parent("p", """calledElement="child" camunda:calledElementBinding="versionTag" camunda:calledElementVersionTag="${tag}" """));

        Assert.Equal(2, await CalledVersionAsync("p", new { tag = "2.0" }));
        Assert.Equal(1, await CalledVersionAsync("p", new { tag = "1.0" }));
    }

    [SkippableTheory]
    [InlineData("""calledElement="child" camunda:calledElementBinding="version" camunda:calledElementVersion="7" """, "no version of process 'child' matches calledElementBinding Version 7")]
    [InlineData("""calledElement="child" camunda:calledElementBinding="versionTag" camunda:calledElementVersionTag="9.9" """, "no version of process 'child' matches calledElementBinding VersionTag 9.9")]
    [InlineData("""calledElement="${target}" """, "calledElement gave no process key")]
    [InlineData("""calledElement="nobody" """, "no process 'nobody' is deployed")]
    public async Task ACalledProcessThatCannotBeFound_StopsTheCallerWithAnIncidentSayingWhy(string callAttributes, string message)
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Child(1, "1.0"));
        await engine.DeployAsync(Parent("p", callAttributes));
        var instance = await engine.StartAsync("p", variables: new { target = " " });

        var incident = Assert.Single((await engine.Incidents.QueryAsync(instanceId: instance.Id)).Items);
        Assert.Equal("call", incident.ElementId);
        Assert.Contains(message, incident.Message, StringComparison.Ordinal);
        Assert.Single((await engine.Runtime.QueryInstancesAsync(new InstanceQuery())).Items);
    }

    [SkippableFact]
    public async Task InAndOut_BySourceExpressionAndAll_AndNoBusinessKeyUnlessAsked()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("child", """
            <bpmn:startEvent id="cs"/>
            <bpmn:scriptTask id="calc" scriptFormat="javascript" camunda:resultVariable="total"><bpmn:script>n + (typeof secret === 'undefined' ? 0 : 1000)</bpmn:script></bpmn:scriptTask>
            <bpmn:userTask id="look"/><bpmn:endEvent id="ce"/>
            """ + Chain("c", "cs", "calc", "look", "ce")));
        await engine.DeployAsync(Parent("p", """calledElement="child" """, """
            <camunda:in sourceExpression="${amount * 2}" target="n"/><camunda:in source="missing" target="gone"/>
            <camunda:out variables="all"/>
            """));
        var parent = await engine.StartAsync("p", "CASE-1", new { amount = 4, secret = "s" });

        var child = Assert.Single((await engine.Runtime.QueryInstancesAsync(new InstanceQuery("child"))).Items);
        Assert.Null(child.BusinessKey);
        var childVariables = (await engine.InstanceAsync(child.Id)).Variables;
        Assert.Equal(["n", "total"], childVariables.Keys.Order(StringComparer.Ordinal));
        await engine.Tasks.CompleteAsync((await engine.SingleTaskAsync(child.Id, "look")).Id, EngineHarness.Vars(new { verdict = "ok" }));

        var variables = (await engine.InstanceAsync(parent.Id)).Variables;
        Assert.Equal(8, variables["total"]!.GetValue<int>());
        Assert.Equal(8, variables["n"]!.GetValue<int>());
        Assert.Equal("ok", variables["verdict"]!.GetValue<string>());
        Assert.Equal("s", variables["secret"]!.GetValue<string>());
        Assert.Equal(InstanceStatus.Completed, (await engine.InstanceAsync(child.Id)).Summary.Status);
    }
}

public sealed class CallActivityTests_Sqlite() : CallActivityTests(TestDatabaseProvider.Sqlite);
public sealed class CallActivityTests_Postgres() : CallActivityTests(TestDatabaseProvider.Postgres);
