using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace WorkflowHub.Server.Tests.Flows;

/// <summary>Must-show (b): an overdue case climbs the whole supervision ladder, with the right mails and ledger levels, then is fixed.</summary>
public abstract class LadderTests(FlowServer server)
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    [SkippableFact]
    public async Task B_an_overdue_case_climbs_reminder_supervision_order_unit_head_and_party_group_then_is_fixed()
    {
        var flow = await FlowDriver.StartAsync(server);
        var number = await flow.ReportAsync("dongge-staff", "HJ02", "DG01-01", "东关路 12 号门前", "门前垃圾落地。");
        var instance = await flow.InstanceOfAsync(number);
        var due = (await flow.CaseAsync(number))["summary"]!["dueAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(new DateOnly(2026, 3, 2), DateOnly.FromDateTime(due.ToOffset(Beijing).DateTime));

        async Task<(int Level, List<JsonObject> Notices)> At(DateTimeOffset when)
        {
            await flow.AdvanceToAsync(when);
            await flow.NoIncidentsAsync();
            return ((await flow.CaseAsync(number))["summary"]!["escalationLevel"]!.GetValue<int>(), await flow.NoticesAsync(instance));
        }
        static List<JsonObject> Of(List<JsonObject> notices, string template) => notices.Where(n => n["templateKey"]!.GetValue<string>() == template).ToList();

        // before due: no step yet; two hours before due: the reminder (催办提醒), level 1
        var (level, notices) = await At(due.AddHours(-2).AddMinutes(-5));
        Assert.Equal(0, level);
        Assert.Empty(Of(notices, "reminder"));
        (level, notices) = await At(due.AddHours(-2).AddMinutes(1));
        Assert.Equal(1, level);
        Assert.Equal(["dongge-head@demo.example.org", "dongge-staff@demo.example.org"], Of(notices, "reminder").Select(n => n["recipient"]!.GetValue<string>()).Order().ToArray());

        // due + 1 working day (Tuesday's close): the 督办单 with its number to the area group (Cc the sector group), level 2
        (level, notices) = await At(new DateTimeOffset(2026, 3, 3, 12, 0, 0, Beijing));
        Assert.Equal(1, level);
        (level, notices) = await At(new DateTimeOffset(2026, 3, 3, 23, 0, 0, Beijing));
        Assert.Equal(2, level);
        var orders = Of(notices, "supervision-order");
        Assert.Equal(4, orders.Count);
        var subject = orders[0]["subject"]!.GetValue<string>();
        Assert.StartsWith("【督办单】督办〔2026〕第 1 号", subject);
        var escalations = (await flow.TimelineAsync(number)).Where(e => e!["action"]!.GetValue<string>() == "escalate").Select(e => e!["note"]!.GetValue<string>()).ToList();
        Assert.Contains(escalations, e => e.Contains("督办单 督办〔2026〕第 1 号", StringComparison.Ordinal));
        Assert.Equal(1, (await flow.CaseAsync(number))["summary"]!["supervisionOrders"]!.GetValue<int>());

        // + 2 working days: reported to the unit head (the area group's head), level 3
        (level, notices) = await At(new DateTimeOffset(2026, 3, 4, 23, 0, 0, Beijing));
        Assert.Equal(3, level);
        Assert.Equal(["dongge-head@demo.example.org"], Of(notices, "report-to-head").Select(n => n["recipient"]!.GetValue<string>()).ToArray());

        // + 3 working days: submitted to the party group (局党组) — a Leader task and the submission to the leading group, level 4
        (level, notices) = await At(new DateTimeOffset(2026, 3, 5, 23, 0, 0, Beijing));
        Assert.Equal(4, level);
        Assert.Equal(["leader@demo.example.org"], Of(notices, "party-group-submission").Select(n => n["recipient"]!.GetValue<string>()).ToArray());
        var party = await flow.TaskAsync(instance, "party_task");
        Assert.Contains("leading-group", party["candidateGroups"]!.AsArray().Select(g => g!["id"]!.GetValue<string>()));
        Assert.Single(Of(notices, "reminder"), n => n["recipient"]!.GetValue<string>().StartsWith("dongge-head", StringComparison.Ordinal));

        // then it is fixed: the leader's decision, the rectification with its photo, verification, 销号
        await flow.CompleteAsync("leader", party, new { leaderReason = "责成东阁街道三日内整改到位" });
        await flow.AddAfterPhotoAsync("dongge-staff", number);
        await flow.CompleteAsync("dongge-staff", await flow.TaskAsync(instance, "rectify"), new { handleResult = "fixed", handleComment = "已清理" });
        await flow.CompleteAsync("inspector", await flow.TaskAsync(instance, "verify"), new { verifyPassed = true });
        var closed = (await flow.CaseAsync(number))["summary"]!;
        Assert.Equal("Closed", closed["status"]!.GetValue<string>());
        Assert.Equal(4, closed["escalationLevel"]!.GetValue<int>());
    }
}

public sealed class LadderTests_Sqlite(SqliteFlowServer server) : LadderTests(server), IClassFixture<SqliteFlowServer>;

public sealed class LadderTests_Postgres(PostgresFlowServer server) : LadderTests(server), IClassFixture<PostgresFlowServer>;
