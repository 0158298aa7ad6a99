using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Server.Data;
using WorkflowHub.Testing;
using Xunit.Abstractions;
using static WorkflowHub.Server.Tests.Api.Api;

namespace WorkflowHub.Server.Tests.Api;

/// <summary>
/// The HTTP path of the load harness (issue 15, scenario 5): start → find the task → complete. Counts the SQL
/// statements SQLite itself runs for each request (sqlite3_profile on every connection the server opens, so the
/// engine's hand-written SQL is counted too), prints them, and holds each request to a budget, so a change that adds
/// queries to the hot path shows up here rather than only as a lower harness figure.
/// </summary>
public sealed class HttpPathStatementTests(HttpPathStatementTests.Server server, ITestOutputHelper output) : IClassFixture<HttpPathStatementTests.Server>
{
    /// <summary>An in-process SQLite server whose connections report every statement to <see cref="Statements"/>.</summary>
    public sealed class Server() : ApiServer(TestDatabaseProvider.Sqlite)
    {
        public StatementCounter Statements { get; } = new();

        protected override void AddServices(IServiceCollection services) =>
            services.ConfigureDbContext<SqliteHubDbContext>(o => o.AddInterceptors(Statements));
    }

    /// <summary>Statements run and connections opened since the last <see cref="Reset"/>, with their text.</summary>
    public sealed class StatementCounter : DbConnectionInterceptor
    {
        private readonly SQLitePCL.strdelegate_profile _callback;
        private readonly List<string> _texts = [];
        private int _opens;

        public StatementCounter() => _callback = (_, statement, _) =>
        {
            lock (_texts)
            {
                _texts.Add(statement);
            }
        };

        public (int Statements, int Opens, string Texts) Reset()
        {
            lock (_texts)
            {
                var result = (_texts.Count, _opens, string.Join("\n    ", _texts));
                _texts.Clear();
                _opens = 0;
                return result;
            }
        }

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Attach(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Attach(connection);
            return Task.CompletedTask;
        }

        private void Attach(DbConnection connection)
        {
            lock (_texts)
            {
                _opens++;
            }
            SQLitePCL.raw.sqlite3_profile(((SqliteConnection)connection).Handle, _callback, null);
        }
    }

    private static string Flow(string key, string task) => Process(key, $"""
        <bpmn:startEvent id="s"/>{task}<bpmn:endEvent id="e"/>
        """ + Chain("f", "s", "t", "e"));

    [Fact]
    public async Task Start_find_and_complete_stay_within_their_statement_budget()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        await DeployAsync(admin, Flow("http-path-admin", """<bpmn:userTask id="t" camunda:assignee="admin"/>"""));
        await DeployAsync(admin, Flow("http-path-staff", """<bpmn:userTask id="t" camunda:candidateGroups="path-a"/>"""));
        var (staff, _, _) = await app.UserAsync(admin, "path", ["Staff"], "path-a");
        await EnsureGroupAsync(admin, "path-b");

        // Administrator: the harness's case (assigned task). Staff: an offered task, found through the user's groups.
        var adminCounts = await MeasureAsync(admin, admin, "http-path-admin");
        var staffCounts = await MeasureAsync(admin, staff, "http-path-staff");

