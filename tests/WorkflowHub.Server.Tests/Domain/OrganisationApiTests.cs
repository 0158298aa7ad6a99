using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ClosedXML.Excel;
using WorkflowHub.Server.Tests.Api;
using static WorkflowHub.Server.Tests.Api.Api;
using static WorkflowHub.Server.Tests.Domain.DemoSettings;

namespace WorkflowHub.Server.Tests.Domain;

public abstract class OrganisationApiTests(ApiServer server)
{
    private static MultipartFormDataContent File(string name, byte[] content)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(content), "file", name);
        return form;
    }

    [SkippableFact]
    public async Task Areas_import_from_csv_all_or_nothing_and_come_back_in_the_xlsx_export()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        // Chinese headers, and a grid listed before its community: rows may name rows further down.
        var good = "\uFEFF编码,名称,层级,上级编码,片区行动组,网格长,网格员\n"
            + "TH03-01,新村社区第一网格,Grid,TH03,,tonghe-staff,tonghe-staff;tonghe-head\n"
            + "TH03,新村社区,Community,TH,area-tonghe,,\n";
        var imported = await ExpectAsync(await admin.PostAsync("/api/organisation/areas/import", File("areas.csv", Encoding.UTF8.GetBytes(good))), HttpStatusCode.OK);
        Assert.Equal(2, imported["created"]!.GetValue<int>());

        var bad = "code,name,level,parent\nTH04,和谐社区,Community,TH\nTH04-01,和谐社区第一网格,Grid,NOWHERE\n";
        var problem = await ExpectFieldErrorAsync(await admin.PostAsync("/api/organisation/areas/import", File("areas.csv", Encoding.UTF8.GetBytes(bad))), "rows[3].parent");
        Assert.Contains("NOWHERE", problem.ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/organisation/areas/TH04")).StatusCode);

        var export = await admin.GetAsync("/api/organisation/areas/export?format=xlsx");
        using var book = new XLWorkbook(new MemoryStream(await export.Content.ReadAsByteArrayAsync()));
        var grid = book.Worksheet(1).RowsUsed().Single(r => r.Cell(1).GetString() == "TH03-01");
        Assert.Equal("TH03", grid.Cell(4).GetString());
        Assert.Equal("tonghe-head;tonghe-staff", grid.Cell(7).GetString());

        // The export imports back unchanged (every row an update).
        await using var again = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        var reimport = await ExpectAsync(await admin.PostAsync("/api/organisation/areas/import", File("areas.xlsx", again.ToArray())), HttpStatusCode.OK);
        Assert.Equal(0, reimport["created"]!.GetValue<int>());

        // A case in the new grid goes to the community's street's area group.
        Assert.Equal("area-tonghe", (await RegisterAsync(admin, "HJ05", "TH03-01"))["summary"]!["areaGroup"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Rows_are_checked_field_by_field_and_what_others_name_cannot_be_deleted()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        await ExpectFieldErrorAsync(await admin.PostAsJsonAsync("/api/organisation/areas", new { code = "X1", name = "x", level = "Grid", parent = "TH" }), "parent");
        await ExpectFieldErrorAsync(await admin.PostAsJsonAsync("/api/organisation/categories", new
        {
            code = "HJ99", name = "测试", parent = "HJ", kind = "Event", filingStandard = "a", closingStandard = "b",
            urgentAmount = 1.5, urgentClock = "WorkingDays", normalAmount = 1, normalClock = "WorkingDays", complexAmount = 1, complexClock = "WorkingDays",
        }), "urgentAmount");
        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync("/api/organisation/groups/area-dongge")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync("/api/organisation/areas/DG")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.DemoUserAsync("dongge-head")).PostAsJsonAsync("/api/organisation/areas", new { code = "X2" })).StatusCode);

        // A changed time limit is what deadlineFor and new cases use at once.
        var category = (await admin.GetFromJsonAsync<JsonObject>("/api/organisation/categories/HJ06"))!;
        category["normalAmount"] = 3;
        category["normalClock"] = "WorkingDays";
        await ExpectAsync(await admin.PutAsJsonAsync("/api/organisation/categories/HJ06", category), HttpStatusCode.OK);
        var due = (await RegisterAsync(admin, "HJ06", "DG01-01"))["summary"]!["dueAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 17, 30, 0, TimeSpan.FromHours(8)), due);
    }

    [SkippableFact]
    public async Task Administrators_enter_a_years_holidays_and_the_calendar_uses_them_at_once()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var missing = await admin.GetAsync("/api/calendar/due?workdays=1&from=2027-01-04T09:00:00%2B08:00");
        Assert.Equal((HttpStatusCode)422, missing.StatusCode);
        Assert.Contains("2027", await missing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/calendar/2027")).StatusCode);

        await ExpectFieldErrorAsync(await admin.PutAsJsonAsync("/api/calendar/2027", new { year = 2027, holidays = new[] { new { name = "元旦", from = "2027-01-01", to = "2026-12-30" } } }), "holidays[0].to");
        var schedule = new
        {
            year = 2027, source = "测试",
            holidays = new[] { new { name = "元旦", from = "2027-01-01", to = "2027-01-03" } },
            makeUpWorkdays = new[] { new { date = "2027-01-09", @for = "元旦" } },
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.DemoUserAsync("leader")).PutAsJsonAsync("/api/calendar/2027", schedule)).StatusCode);
        await ExpectAsync(await admin.PutAsJsonAsync("/api/calendar/2027", schedule), HttpStatusCode.OK);

        // Friday 8 January 2027 + 1 working day: Saturday 9 January is the make-up day.
        var due = await admin.GetFromJsonAsync<JsonObject>("/api/calendar/due?workdays=1&from=2027-01-08T09:00:00%2B08:00");
        Assert.Equal(new DateTimeOffset(2027, 1, 9, 17, 30, 0, TimeSpan.FromHours(8)), due!["due"]!.GetValue<DateTimeOffset>());
        var stored = await admin.GetFromJsonAsync<JsonObject>("/api/calendar/2027");
        Assert.Equal("2027-01-03", stored!["holidays"]![0]!["to"]!.GetValue<string>());
    }
}

public sealed class OrganisationApiTests_Sqlite(DemoSqliteServer server) : OrganisationApiTests(server), IClassFixture<DemoSqliteServer>;

public sealed class OrganisationApiTests_Postgres(DemoPostgresServer server) : OrganisationApiTests(server), IClassFixture<DemoPostgresServer>;
