using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;
using WorkflowHub.Server.Features.Webhooks;
using WorkflowHub.Server.Tests.Notices;
using WorkflowHub.Testing;

namespace WorkflowHub.Server.Tests.Operations;

/// <summary>
/// The small versions of the harness's kill scenarios (1 and 2): real server processes under a webhook load are
/// killed with SIGKILL and started again. The invariants only: every acknowledged delivery made exactly one
/// instance, every instance's timer fired exactly once (a job that ran twice would fire it twice), and every notice
/// the instances wrote reached the SMTP server with its own Message-ID (at least once: SMTP cannot be exactly once).
/// </summary>
public sealed class NodeKillTests
{
    private const int Deliveries = 90;
    private static readonly int[] KillAfterAcknowledged = [25, 60];

    [SkippableTheory]
    [InlineData(TestDatabaseProvider.Sqlite, 1)]
    [InlineData(TestDatabaseProvider.Postgres, 2)]
    public async Task SigkilledNodesUnderWebhookLoad_LoseNoAcknowledgedDelivery_AndFireEveryTimerOnce(TestDatabaseProvider provider, int nodeCount)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var folder = Directory.CreateTempSubdirectory("wfh_test_kill_").FullName;
        await using var smtp = new TestSmtpServer();
        var settings = new Dictionary<string, string>
        {
            ["Engine:JobExecutor:LeaseDuration"] = "00:00:02",
            ["Engine:JobExecutor:PollInterval"] = "00:00:01",
            ["Mail:From"] = "WorkflowHub <hub@example.gov.cn>",
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Mail:Smtp:UseSsl"] = "false",
            ["Notices:Delivery:PollInterval"] = "00:00:00.500",
            ["Notices:Delivery:LeaseDuration"] = "00:00:05",
        };
        var nodes = Enumerable.Range(1, nodeCount)
            .Select(i => new ServerNode($"node{i}", provider == TestDatabaseProvider.Postgres, database.ConnectionString, folder, settings)).ToList();
        try
        {
            foreach (var node in nodes)
            {
                node.Start();
                await node.WaitHealthyAsync(TimeSpan.FromMinutes(2));
            }
            using var admin = new HttpClient { BaseAddress = nodes[0].BaseAddress };
            var login = await admin.PostAsJsonAsync("/api/identity/login?useCookies=false", new { email = "admin", password = ServerNode.AdminPassword });
            admin.DefaultRequestHeaders.Authorization = new("Bearer", (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>());
            (await admin.PostAsync("/api/definitions", new StringContent(Bpmn.Process("killed", """
                <bpmn:startEvent id="s"><bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent>
                <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
                <bpmn:sendTask id="notify" camunda:topic="notice"><bpmn:extensionElements><camunda:inputOutput>
                  <camunda:inputParameter name="template">reminder</camunda:inputParameter>
                  <camunda:inputParameter name="to">desk@example.gov.cn</camunda:inputParameter>
                  <camunda:inputParameter name="values"><camunda:map>
                    <camunda:entry key="problemNumber">${payload.id}</camunda:entry><camunda:entry key="location">东街</camunda:entry><camunda:entry key="problemDescription">占道</camunda:entry>
                  </camunda:map></camunda:inputParameter>
                </camunda:inputOutput></bpmn:extensionElements></bpmn:sendTask>
                <bpmn:userTask id="register"/><bpmn:endEvent id="e"/>
                """ + Bpmn.Chain("f", "s", "wait", "notify", "register", "e"), """<bpmn:message id="m" name="Killed"/>"""), Encoding.UTF8, "application/xml"))).EnsureSuccessStatusCode();
            var hook = await admin.PostAsJsonAsync("/api/webhooks", new { key = "hotline", messageName = "Killed", businessKeyVariable = "/id" });
            var secret = (await hook.Content.ReadFromJsonAsync<JsonObject>())!["secret"]!.GetValue<string>();

            var acknowledged = new ConcurrentBag<string>();
            var next = -1;
            var senders = Enumerable.Range(0, 4).Select(s => SendAsync(s)).ToList();
            async Task SendAsync(int sender)
            {
                using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
                for (var n = Interlocked.Increment(ref next); n < Deliveries; n = Interlocked.Increment(ref next))
                {
                    var id = $"k{n}";
                    // Bounded by attempts (a restart on a busy machine can take a while): two minutes of retries at most.
                    for (var attempt = 0; attempt < 1200 && !acknowledged.Contains(id); attempt++)
                    {
                        try
                        {
                            using var response = await client.SendAsync(Delivery(nodes[(n + attempt) % nodes.Count].BaseAddress, secret, id));
                            if (response.StatusCode == HttpStatusCode.Accepted)
                            {
                                acknowledged.Add(id);
                                continue;
                            }
                        }
                        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                        {
                        }
                        // The node is down or not ready: the same delivery goes again, to the next node, with the same Idempotency-Key.
                        await Task.Delay(100);
                    }
                }
            }

            foreach (var threshold in KillAfterAcknowledged)
            {
                while (acknowledged.Count < threshold && senders.Any(s => !s.IsCompleted))
                {
                    await Task.Delay(20);
                }
                nodes[0].Kill();
                nodes[0].Start();
                await nodes[0].WaitHealthyAsync(TimeSpan.FromMinutes(2));
            }
            await Task.WhenAll(senders);
            Assert.Equal(Deliveries, acknowledged.Count);

            // Every timer, the dead incarnations' included, fires once their lease is over.
            for (var wait = 0; wait < 600 && await ScalarAsync(database, "SELECT COUNT(*) FROM wf_jobs") > 0; wait++)
            {
                await Task.Delay(100);
            }
            Assert.Equal(0, await ScalarAsync(database, "SELECT COUNT(*) FROM wf_jobs"));
            var instances = await RowsAsync(database, "SELECT business_key FROM wf_instances WHERE process_key = 'killed'");
            Assert.Equal(acknowledged.Order().ToList(), instances.Order().ToList());
            var fired = (await RowsAsync(database, "SELECT instance_id || '|' || events FROM wf_history WHERE process_key = 'killed'"))
                .SelectMany(row => JsonDocument.Parse(row[(row.IndexOf('|', StringComparison.Ordinal) + 1)..]).RootElement.EnumerateArray()
                    .Where(e => e.GetProperty("type").GetString() == "timer.fired").Select(_ => row[..row.IndexOf('|', StringComparison.Ordinal)]))
                .ToList();
            Assert.Equal(Deliveries, fired.Count);
            Assert.Equal(Deliveries, fired.Distinct().Count());

            // The outbox: one notice per instance, each at the SMTP server at least once, every copy with its own Message-ID.
            for (var wait = 0; wait < 600 && await ScalarAsync(database, "SELECT COUNT(*) FROM hub_notice_outbox WHERE \"Status\" <> 'Sent'") > 0; wait++)
            {
                await Task.Delay(100);
            }
            var notices = await RowsAsync(database, "SELECT \"Id\" FROM hub_notice_outbox WHERE \"ProcessKey\" = 'killed'");
            Assert.Equal(Deliveries, notices.Count);
            Assert.Equal(Deliveries, (await RowsAsync(database, "SELECT DISTINCT \"InstanceId\" FROM hub_notice_outbox WHERE \"ProcessKey\" = 'killed'")).Count);
            var mailed = smtp.Messages.Select(m => m.MessageId ?? "").ToList();
            Assert.Equal(notices.Order().ToList(), mailed.Distinct().Order().ToList());
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
            Directory.Delete(folder, recursive: true);
        }
    }

    private static HttpRequestMessage Delivery(Uri node, string secret, string id) =>
        Api.Api.SignedDelivery(new Uri(node, "/hooks/hotline").ToString(), secret, $$"""{"id":"{{id}}"}""", id);

    private static async Task<long> ScalarAsync(TestDatabase database, string sql) =>
        Convert.ToInt64((await RowsAsync(database, sql, scalar: true)).Single(), CultureInfo.InvariantCulture);

    private static async Task<List<string>> RowsAsync(TestDatabase database, string sql, bool scalar = false)
    {
        await using System.Data.Common.DbConnection connection = database.Provider == TestDatabaseProvider.Postgres
            ? new NpgsqlConnection(database.ConnectionString)
            : new SqliteConnection(new SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        }
        return rows;
    }
}
