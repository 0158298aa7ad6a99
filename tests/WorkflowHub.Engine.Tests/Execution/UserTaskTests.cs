using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Services;
using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

public abstract class UserTaskTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    private static string Flow1(string attributes) => Process("p", $"""
        <bpmn:startEvent id="s"/><bpmn:userTask id="fix" name="整改" {attributes}/><bpmn:endEvent id="e"/>
        """ + Chain("f", "s", "fix", "e"));

    [SkippableFact]
    public async Task UserTask_CarriesAssigneeCandidatesDueFollowUpPriorityAndFormKey_Camunda7Attributes()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Flow1("""camunda:assignee="${areaHead}" camunda:candidateUsers="li,wang" camunda:candidateGroups="${area}, sector-sanitation" camunda:dueDate="P3D" camunda:followUpDate="${addDays(now(), 1)}" camunda:priority="${urgent ? 90 : 10}" camunda:formKey="forms/fix.json" """));
        var instance = await engine.StartAsync("p", "WT-7", new { areaHead = "zhang", area = "area-east", urgent = true });
        var task = await engine.SingleTaskAsync(instance.Id);
        Assert.Equal("zhang", task.Assignee);
        Assert.Equal(new[] { "li", "wang" }, task.CandidateUsers);
        Assert.Equal(new[] { "area-east", "sector-sanitation" }, task.CandidateGroups);
        Assert.Equal(EngineHarness.Epoch.AddDays(3), task.DueDate);
        Assert.Equal(EngineHarness.Epoch.AddDays(1), task.FollowUpDate);
        Assert.Equal(90, task.Priority);
        Assert.Equal("forms/fix.json", task.FormKey);
        Assert.Equal("整改", task.Name);
        Assert.Equal("WT-7", task.BusinessKey);
        Assert.Equal(EngineHarness.Epoch, task.CreatedAt);
    }

    [SkippableFact]
    public async Task TheSameAttributesUnderTheActivitiAndFlowableNamespaces_AreRead()
    {
        var engine = await StartEngineAsync();
        foreach (var (prefix, uri) in new[] { ("activiti", "http://activiti.org/bpmn"), ("flowable", "http://flowable.org/bpmn") })
        {
            var xml = Flow1($"""{prefix}:assignee="lee" {prefix}:candidateGroups="g1" xmlns:{prefix}="{uri}" """).Replace("id=\"p\"", $"id=\"p_{prefix}\"", StringComparison.Ordinal);
            await engine.DeployAsync(xml);
            var instance = await engine.StartAsync($"p_{prefix}");
            var task = await engine.SingleTaskAsync(instance.Id);
            Assert.Equal("lee", task.Assignee);
            Assert.Equal(new[] { "g1" }, task.CandidateGroups);
        }
    }

    [SkippableFact]
    public async Task TaskQueries_ByCandidateGroupAssigneeDueAndPaging()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Flow1("""camunda:candidateGroups="${group}" camunda:dueDate="${due}" """));
        for (var i = 0; i < 7; i++)
        {
            await engine.StartAsync("p", $"BK-{i}", new { group = i % 2 == 0 ? "east" : "west", due = $"P{i + 1}D" });
        }
        var east = await engine.Tasks.QueryAsync(new TaskQuery { CandidateGroups = ["east"], PageSize = 2, Sort = TaskSort.Due });
        Assert.Equal(4, east.Total);
        Assert.Equal(new[] { "BK-0", "BK-2" }, east.Items.Select(t => t.BusinessKey).ToArray());
        var page2 = await engine.Tasks.QueryAsync(new TaskQuery { CandidateGroups = ["east"], PageSize = 2, PageNumber = 2, Sort = TaskSort.Due });
        Assert.Equal(new[] { "BK-4", "BK-6" }, page2.Items.Select(t => t.BusinessKey).ToArray());
        var dueSoon = await engine.Tasks.QueryAsync(new TaskQuery { DueBefore = EngineHarness.Epoch.AddDays(2.5) });
        Assert.Equal(2, dueSoon.Total);
        var byKey = await engine.Tasks.QueryAsync(new TaskQuery { BusinessKey = "BK-3", ProcessKey = "p" });
        Assert.Equal("west", Assert.Single(byKey.Items).CandidateGroups.Single());
        await engine.Tasks.ClaimAsync(byKey.Items[0].Id, "mei");
        var involved = await engine.Tasks.QueryAsync(new TaskQuery { InvolvedUser = "mei", InvolvedGroups = ["east"] });
        Assert.Equal(5, involved.Total);
        await Assert.ThrowsAsync<WorkflowArgumentException>(() => engine.Tasks.QueryAsync(new TaskQuery { PageSize = 0 }));
    }

    [SkippableFact]
    public async Task Claim_IsRefusedWhenAnotherUserHoldsTheTask_AndUnclaimFreesIt()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Flow1("""camunda:candidateGroups="east" """));
        var instance = await engine.StartAsync("p");
        var task = await engine.SingleTaskAsync(instance.Id);
        await engine.Tasks.ClaimAsync(task.Id, "mei");
        await engine.Tasks.ClaimAsync(task.Id, "mei");
        await Assert.ThrowsAsync<WorkflowConflictException>(() => engine.Tasks.ClaimAsync(task.Id, "bo"));
        await engine.Tasks.UnclaimAsync(task.Id, "mei");
        await engine.Tasks.ClaimAsync(task.Id, "bo");
        var claimed = await engine.Tasks.GetAsync(task.Id);
        Assert.Equal("bo", claimed!.Assignee);
        Assert.Equal(EngineHarness.Epoch, claimed.ClaimedAt);
        await engine.Tasks.AssignAsync(task.Id, "leader-chen", "admin");
        Assert.Equal("leader-chen", (await engine.Tasks.GetAsync(task.Id))!.Assignee);
        var history = await engine.History.GetInstanceHistoryAsync(instance.Id);
        Assert.Equal(new[] { "task.claimed", "task.claimed", "task.unclaimed", "task.claimed", "task.assigned" },
            history.Where(h => h.Type.StartsWith("task.", StringComparison.Ordinal) && h.Type != "task.created").Select(h => h.Type).ToArray());
    }

    [SkippableFact]
    public async Task Complete_SetsVariables_WritesActorAndComment_AndRemovesTheTask()
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Flow1(""));
        var instance = await engine.StartAsync("p");
        var task = await engine.SingleTaskAsync(instance.Id);
        await engine.Tasks.CompleteAsync(task.Id, EngineHarness.Vars(new { fixedOk = true }), "zhang", "cleared the bins");
        Assert.Equal(InstanceStatus.Completed, (await engine.InstanceAsync(instance.Id)).Summary.Status);
        Assert.True((await engine.VariableAsync(instance.Id, "fixedOk"))!.GetValue<bool>());
        var completed = (await engine.History.GetInstanceHistoryAsync(instance.Id)).Single(h => h.Type == "task.completed");
        Assert.Equal("zhang", completed.Actor);
        Assert.Equal("cleared the bins", completed.Data!["comment"]!.GetValue<string>());
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => engine.Tasks.CompleteAsync(task.Id));
        Assert.Empty(await engine.RowsAsync<TaskCandidateRecord>());
    }
}

public sealed class UserTaskTests_Sqlite() : UserTaskTests(TestDatabaseProvider.Sqlite);
public sealed class UserTaskTests_Postgres() : UserTaskTests(TestDatabaseProvider.Postgres);
