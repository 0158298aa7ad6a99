using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace WorkflowHub.Server.Tests.Flows;

/// <summary>Must-show (f): the daily report (日报备) reminder goes to the head of a group that did not report; the 17:30 summary names it.</summary>
public abstract class DailyReportTests(FlowServer server)
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private static readonly Dictionary<string, string> Heads = new()
    {
        ["area-dongge"] = "dongge-head", ["area-liyuan"] = "liyuan-head", ["area-fengtai"] = "fengtai-head", ["area-kaifaqu"] = "kaifaqu-head",
        ["area-tonghe"] = "tonghe-head", ["sector-sanitation"] = "sanitation-head", ["sector-municipal"] = "municipal-head",
        ["sector-construction"] = "construction-head", ["sector-property"] = "property-head", ["func-collection"] = "collector",
        ["func-supervision"] = "inspector", ["func-publicity"] = "publicity", ["func-institution"] = "institution",
    };

    [SkippableFact]
    public async Task F_the_head_of_a_group_that_did_not_report_is_reminded_at_five_and_the_summary_names_it()
    {
        var flow = await FlowDriver.StartAsync(server);
        await flow.AdvanceToAsync(new DateTimeOffset(2026, 3, 3, 8, 30, 0, Beijing)); // Tuesday, a working day
        var page = (await flow.Admin.GetFromJsonAsync<JsonObject>("/api/tasks?pageSize=200&processKey=daily-report"))!;
        var tasks = page["items"]!.AsArray().Select(t => t!.AsObject()).ToList();
        var instance = tasks.Select(t => t["instanceId"]!.GetValue<string>()).Distinct().Order().Last();
        tasks = tasks.Where(t => t["instanceId"]!.GetValue<string>() == instance).ToList();
        Assert.Equal(Heads.Keys.Order().ToArray(), tasks.Select(t => t["candidateGroups"]![0]!["id"]!.GetValue<string>()).Order().ToArray());
        Assert.All(tasks, t => Assert.Equal(new DateTimeOffset(2026, 3, 3, 17, 0, 0, Beijing), t["dueDate"]!.GetValue<DateTimeOffset>()));

        foreach (var task in tasks.Where(t => t["candidateGroups"]![0]!["id"]!.GetValue<string>() != "area-liyuan"))
        {
            await flow.CompleteAsync(Heads[task["candidateGroups"]![0]!["id"]!.GetValue<string>()], task, new { work = "巡查 3 处，整改 2 处。" });
        }
        await flow.AdvanceToAsync(new DateTimeOffset(2026, 3, 3, 16, 59, 0, Beijing));
        Assert.DoesNotContain(await flow.NoticesAsync(instance), n => n["templateKey"]!.GetValue<string>() == "reminder");

        await flow.AdvanceToAsync(new DateTimeOffset(2026, 3, 3, 17, 1, 0, Beijing));
        var reminders = (await flow.NoticesAsync(instance)).Where(n => n["templateKey"]!.GetValue<string>() == "reminder").ToList();
        Assert.Equal(["liyuan-head@demo.example.org"], reminders.Select(n => n["recipient"]!.GetValue<string>()).ToArray());

        await flow.AdvanceToAsync(new DateTimeOffset(2026, 3, 3, 17, 31, 0, Beijing));
        var summary = (await flow.NoticesAsync(instance)).Single(n => n["templateKey"]!.GetValue<string>() == "daily-summary");
        Assert.Equal("office@demo.example.org", summary["recipient"]!.GetValue<string>());
        var text = (await flow.Admin.GetFromJsonAsync<JsonObject>($"/api/notices/outbox/{summary["id"]}"))!["text"]!.GetValue<string>();
        Assert.Contains("李园街道片区行动组", text);
        await flow.NoIncidentsAsync();
    }
}

public sealed class DailyReportTests_Sqlite(SqliteFlowServer server) : DailyReportTests(server), IClassFixture<SqliteFlowServer>;

public sealed class DailyReportTests_Postgres(PostgresFlowServer server) : DailyReportTests(server), IClassFixture<PostgresFlowServer>;
