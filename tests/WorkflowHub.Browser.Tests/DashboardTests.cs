using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Web;
using Microsoft.Playwright;
using WorkflowHub.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowHub.Browser.Tests;

/// <summary>The KPI dashboard (考核看板): the figures it shows are the reports API's, with ECharts charts and the xlsx export.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class DashboardTests(ConsoleBrowser browser)
{
    [SkippableFact]
    public async Task The_dashboard_shows_the_figures_of_the_api_for_the_seeded_cases_with_charts_export_and_its_empty_and_error_states()
    {
        var (server, page) = await browser.OpenAsync();
        using var admin = await ConsoleSteps.AdminApiAsync(server);
        // the demo cases (seeded on first start) were reported at the simulated "now"
        var now = (await admin.GetFromJsonAsync<JsonObject>("/api/dev/clock"))!["now"]!.GetValue<DateTimeOffset>().ToLocalTime();
        var from = now.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = now.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await ConsoleSteps.SignInAsAdminAsync(page, $"/reports?dimension=area&period=custom&from={from}&to={to}");
        await Expect(page.GetByTestId("kpi-total-received")).ToBeVisibleAsync();

        // the page asks for exactly the period its export link carries: the test reads the same figures from the API
        var href = (await page.GetByTestId("kpi-export").GetAttributeAsync("href"))!;
        var query = HttpUtility.ParseQueryString(new Uri(server.Address, href).Query);
        Assert.Equal("area", query["dimension"]);
        var report = (await admin.GetFromJsonAsync<JsonObject>(
            $"/api/reports/kpis?dimension=area&from={Uri.EscapeDataString(query["from"]!)}&to={Uri.EscapeDataString(query["to"]!)}"))!;
        var total = report["total"]!.AsObject();
        Assert.True(total["received"]!.GetValue<int>() >= 7, total.ToJsonString());
        Assert.NotNull(total["closeRate"]); // the seeded closed case makes the close rate a figure, not a dash

        var cards = new Dictionary<string, string>
        {
            ["received"] = Count(total["received"]), ["registered"] = Count(total["registered"]), ["closed"] = Count(total["closed"]),
            ["closeRate"] = Rate(total["closeRate"]), ["onTimeRate"] = Rate(total["onTimeRate"]), ["overdueOpen"] = Count(total["overdueOpen"]),
            ["reworkRate"] = Rate(total["reworkRate"]), ["reboundRate"] = Rate(total["reboundRate"]), ["averageHours"] = Hours(total["averageHandlingHours"]),
        };
        foreach (var (key, expected) in cards)
        {
            await Expect(page.GetByTestId($"kpi-total-{key}")).ToHaveTextAsync(expected);
        }

        // the ranking: one row per area group, in the API's order, every figure as the API computed it
        var rows = report["rows"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.NotEmpty(rows);
        var shown = page.GetByTestId("kpi-ranking").Locator("tr.el-table__row");
        await Expect(shown).ToHaveCountAsync(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            string[] expected =
            [
                Count(r["rank"]), r["name"]!.GetValue<string>(), Count(r["received"]), Count(r["registered"]), Count(r["closed"]), Rate(r["closeRate"]),
                Rate(r["onTimeRate"]), Count(r["overdueOpen"]), Rate(r["reworkRate"]), Rate(r["reboundRate"]), Hours(r["averageHandlingHours"]),
                Count(r["negativeListed"]),
            ];
            Assert.Equal(expected, (await shown.Nth(i).Locator("td").AllInnerTextsAsync()).Select(s => s.Trim()).ToArray());
        }

        // the charts are drawn (SVG: their Chinese legends and the groups' names are text in the page)
        var rates = page.GetByTestId("kpi-chart-rates").Locator("svg");
        await Expect(rates).ToBeVisibleAsync();
        await Expect(rates).ToContainTextAsync("按期结案率");
        await Expect(rates).ToContainTextAsync(rows[0]["name"]!.GetValue<string>());
        Assert.True(await rates.Locator("path").CountAsync() > rows.Count, "the rates chart draws its bars");
        await Expect(page.GetByTestId("kpi-chart-counts").Locator("svg")).ToContainTextAsync("超期未结");
        await ConsoleBrowser.ScreenshotAsync(page, "60-kpi-dashboard");

        // the export button downloads the same figures as xlsx, with the console's cookie
        var download = await page.Context.APIRequest.GetAsync(href);
        Assert.Equal(200, download.Status);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", download.Headers["content-type"].Split(';')[0]);
        Assert.Equal((byte)'P', (await download.BodyAsync())[0]); // a zip: PK

        // in English the same figures carry English labels
        await page.GetByTestId("language").ClickAsync();
        await page.Locator(".el-select-dropdown__item", new() { HasText = "English" }).ClickAsync();
        await Expect(page.GetByTestId("kpi-dashboard")).ToContainTextAsync("On-time close rate");
        await Expect(page.GetByTestId("kpi-total-closeRate")).ToHaveTextAsync(cards["closeRate"]);
        await ConsoleBrowser.ScreenshotAsync(page, "61-kpi-dashboard-en");

        // a day without cases: the empty state; a period past the API's limit: its problem in words
        await page.GotoAsync("/reports?dimension=grid&period=day&day=2020-01-06");
        await Expect(page.GetByTestId("kpi-empty")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("kpi-total-received")).ToHaveTextAsync("0");
        await page.GotoAsync("/reports?dimension=sector&period=custom&from=2020-01-01&to=2026-12-31");
        await Expect(page.Locator(".el-alert")).ToContainTextAsync("370");
        await page.Context.CloseAsync();
    }

    private static string Count(JsonNode? v) => v is null ? "" : v.GetValue<int>().ToString(CultureInfo.InvariantCulture);

    /// <summary>As the page shows a rate: a percentage with at most one decimal, or a dash when its denominator was zero.</summary>
    private static string Rate(JsonNode? v) => v is null ? "—"
        : (Math.Round(v.GetValue<double>() * 1000, MidpointRounding.AwayFromZero) / 10).ToString(CultureInfo.InvariantCulture) + "%";

    private static string Hours(JsonNode? v) => v is null ? "—" : v.GetValue<double>().ToString(CultureInfo.InvariantCulture);
}
