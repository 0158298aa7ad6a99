using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Tests.Api;
using WorkflowHub.Testing;
using static WorkflowHub.Server.Tests.Api.Api;
using static WorkflowHub.Server.Tests.Notices.NoticeKit;

namespace WorkflowHub.Server.Tests.Notices;

/// <summary>
/// The sender's writes per batch: on SQLite every write is a turn at the one writer the engine's steps queue for, so a
/// batch marks its accepted mails sent in one statement, not one per mail (the kill harness's outbox drained at about
/// 30 mails/s per node with a write per mail).
/// </summary>
public sealed class NoticeBatchTests(NoticeBatchTests.Server server) : IClassFixture<NoticeBatchTests.Server>
{
    public sealed class Server() : NoticeServer(TestDatabaseProvider.Sqlite)
    {
        public HttpPathStatementTests.StatementCounter Statements { get; } = new();

        protected override void AddServices(IServiceCollection services)
        {
            base.AddServices(services);
            services.ConfigureDbContext<SqliteHubDbContext>(o => o.AddInterceptors(Statements));
        }
    }

    [SkippableFact]
    public async Task A_batch_of_accepted_mails_is_marked_sent_in_one_write_and_each_mail_reaches_the_server_once()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        await app.DeliverAsync(); // nothing of earlier tests left due
        var g = Unique();
        var addresses = Enumerable.Range(1, 5).Select(i => $"b{i}-{g}@example.gov.cn").ToArray();
        await DeployAsync(admin, Flow($"batch-{g}", Input("template", "reminder") + Input("to", string.Join(",", addresses))));
        var started = await StartAsync(admin, $"batch-{g}", null, new { problemNumber = "WM-5", problemDescription = "占道", location = "西街" });
        var instance = started["id"]!.GetValue<string>();
        var ids = (await OutboxAsync(admin, instance)).Select(r => r.Id()).ToHashSet();
        Assert.Equal(5, ids.Count);

        server.Statements.Reset();
        Assert.Equal(5, await app.DeliverAsync());
        var (_, _, texts) = server.Statements.Reset();

        // Only the mark-sent update sets SentAt.
        Assert.Single(Regex.Matches(texts, "\"SentAt\" = "));
        Assert.All(await OutboxAsync(admin, instance), r => Assert.Equal("Sent", r["status"]!.GetValue<string>()));
        Assert.Equal(ids.Order(), server.Smtp.Messages.Select(m => m.MessageId ?? "").Where(ids.Contains).Order());
    }
}
