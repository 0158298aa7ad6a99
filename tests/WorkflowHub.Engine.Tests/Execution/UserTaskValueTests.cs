using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Testing.Bpmn;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>
/// The values a user task's attributes take when expressions give blanks, padding, dates or nothing: what an inbox
/// shows must not depend on how tidy a modeller's expressions are.
/// </summary>
public abstract class UserTaskValueTests(TestDatabaseProvider provider) : EngineTestBase(provider)
{
    private async Task<Services.TaskInfo> TaskOfAsync(string attributes, object? variables = null, string listeners = "")
    {
        var engine = await StartEngineAsync();
        await engine.DeployAsync(Process("p", $"""
            <bpmn:startEvent id="s"/><bpmn:userTask id="fix" {attributes}>{listeners}</bpmn:userTask><bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "fix", "e")));
        var instance = await engine.StartAsync("p", variables: variables);
        return await engine.SingleTaskAsync(instance.Id, "fix");
    }

    [SkippableFact]
    public async Task WithoutAttributes_TheTaskHasPriority50AndNothingElse()
    {
        var task = await TaskOfAsync("");
        Assert.Equal((null, 50, null, null, null), (task.Assignee, task.Priority, task.DueDate, task.FollowUpDate, task.FormKey));
        Assert.Empty(task.CandidateUsers);
        Assert.Empty(task.CandidateGroups);
    }

    [SkippableTheory]
    [InlineData(" li ", "li")]
    [InlineData("   ", null)]
    public async Task TheAssignee_IsTrimmed_AndABlankOneIsNone(string assignee, string? expected)
    {
        var task = await TaskOfAsync("""camunda:assignee="${who}" """, new { who = assignee });
        Assert.Equal(expected, task.Assignee);
    }

    [SkippableFact]
    public async Task APriorityExpressionGivingNothing_FallsBackTo50()
    {
        var task = await TaskOfAsync("""camunda:priority="${level}" """, new { level = (int?)null });
        Assert.Equal(50, task.Priority);
    }

    [SkippableTheory]
    [InlineData("2026-03-10T09:00:00Z", "2026-03-10T09:00:00+00:00")]
    [InlineData("PT36H", "2026-03-03T20:00:00+00:00")]
    [InlineData("", null)]
    public async Task ADueDate_IsADateOrADurationFromNow_AndBlankIsNone(string due, string? expected)
    {
        var task = await TaskOfAsync("""camunda:dueDate="${due}" camunda:followUpDate="${due}" """, new { due });
        var expectedDate = expected is null ? (DateTimeOffset?)null : DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((expectedDate, expectedDate), (task.DueDate, task.FollowUpDate));
    }

    [SkippableTheory]
    [InlineData("""camunda:assignee="li" """, "assigned,created")]
    [InlineData("", "created")]
    public async Task TheAssignmentListener_RunsOnlyWhenTheTaskIsCreatedWithAnAssignee(string attributes, string expected)
    {
        await TaskOfAsync(attributes, listeners: """
            <bpmn:extensionElements>
              <camunda:taskListener event="assignment" expression="${execution.setVariable('log', (typeof log === 'undefined' ? '' : log + ',') + 'assigned')}"/>
              <camunda:taskListener event="create" expression="${execution.setVariable('log', (typeof log === 'undefined' ? '' : log + ',') + 'created')}"/>
            </bpmn:extensionElements>
            """);
        var instance = Assert.Single((await Engine.Runtime.QueryInstancesAsync(new Services.InstanceQuery("p"))).Items);
        Assert.Equal(expected, (await Engine.VariableAsync(instance.Id, "log"))!.GetValue<string>());
    }
}

public sealed class UserTaskValueTests_Sqlite() : UserTaskValueTests(TestDatabaseProvider.Sqlite);
public sealed class UserTaskValueTests_Postgres() : UserTaskValueTests(TestDatabaseProvider.Postgres);
