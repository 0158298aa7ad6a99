using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ClosedXML.Excel;
using WorkflowHub.Server.Tests.Api;
using WorkflowHub.Server.Tests.Support;
using static WorkflowHub.Server.Tests.Api.Api;
using static WorkflowHub.Server.Tests.Domain.DemoSettings;

namespace WorkflowHub.Server.Tests.Domain;

public abstract class CaseLedgerApiTests(ApiServer server)
{
    [SkippableFact]
    public async Task The_first_start_seeds_seed_001s_organisation_categories_and_demo_cases()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();

        var groups = (await admin.GetItemsAsync("/api/organisation/groups"))!;
        Assert.Equal(15, groups.Count);
        Assert.Equal(5, groups.Count(g => g!["kind"]!.GetValue<string>() == "Area"));
        Assert.Equal(4, groups.Count(g => g!["kind"]!.GetValue<string>() == "Sector"));
        Assert.Equal(4, groups.Count(g => g!["kind"]!.GetValue<string>() == "Functional"));
        Assert.Single(groups, g => g!["kind"]!.GetValue<string>() == "CreationOffice");
        Assert.Equal("dongge-head", groups.Single(g => g!["id"]!.GetValue<string>() == "area-dongge")!["head"]!.GetValue<string>());

        var subGrid = await admin.GetFromJsonAsync<JsonObject>("/api/organisation/areas/DG01-01-A");
        Assert.Equal("Grid", subGrid!["level"]!.GetValue<string>());
        Assert.Equal("DG01-01", subGrid["parent"]!.GetValue<string>());
        Assert.Equal("dongge-staff", subGrid["gridLeader"]!.GetValue<string>());

        var links = (await admin.GetItemsAsync("/api/organisation/leader-links"))!;
        Assert.Equal(7, links.Count(l => l!["leader"]!.GetValue<string>() == "leader"));
        Assert.Equal(15, (await admin.GetItemsAsync("/api/organisation/dual-report-units"))!.Count);

        var categories = (await (await app.DemoUserAsync("dongge-staff")).GetItemsAsync("/api/categories"))!;
        var garbage = categories.Single(c => c!["code"]!.GetValue<string>() == "HJ02")!;
        Assert.Equal(4, garbage["normalAmount"]!.GetValue<double>());
        Assert.Equal("WorkingHours", garbage["normalClock"]!.GetValue<string>());
        Assert.Equal("sector-sanitation", garbage["sectorGroup"]!.GetValue<string>());

