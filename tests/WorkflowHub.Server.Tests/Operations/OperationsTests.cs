using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WorkflowHub.Server.Cli;
using WorkflowHub.Server.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Server.Tests.Api.Api;

namespace WorkflowHub.Server.Tests.Operations;

/// <summary>What operators rely on: /metrics for administrators or the scrape token, 503 while the database is away, backups that restore.</summary>
public sealed class OperationsTests
{
    private const string ScrapeToken = "scrape-token-for-tests-0123456789";

    private static string Flow(string key) => Process(key, """<bpmn:startEvent id="s"/><bpmn:userTask id="t"/><bpmn:endEvent id="e"/>""" + Chain("f", "s", "t", "e"));

    private static Dictionary<string, string?> Settings(string keys) => new(Api.ApiServer.Settings(keys))
    {
        ["Operations:MetricsScrapeToken"] = ScrapeToken,
    };

    [Fact]
    public async Task Metrics_AreReadByAdministratorsOrWithTheScrapeToken_AndNameTheEngineInstruments()
    {
        await using var database = TestDatabase.CreateSqlite();
        await using var server = new HubServerFactory(database, Settings(Keys()));
        var admin = await server.AdminAsync();
        await DeployAsync(admin, Flow("metered"));
        await StartAsync(admin, "metered");

        var anonymous = server.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics")).StatusCode);
        var wrong = server.CreateClient();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/metrics")).StatusCode);
        var (staff, _, _) = await server.UserAsync(admin, "staff", ["Staff"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/metrics")).StatusCode);

        var scraper = server.CreateClient();
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ScrapeToken);
        var text = await (await scraper.GetAsync("/metrics")).Content.ReadAsStringAsync();
        Assert.Contains("workflowhub_engine_steps", text, StringComparison.Ordinal);
        // In seconds, with bounds fit for a step (a millisecond or less), not the exporter's defaults (0, 5, 10, … 10,000).
        Assert.Contains("workflowhub_engine_step_duration_seconds_bucket{otel_scope_name=\"WorkflowHub.Engine\",le=\"0.001\"}", text, StringComparison.Ordinal);
        Assert.Contains("workflowhub_engine_step_connection_wait_seconds_bucket{otel_scope_name=\"WorkflowHub.Engine\",le=\"0.0001\"}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("workflowhub_engine_step_duration_seconds_bucket{otel_scope_name=\"WorkflowHub.Engine\",le=\"10000\"}", text, StringComparison.Ordinal);
        Assert.Contains("workflowhub_incidents_open", text, StringComparison.Ordinal);
        Assert.Contains("workflowhub_jobs_due", text, StringComparison.Ordinal);
        // Requests are measured once, by method, route and status; the per-request detail meters are not listened to.
        Assert.Contains("http_server_request_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^aspnetcore_(routing|authorization|authentication|rate_limiting)_", text);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/metrics")).StatusCode);
    }

    [SkippableFact]
    public async Task WithPostgresUnreachable_RequestsAnswer503AndHealthIsUnhealthy_AndTheNodeRecoversByItself()
    {
        await using var database = await TestDatabase.CreatePostgresAsync();
        var target = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var proxy = new TcpCutProxy(target.Host!, target.Port);
        var viaProxy = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 3 }.ToString();
        await using var server = new HubServerFactory(database, new Dictionary<string, string?>(Settings(Keys()))
        {
            ["Database:ConnectionString"] = viaProxy,
        });
        var admin = await server.AdminAsync();
        await DeployAsync(admin, Flow("outage"));
        var before = await StartAsync(admin, "outage");

        proxy.Cut();
        var refused = await admin.PostAsJsonAsync("/api/processes/outage/start", new { });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter);
        var problem = (await refused.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains("数据库暂时不可用", problem["title"]!.GetValue<string>(), StringComparison.Ordinal);
        var health = await server.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("Unhealthy", await health.Content.ReadAsStringAsync());

        proxy.Mend();
        // Pooled connections that the cut broke fail once each and are dropped; the node needs no restart.
        HttpResponseMessage? started = null;
        for (var attempt = 0; attempt < 20 && started?.StatusCode != HttpStatusCode.Created; attempt++)
        {
            started = await admin.PostAsJsonAsync("/api/processes/outage/start", new { });
            Assert.True(started.StatusCode is HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable, $"{(int)started.StatusCode}");
        }
        Assert.Equal(HttpStatusCode.Created, started!.StatusCode);
        var listed = await ExpectAsync(await admin.GetAsync("/api/instances?key=outage"), HttpStatusCode.OK);
        var ids = Items(listed).Select(i => i!["id"]!.GetValue<string>()).ToList();
        Assert.Contains(before["id"]!.GetValue<string>(), ids);
        Assert.Equal(2, ids.Count);
    }

    [Fact]
    public async Task ABackupTakenWhileTheServerRuns_Restores_AndTheRestoredServerRunsOnIt()
    {
        await using var database = TestDatabase.CreateSqlite();
        await using var restored = TestDatabase.CreateSqlite();
        string taskId;
        await using (var server = new HubServerFactory(database, Settings(Keys())))
        {
            var admin = await server.AdminAsync();
            await DeployAsync(admin, Flow("kept"));
            var instance = await StartAsync(admin, "kept", businessKey: "before-backup");
            var tasks = await ExpectAsync(await admin.GetAsync($"/api/tasks?businessKey=before-backup"), HttpStatusCode.OK);
            taskId = Items(tasks).Single()!["id"]!.GetValue<string>();
            Assert.NotNull(instance["id"]);

            await using var scope = server.Services.CreateAsyncScope();
            var exit = await scope.ServiceProvider.GetRequiredService<HubCli>().RunAsync("backup", [restored.Name], CancellationToken.None);
            Assert.Equal(0, exit);
            // Written after the backup: not in the copy.
            await StartAsync(admin, "kept", businessKey: "after-backup");
            await using var again = server.Services.CreateAsyncScope();
            Assert.Equal(HubCli.UsageExitCode, await again.ServiceProvider.GetRequiredService<HubCli>().RunAsync("backup", [restored.Name], CancellationToken.None));
        }

        await using var onCopy = new HubServerFactory(restored, Settings(Keys()));
        var restoredAdmin = await onCopy.AdminAsync();
        var instances = await ExpectAsync(await restoredAdmin.GetAsync("/api/instances?key=kept"), HttpStatusCode.OK);
        Assert.Equal(["before-backup"], Items(instances).Select(i => i!["businessKey"]!.GetValue<string>()).ToArray());
        await ExpectAsync(await restoredAdmin.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { }), HttpStatusCode.OK);
        await StartAsync(restoredAdmin, "kept", businessKey: "on-the-copy");
    }

    private static string Keys() => Path.Combine(Path.GetTempPath(), $"wfh_test_keys_{Guid.NewGuid():N}");
}