        // Budgets: what each request runs now. At 677e093 (before issue 15's pass over the path) an administrator's
        // find ran 16 statements on 5 connection opens and the completion 35 on 8 (each open ran two PRAGMAs);
        // staff: 16 and 41. The engine's own step (BEGIN … COMMIT) of start and complete is not counted twice. The
        // completion's opinion is saved by EF inside the step without a savepoint (two statements fewer). A completion
        // that ends the instance answers without reading it and its open tasks again (two fewer). Its gate (the delegation
        // and the co-signers) is one statement (one fewer).
        Assert.True(adminCounts.Start <= 6, $"start ran {adminCounts.Start} statements");
        Assert.True(adminCounts.Find <= 3, $"finding the task ran {adminCounts.Find} statements");
        Assert.True(adminCounts.Complete <= 10, $"completing ran {adminCounts.Complete} statements");
        Assert.True(staffCounts.Start <= 7, $"start (a task offered to a group) ran {staffCounts.Start} statements");
        Assert.True(staffCounts.Find <= 4, $"finding the task (staff) ran {staffCounts.Find} statements");
        Assert.True(staffCounts.Complete <= 16, $"completing (staff, who claims first) ran {staffCounts.Complete} statements");
    }

    [Fact]
    public async Task A_webhook_delivery_that_starts_an_instance_stays_within_its_statement_budget()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        await DeployAsync(admin, MessageStartFlow("hook-path", "HookPathReport"));
        var created = await ExpectAsync(await admin.PostAsJsonAsync("/api/webhooks",
            new { key = "hook-path", messageName = "HookPathReport", businessKeyVariable = "/id" }), HttpStatusCode.Created);
        var secret = created["secret"]!.GetValue<string>();
        var anonymous = app.CreateClient();

        var counts = new List<int>();
        for (var round = 0; round < 4; round++)
        {
            using var request = SignedDelivery("/hooks/hook-path", secret, $$"""{"id":"hook-path-{{round}}"}""");
            server.Statements.Reset();
            await ExpectAsync(await anonymous.SendAsync(request), HttpStatusCode.Accepted);
            var delivery = server.Statements.Reset();
            output.WriteLine($"delivery round {round}: {delivery.Statements} statements ({delivery.Opens} opens)");
            if (round == 3)
            {
                output.WriteLine($"    {delivery.Texts}");
            }
            if (round > 0)
            {
                counts.Add(delivery.Statements);
            }
        }

        // One step: BEGIN, what the message reaches (waiting tokens and start events in one read; two before), the
        // idempotency record and the log row, the instance, its history, the task and its candidates, COMMIT. The
        // webhook is remembered by the node after the first delivery (it was read, with any earlier record of the
        // delivery, every time before), as is the definition's row (read at every start before).
        Assert.True(counts.Min() <= 9, $"a delivery ran {counts.Min()} statements");
    }

    private async Task<(int Start, int Find, int Complete)> MeasureAsync(HttpClient starter, HttpClient worker, string key)
    {
        var counts = new List<(int Start, int Find, int Complete)>();
        // The first round warms the caches (definitions, account checks); the least of the others is taken, since a
        // background service of the server may run a statement while a request is measured.
        for (var round = 0; round < 4; round++)
        {
            var businessKey = $"{key}-{round}";
            server.Statements.Reset();
            await StartAsync(starter, key, businessKey);
            var start = server.Statements.Reset();
            var page = await ExpectAsync(await worker.GetAsync($"/api/tasks?businessKey={businessKey}"), HttpStatusCode.OK);
            var find = server.Statements.Reset();
            var id = Assert.Single(Items(page))!["id"]!.GetValue<string>();
            var completed = await ExpectAsync(await worker.PostAsJsonAsync($"/api/tasks/{id}/complete", new { }), HttpStatusCode.OK);
            var complete = server.Statements.Reset();
            Assert.Equal("Completed", completed["status"]!.GetValue<string>());
            output.WriteLine($"{key} round {round}: start {start.Statements} statements ({start.Opens} opens), find {find.Statements} ({find.Opens}), complete {complete.Statements} ({complete.Opens})");
            if (round == 3)
            {
                output.WriteLine($"  start:\n    {start.Texts}\n  find:\n    {find.Texts}\n  complete:\n    {complete.Texts}");
            }
            // A LIMIT bound as a parameter makes SQLite compile the kept statement again at every run (SqlBatch.Limit).
            Assert.DoesNotContain("LIMIT @", find.Texts + start.Texts + complete.Texts, StringComparison.Ordinal);
            if (round > 0)
            {
                counts.Add((start.Statements, find.Statements, complete.Statements));
            }
        }
        return (counts.Min(c => c.Start), counts.Min(c => c.Find), counts.Min(c => c.Complete));
    }
}