        var numbers = await NumbersAsync(admin, "&channel=Hotline12345");
        Assert.Contains(numbers, n => n.StartsWith("WH-2026-", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Area_staff_see_their_area_only_and_a_case_of_another_area_does_not_exist_for_them()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var dongge = await app.DemoUserAsync("dongge-staff");
        var liyuanCase = Number(await RegisterAsync(admin, "SZ01", "LY01-01", "李园路坑槽"));
        var donggeCase = Number(await RegisterAsync(admin, "HJ02", "DG01-02", "东关路垃圾"));

        Assert.Equal(HttpStatusCode.NotFound, (await dongge.GetAsync($"/api/cases/{liyuanCase}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dongge.GetAsync($"/api/cases/{liyuanCase}/timeline")).StatusCode);
        await ExpectAsync(await dongge.GetAsync($"/api/cases/{donggeCase}"), HttpStatusCode.OK);
        await ExpectAsync(await (await app.DemoUserAsync("liyuan-staff")).GetAsync($"/api/cases/{liyuanCase}"), HttpStatusCode.OK);

        var seen = await NumbersAsync(dongge);
        Assert.Contains(donggeCase, seen);
        Assert.DoesNotContain(liyuanCase, seen);
        var all = (await admin.GetFromJsonAsync<JsonObject>("/api/cases?pageSize=200"))!["items"]!.AsArray();
        Assert.Equal(all.Where(c => c!["areaGroup"]!.GetValue<string>() == "area-dongge").Select(c => c!["number"]!.GetValue<string>()).Order(), seen.Order());

        // Sector staff see their sector in every area; the leader the areas linked to them (包联).
        var municipal = await NumbersAsync(await app.DemoUserAsync("municipal-staff"));
        Assert.Contains(liyuanCase, municipal);
        Assert.DoesNotContain(donggeCase, municipal);
        var leader = await NumbersAsync(await app.DemoUserAsync("leader"));
        Assert.Contains(donggeCase, leader);
        Assert.DoesNotContain(liyuanCase, leader);
    }

    [SkippableFact]
    public async Task Cases_go_to_the_grids_area_group_and_the_categorys_sector_group_unless_the_routing_table_says_otherwise()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();

        var fengtai = (await RegisterAsync(admin, "HJ02", "FT01-01"))["summary"]!;
        Assert.Equal("area-fengtai", fengtai["areaGroup"]!.GetValue<string>());
        Assert.Equal("sector-sanitation", fengtai["sectorGroup"]!.GetValue<string>());
        Assert.Equal("FT", fengtai["streetCode"]!.GetValue<string>());
        // The seeded rule: in 原经济开发区 the municipal-facilities group assists.
        var kaifaqu = (await RegisterAsync(admin, "HJ02", "KF01-02"))["summary"]!;
        Assert.Equal("area-kaifaqu", kaifaqu["areaGroup"]!.GetValue<string>());
        Assert.Equal("sector-municipal", kaifaqu["sectorGroup"]!.GetValue<string>());

        // An administrator's rule for a 大类 in a street applies to its 小类 in the street's grids, and only there.
        await ExpectAsync(await admin.PostAsJsonAsync("/api/organisation/routing-rules",
            new { priority = 5, category = "HJ", area = "TH", sectorGroup = "sector-property", note = "同和街道小区内环境问题由物业组协助" }), HttpStatusCode.Created);
        Assert.Equal("sector-property", (await RegisterAsync(admin, "HJ03", "TH02-01"))["summary"]!["sectorGroup"]!.GetValue<string>());
        Assert.Equal("sector-sanitation", (await RegisterAsync(admin, "HJ03", "LY02-01"))["summary"]!["sectorGroup"]!.GetValue<string>());

        await ExpectFieldErrorAsync(await admin.PostAsJsonAsync("/api/organisation/routing-rules", new { area = "TH", areaGroup = "sector-property" }), "areaGroup");
    }

    [SkippableFact]
    public async Task The_ledger_export_opens_and_holds_exactly_the_filtered_rows()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        await RegisterAsync(admin, "SZ03", "DG02-02", "人行道板破损");
        await RegisterAsync(admin, "SZ03", "TH01-01", "人行道板缺失");
        var expected = await NumbersAsync(admin, "&area=DG&category=SZ");
        Assert.NotEmpty(expected);

        var xlsx = await admin.GetAsync("/api/cases/export?format=xlsx&area=DG&category=SZ");
        await ExpectAsync(xlsx, HttpStatusCode.OK);
        using (var book = new XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())))
        {
            var sheet = book.Worksheet(1);
            Assert.Equal("编号", sheet.Cell(1, 1).GetString());
            var rows = sheet.RowsUsed().Skip(1).Select(r => r.Cell(1).GetString()).ToList();
            Assert.Equal(expected.Order(), rows.Order());
            Assert.All(sheet.RowsUsed().Skip(1), r => Assert.Equal("DG", r.Cell(9).GetString()));
        }

        var csv = await admin.GetAsync("/api/cases/export?format=csv&area=DG&category=SZ");
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("编号,状态", lines[0]);
        Assert.Equal(expected.Order(), lines.Skip(1).Select(l => l.Split(',')[0]).Order());

        // The export is scoped like the list.
        var dongge = await (await app.DemoUserAsync("dongge-staff")).GetAsync("/api/cases/export?format=csv");
        var donggeRows = Encoding.UTF8.GetString(await dongge.Content.ReadAsByteArrayAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.All(donggeRows, r => Assert.Contains("area-dongge", r));
    }

    [SkippableFact]
    public async Task Registration_refuses_a_photo_whose_content_is_not_its_type_and_keeps_nothing()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var before = (await admin.GetFromJsonAsync<JsonObject>("/api/cases?pageSize=1"))!["total"]!.GetValue<int>();
        using var form = new MultipartFormDataContent
        {
            { new StringContent("HJ02"), "categoryCode" },
            { new StringContent("描述"), "description" },
            { new StringContent("地址"), "address" },
            { new StringContent("DG01-01"), "areaCode" },
        };
        var fake = new ByteArrayContent("<html>not a photo</html>"u8.ToArray());
        fake.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        form.Add(fake, "photos", "x.png");
        await ExpectFieldErrorAsync(await admin.PostAsync("/api/cases", form), "photos[0]");
        await ExpectFieldErrorAsync(await admin.PostAsJsonAsync("/api/cases", new { categoryCode = "WY02", description = "x", address = "y", areaCode = "NOPE" }), "areaCode");
        Assert.Equal(before, (await admin.GetFromJsonAsync<JsonObject>("/api/cases?pageSize=1"))!["total"]!.GetValue<int>());

        // A category without photo requirements registers from JSON; its photo is served back only in scope.
        var created = await ExpectAsync(await admin.PostAsJsonAsync("/api/cases", new { categoryCode = "WY02", description = "合同未公示", address = "和平小区", areaCode = "TH02-01" }), HttpStatusCode.Created);
        Assert.Matches(@"^WH-2026-\d{6}$", Number(created));
        var withPhoto = await RegisterAsync(admin, "HJ02", "LY01-01");
        var url = withPhoto["photos"]![0]!["url"]!.GetValue<string>();
        Assert.Equal(Png, await admin.GetByteArrayAsync(url));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.DemoUserAsync("dongge-staff")).GetAsync(url)).StatusCode);
    }
}

public sealed class CaseLedgerApiTests_Sqlite(DemoSqliteServer server) : CaseLedgerApiTests(server), IClassFixture<DemoSqliteServer>;

public sealed class CaseLedgerApiTests_Postgres(DemoPostgresServer server) : CaseLedgerApiTests(server), IClassFixture<DemoPostgresServer>;
