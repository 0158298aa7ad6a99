using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static WorkflowHub.Server.Tests.Api.Api;

namespace WorkflowHub.Server.Tests.Flows;

/// <summary>
/// Must-show (a) and (c): a 12345 work order arrives by webhook, is registered and dual-assigned (two tasks, the 交办通知
/// to both groups), fails verification once (rework 1, reason kept), is fixed with photos, verified, closed, and the
/// look-back 30 days later finds it stable. HTTP only, on the simulation clock.
/// </summary>
public abstract class HotlineToLookbackTests(FlowServer server)
{
    [SkippableFact]
    public async Task A_12345_report_is_registered_dual_assigned_reworked_once_closed_and_stable_at_the_look_back()
    {
        var flow = await FlowDriver.StartAsync(server);
        var accepted = await flow.WebhookAsync("hotline-12345", new JsonObject
        {
            ["workOrderNo"] = "GD-20260302-0001", ["callerName"] = "王女士", ["callerPhone"] = "13800000000",
            ["address"] = "东关路与人民路交叉口西南角公交站旁", ["content"] = "商超门前垃圾落地，无人清理。",
            ["category"] = "暴露垃圾", ["categoryCode"] = "HJ02", ["gridCode"] = "DG01-01",
        });
        var instance = accepted["instanceId"]!.GetValue<string>();
        await flow.NoIncidentsAsync();

        // registered (挂号) from the payload mapping, routed to the area and the sector group
        var cases = await flow.Admin.GetFromJsonAsync<JsonObject>("/api/cases?channel=Hotline12345");
        var summary = Items(cases!).Select(c => c!.AsObject()).Single(c => c["categoryCode"]!.GetValue<string>() == "HJ02");
        var number = summary["number"]!.GetValue<string>();
        Assert.Equal("InProgress", summary["status"]!.GetValue<string>());
        Assert.Equal("area-dongge", summary["areaGroup"]!.GetValue<string>());
        Assert.Equal("sector-sanitation", summary["sectorGroup"]!.GetValue<string>());
        var detail = await flow.CaseAsync(number);
        Assert.Equal("GD-20260302-0001", detail["externalRef"]!.GetValue<string>());
        Assert.Equal("王女士", detail["reporterName"]!.GetValue<string>());
        Assert.Equal(instance, detail["processInstanceId"]!.GetValue<string>());

        // dual assignment: two tasks, the 交办通知 to the area group and (Cc) the sector group
        var tasks = await flow.TasksAsync(instance);
        Assert.Equal(["assist", "rectify"], tasks.Select(t => t["elementId"]!.GetValue<string>()).Order().ToArray());
        Assert.Contains("area-dongge", (await flow.TaskAsync(instance, "rectify"))["candidateGroups"]!.AsArray().Select(g => g!["id"]!.GetValue<string>()));
        Assert.Contains("sector-sanitation", (await flow.TaskAsync(instance, "assist"))["candidateGroups"]!.AsArray().Select(g => g!["id"]!.GetValue<string>()));
        var assignment = (await flow.NoticesAsync(instance)).Where(n => n["templateKey"]!.GetValue<string>() == "assignment").ToList();
        Assert.Equal(["dongge-head@demo.example.org", "dongge-staff@demo.example.org"],
            assignment.Where(n => !n["cc"]!.GetValue<bool>()).Select(n => n["recipient"]!.GetValue<string>()).Order().ToArray());
        Assert.Equal(["sanitation-head@demo.example.org", "sanitation-staff@demo.example.org"],
            assignment.Where(n => n["cc"]!.GetValue<bool>()).Select(n => n["recipient"]!.GetValue<string>()).Order().ToArray());
        Assert.Contains(number, assignment[0]["subject"]!.GetValue<string>());

        await flow.CompleteAsync("sanitation-staff", await flow.TaskAsync(instance, "assist"), new { assistComment = "派环卫车协助清运" });

        // rectified with the after photo → verification; the first verification fails (c)
        await flow.AddAfterPhotoAsync("dongge-staff", number);
        await flow.CompleteAsync("dongge-staff", await flow.TaskAsync(instance, "rectify"), new { handleResult = "fixed", handleComment = "已清理" });
        Assert.Equal("AwaitingVerification", (await flow.CaseAsync(number))["summary"]!["status"]!.GetValue<string>());
        await flow.CompleteAsync("inspector", await flow.TaskAsync(instance, "verify"), new { verifyPassed = false, verifyComment = "周边仍有散落垃圾" });
        var reworked = await flow.CaseAsync(number);
        Assert.Equal(1, reworked["summary"]!["reworkCount"]!.GetValue<int>());
        Assert.Equal("InProgress", reworked["summary"]!["status"]!.GetValue<string>());
        Assert.Equal("周边仍有散落垃圾", reworked["lastVerificationNote"]!.GetValue<string>());
        Assert.Equal("rectify", (await flow.TasksAsync(instance)).Single()["elementId"]!.GetValue<string>());

        // fixed again, verified by the supervision group, closed (销号) with the look-back scheduled
        await flow.CompleteAsync("dongge-staff", await flow.TaskAsync(instance, "rectify"), new { handleResult = "fixed", handleComment = "已全部清理" });
        await flow.CompleteAsync("inspector", await flow.TaskAsync(instance, "verify"), new { verifyPassed = true, verifyComment = "现场核实已整改" });
        var closed = await flow.CaseAsync(number);
        Assert.Equal("Closed", closed["summary"]!["status"]!.GetValue<string>());
        var lookbackAt = closed["lookbackAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(30, Math.Round((lookbackAt - closed["summary"]!["closedAt"]!.GetValue<DateTimeOffset>()).TotalDays));
        Assert.Empty(await flow.TasksAsync(instance));

        // 30 days later the look-back task appears; the problem is stable, the instance completes
        await flow.AdvanceToAsync(lookbackAt.AddMinutes(1));
        await flow.CompleteAsync("inspector", await flow.TaskAsync(instance, "lookback"), new { stable = true, lookbackComment = "点位保持整洁" });
        Assert.True(closed["lookbackAt"] is not null, closed.ToJsonString());
        var done = await ExpectAsync(await flow.Admin.GetAsync($"/api/instances/{instance}"), HttpStatusCode.OK);
        Assert.Equal("Completed", done["summary"]!["status"]!.ToString());
        var actions = (await flow.TimelineAsync(number)).Select(e => e!["action"]!.GetValue<string>()).ToList();
        Assert.Equal(["register", "route", "assign", "photo", "verify", "verify", "verify", "verify", "close", "schedule-lookback", "lookback"],
            actions.Where(a => a != "link").ToArray());
        await flow.NoIncidentsAsync();
    }
}

public sealed class HotlineToLookbackTests_Sqlite(SqliteFlowServer server) : HotlineToLookbackTests(server), IClassFixture<SqliteFlowServer>;

public sealed class HotlineToLookbackTests_Postgres(PostgresFlowServer server) : HotlineToLookbackTests(server), IClassFixture<PostgresFlowServer>;
