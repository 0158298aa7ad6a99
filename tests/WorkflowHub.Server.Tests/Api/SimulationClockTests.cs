using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static WorkflowHub.Server.Tests.Api.Api;

namespace WorkflowHub.Server.Tests.Api;

public abstract class SimulationClockTests(ApiServer server)
{
    [SkippableFact]
    public async Task Advancing_the_clock_two_hours_fires_a_R2_PT1H_reminder_twice_while_the_task_stays_open()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        await DeployAsync(admin, Process("reminded", """
            <bpmn:startEvent id="s"/>
            <bpmn:userTask id="fix" name="Fix the pothole" camunda:candidateGroups="area-south"/>
            <bpmn:boundaryEvent id="remind" attachedToRef="fix" cancelActivity="false">
              <bpmn:timerEventDefinition><bpmn:timeCycle>R2/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:userTask id="reminder" name="Chase the area group" camunda:candidateGroups="supervision"/>
            <bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
            """ + Chain("f", "s", "fix", "e") + Chain("r", "remind", "reminder", "e2")));
        var instance = await StartAsync(admin, "reminded", "POT-7");
        var id = instance["id"]!.GetValue<string>();

        var before = await ExpectAsync(await admin.GetAsync("/api/dev/clock"), HttpStatusCode.OK);
        var advanced = await ExpectAsync(await admin.PostAsJsonAsync("/api/dev/clock/advance", new { duration = "PT2H" }), HttpStatusCode.OK);
        Assert.Equal(DateTimeOffset.Parse(before["now"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).AddHours(2),
            DateTimeOffset.Parse(advanced["now"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, advanced["jobsRun"]!.GetValue<int>());

        var history = Items((await admin.GetFromJsonAsync<JsonObject>($"/api/instances/{id}/history"))!);
        Assert.Equal(2, history!.Count(h => h!["type"]!.GetValue<string>() == "timer.fired"));
        var tasks = Items(await ExpectAsync(await admin.GetAsync($"/api/tasks?businessKey=POT-7&pageSize=10"), HttpStatusCode.OK));
        Assert.Single(tasks, t => t!["elementId"]!.GetValue<string>() == "fix");
        Assert.Equal(2, tasks.Count(t => t!["elementId"]!.GetValue<string>() == "reminder"));

        // The cycle is spent: a further day changes nothing.
        var later = await ExpectAsync(await admin.PostAsJsonAsync("/api/dev/clock/advance", new { duration = "P1D" }), HttpStatusCode.OK);
        Assert.Equal(0, later["jobsRun"]!.GetValue<int>());
    }

    [SkippableTheory]
    [InlineData("P9000Y")]
    [InlineData("P99999999D")]
    [InlineData("P10001Y")]
    public async Task An_advance_that_overflows_the_calendar_is_a_400_and_the_clock_stays_usable(string duration)
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var before = await ExpectAsync(await admin.GetAsync("/api/dev/clock"), HttpStatusCode.OK);

        await ExpectFieldErrorAsync(await admin.PostAsJsonAsync("/api/dev/clock/advance", new { duration }), "duration");

        var after = await ExpectAsync(await admin.GetAsync("/api/dev/clock"), HttpStatusCode.OK);
        Assert.Equal(before["offset"]!.GetValue<string>(), after["offset"]!.GetValue<string>());
        var moved = await ExpectAsync(await admin.PostAsJsonAsync("/api/dev/clock/advance", new { duration = "PT1M" }), HttpStatusCode.OK);
        Assert.NotEqual(before["offset"]!.GetValue<string>(), moved["offset"]!.GetValue<string>());
    }
}

public sealed class SimulationClockTests_Sqlite(SqliteApiServer server) : SimulationClockTests(server), IClassFixture<SqliteApiServer>;

public sealed class SimulationClockTests_Postgres(PostgresApiServer server) : SimulationClockTests(server), IClassFixture<PostgresApiServer>;
