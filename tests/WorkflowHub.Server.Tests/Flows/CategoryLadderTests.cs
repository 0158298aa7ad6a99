using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static WorkflowHub.Server.Tests.Api.Api;

namespace WorkflowHub.Server.Tests.Flows;

/// <summary>
/// The supervision ladder per category: a category whose 督办单 comes on the 2nd working day after due (and the later
/// steps a day later each) climbs a day behind a category that keeps the flow's defaults, on the same due time.
/// </summary>
public abstract class CategoryLadderTests(FlowServer server)
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    [SkippableFact]
    public async Task A_category_with_the_supervision_order_after_two_working_days_climbs_later_than_the_default()
    {
        var flow = await FlowDriver.StartAsync(server);
        var row = (await flow.Admin.GetFromJsonAsync<JsonObject>("/api/organisation/categories/HJ02"))!;
        Assert.Null(row["supervisionAfterWorkdays"]);

        // the steps must climb: a unit-head report before the 督办单 is refused, naming the field
        var copy = row.DeepClone().AsObject();
        copy["code"] = "HJ02S";
        copy["name"] = "暴露垃圾（慢梯度）";
        copy["supervisionAfterWorkdays"] = 3;
        copy["headReportAfterWorkdays"] = 2;
        var refused = await flow.Admin.PostAsJsonAsync("/api/organisation/categories", copy);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("headReportAfterWorkdays", await refused.Content.ReadAsStringAsync());

        copy["supervisionAfterWorkdays"] = 2;
        copy["headReportAfterWorkdays"] = 3;
        copy["partyGroupAfterWorkdays"] = 4;
        await ExpectAsync(await flow.Admin.PostAsJsonAsync("/api/organisation/categories", copy), HttpStatusCode.Created);

        var standard = await flow.ReportAsync("dongge-staff", "HJ02", "DG02-01", "阁前路 2 号", "门前垃圾落地。");
        var slow = await flow.ReportAsync("dongge-staff", "HJ02S", "DG02-01", "阁前路 40 号", "绿化带垃圾落地。");
        var due = (await flow.CaseAsync(standard))["summary"]!["dueAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(due, (await flow.CaseAsync(slow))["summary"]!["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(new DateOnly(2026, 3, 2), DateOnly.FromDateTime(due.ToOffset(Beijing).DateTime));

        async Task<(int Standard, int Slow)> LevelsAt(DateTimeOffset when)
        {
            await flow.AdvanceToAsync(when);
            await flow.NoIncidentsAsync();
            return ((await flow.CaseAsync(standard))["summary"]!["escalationLevel"]!.GetValue<int>(),
                (await flow.CaseAsync(slow))["summary"]!["escalationLevel"]!.GetValue<int>());
        }

        // the reminder is not overridden: both at level 1 two hours before due
        Assert.Equal((1, 1), await LevelsAt(due.AddHours(-2).AddMinutes(1)));
        // Tuesday's close (due + 1 working day): only the default category has its 督办单
        Assert.Equal((2, 1), await LevelsAt(new DateTimeOffset(2026, 3, 3, 23, 0, 0, Beijing)));
        // Wednesday: the default goes to the unit head, the slow category gets its 督办单 now
        Assert.Equal((3, 2), await LevelsAt(new DateTimeOffset(2026, 3, 4, 23, 0, 0, Beijing)));
        var slowInstance = await flow.InstanceOfAsync(slow);
        var order = (await flow.NoticesAsync(slowInstance)).First(n => n["templateKey"]!.GetValue<string>() == "supervision-order");
        var text = (await flow.Admin.GetFromJsonAsync<JsonObject>($"/api/notices/outbox/{order["id"]}"))!["text"]!.GetValue<string>();
        Assert.Contains("到期后第2个工作日", text);
        // Thursday and Friday: each a day behind
        Assert.Equal((4, 3), await LevelsAt(new DateTimeOffset(2026, 3, 5, 23, 0, 0, Beijing)));
        Assert.Equal((4, 4), await LevelsAt(new DateTimeOffset(2026, 3, 6, 23, 0, 0, Beijing)));
    }
}

public sealed class CategoryLadderTests_Sqlite(SqliteFlowServer server) : CategoryLadderTests(server), IClassFixture<SqliteFlowServer>;

public sealed class CategoryLadderTests_Postgres(PostgresFlowServer server) : CategoryLadderTests(server), IClassFixture<PostgresFlowServer>;
