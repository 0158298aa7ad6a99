using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace WorkflowHub.Server.Tests.Flows;

/// <summary>Must-show (d) and the KPI figures: two rebounds give the 全局通报 and the negative-list entry; the figures match a hand count.</summary>
public abstract class ReboundTests(FlowServer server)
{
    [SkippableFact]
    public async Task D_a_second_rebound_is_notified_bureau_wide_and_lists_the_group_and_the_figures_match_a_hand_count()
    {
        var flow = await FlowDriver.StartAsync(server);
        var from = (await flow.NowAsync()).AddMinutes(1);
        await flow.AdvanceToAsync(from.AddMinutes(1));
        // a grid the demo cases do not use, so the grid's row holds only this case
        var number = await flow.ReportAsync("dongge-staff", "HJ02", "DG01-02", "阁前路 5 号", "绿化带内垃圾堆积。");
        var instance = await flow.InstanceOfAsync(number);

        async Task FixAndCloseAsync()
        {
            await flow.AddAfterPhotoAsync("dongge-staff", number);
            await flow.CompleteAsync("dongge-staff", await flow.TaskAsync(instance, "rectify"), new { handleResult = "fixed", handleComment = "已清理" });
            await flow.CompleteAsync("inspector", await flow.TaskAsync(instance, "verify"), new { verifyPassed = true });
        }
        async Task ReboundAsync()
        {
            var lookbackAt = (await flow.CaseAsync(number))["lookbackAt"]!.GetValue<DateTimeOffset>();
            await flow.AdvanceToAsync(lookbackAt.AddMinutes(1));
            await flow.CompleteAsync("inspector", await flow.TaskAsync(instance, "lookback"), new { stable = false, lookbackComment = "垃圾再次堆积" });
        }

        await FixAndCloseAsync();
        await ReboundAsync();
        var first = await flow.CaseAsync(number);
        Assert.Equal(1, first["summary"]!["reboundCount"]!.GetValue<int>());
        var notices = await flow.NoticesAsync(instance);
        Assert.Contains(notices, n => n["templateKey"]!.GetValue<string>() == "rebound-reminder" && n["recipient"]!.GetValue<string>() == "dongge-head@demo.example.org");
        Assert.DoesNotContain(notices, n => n["templateKey"]!.GetValue<string>() == "bureau-bulletin");
        Assert.Contains(await flow.TasksAsync(instance), t => t["elementId"]!.GetValue<string>() == "rectify");

        await FixAndCloseAsync();
        await ReboundAsync();
        notices = await flow.NoticesAsync(instance);
        var bulletin = notices.Where(n => n["templateKey"]!.GetValue<string>() == "bureau-bulletin").Select(n => n["recipient"]!.GetValue<string>()).ToList();
        Assert.Contains("leader@demo.example.org", bulletin);
        Assert.Contains("liyuan-staff@demo.example.org", bulletin);
        Assert.Contains("inspector@demo.example.org", bulletin);
        var timeline = await flow.TimelineAsync(number);
        Assert.Single(timeline, e => e!["action"]!.GetValue<string>() == "negative-list");

        // the KPI figures of the grid, counted by hand from what happened above
        var to = (await flow.NowAsync()).AddMinutes(1);
        var report = (await flow.Admin.GetFromJsonAsync<JsonObject>($"/api/reports/kpis?dimension=grid&from={Uri.EscapeDataString(from.ToString("o"))}&to={Uri.EscapeDataString(to.ToString("o"))}"))!;
        var row = report["rows"]!.AsArray().Single(r => r!["key"]!.GetValue<string>() == "DG01-02")!;
        var registeredAt = (await flow.CaseAsync(number))["summary"]!["registeredAt"]!.GetValue<DateTimeOffset>();
        var closes = timeline.Where(e => e!["action"]!.GetValue<string>() == "close").Select(e => e!["at"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(2, closes.Count);
        Assert.Equal(1, row["received"]!.GetValue<int>());
        Assert.Equal(1, row["registered"]!.GetValue<int>());
        Assert.Equal(2, row["closed"]!.GetValue<int>());          // closed twice (two rounds)
        Assert.Equal(0, row["registeredClosed"]!.GetValue<int>()); // reopened now
        Assert.Equal(0.0, row["closeRate"]!.GetValue<double>());
        Assert.Equal(2, row["feedbacks"]!.GetValue<int>());
        Assert.Equal(0, row["reworks"]!.GetValue<int>());
        Assert.Equal(0.0, row["reworkRate"]!.GetValue<double>());
        Assert.Equal(2, row["lookbacks"]!.GetValue<int>());
        Assert.Equal(2, row["rebounds"]!.GetValue<int>());
        Assert.Equal(1.0, row["reboundRate"]!.GetValue<double>());
        Assert.Equal(1, row["negativeListed"]!.GetValue<int>());
        Assert.Equal(Math.Round(closes.Average(c => (c - registeredAt).TotalHours), 2), row["averageHandlingHours"]!.GetValue<double>());
        Assert.Contains(report["negativeList"]!.AsArray(), n => n!["caseNumber"]!.GetValue<string>() == number && n!["groupId"]!.GetValue<string>() == "area-dongge");
    }
}

public sealed class ReboundTests_Sqlite(SqliteFlowServer server) : ReboundTests(server), IClassFixture<SqliteFlowServer>;

public sealed class ReboundTests_Postgres(PostgresFlowServer server) : ReboundTests(server), IClassFixture<PostgresFlowServer>;
