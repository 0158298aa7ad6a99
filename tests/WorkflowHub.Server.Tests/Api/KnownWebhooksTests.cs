using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Webhooks;
using WorkflowHub.Server.Hosting;
using WorkflowHub.Server.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Server.Tests.Api.Api;

namespace WorkflowHub.Server.Tests.Api;

/// <summary>
/// Each node remembers webhooks for a few seconds so a delivery costs no look-up of its own; a change an administrator
/// makes must still hold at once on the node that made it, on the other nodes as soon as they hear of it (PostgreSQL),
/// and everywhere after <see cref="KnownWebhooks.Lifetime"/> at the latest.
/// </summary>
public abstract class KnownWebhooksTests(TestDatabaseProvider provider) : IDisposable
{
    protected TestNodes Nodes { get; } = new();

    public void Dispose()
    {
        Nodes.Dispose();
        GC.SuppressFinalize(this);
    }

    [SkippableFact]
    public async Task A_secret_rotated_on_one_node_is_refused_there_at_once_and_on_the_other_within_the_lifetime()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var factoryA = Nodes.Node(database);
        await using var nodeA = Nodes.WithWallClock(factoryA);
        var (admin, secret) = await RegisterAsync(nodeA);
        await using var factoryB = Nodes.Node(database);
        await using var nodeB = Nodes.WithWallClock(factoryB);
        var hooksA = nodeA.CreateClient();
        var hooksB = nodeB.CreateClient();

        // Both nodes accept, and remember the webhook; a delivery sent again is answered from the first one's record.
        var first = await ExpectAsync(await hooksB.SendAsync(Delivery(secret, 1, "same")), HttpStatusCode.Accepted);
        var again = await hooksB.SendAsync(Delivery(secret, 1, "same"));
        Assert.Equal(first["instanceId"]!.GetValue<string>(), (await ExpectAsync(again, HttpStatusCode.Accepted))["instanceId"]!.GetValue<string>());
        Assert.Equal("true", again.Headers.GetValues(WebhookReceiver.ReplayedHeader).Single());
        await ExpectAsync(await hooksA.SendAsync(Delivery(secret, 2)), HttpStatusCode.Accepted);

        var fresh = (await ExpectAsync(await admin.PostAsJsonAsync("/api/webhooks/remembered/secret", new { }), HttpStatusCode.OK))["secret"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Unauthorized, (await hooksA.SendAsync(Delivery(secret, 3))).StatusCode);
        await ExpectAsync(await hooksA.SendAsync(Delivery(fresh, 4)), HttpStatusCode.Accepted);

        // Past the lifetime node B has forgotten the old secret, whether or not it heard of the change.
        Nodes.Wall.Advance(KnownWebhooks.Lifetime + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await hooksB.SendAsync(Delivery(secret, 5))).StatusCode);
        await ExpectAsync(await hooksB.SendAsync(Delivery(fresh, 6)), HttpStatusCode.Accepted);
        var instances = await ExpectAsync(await admin.GetAsync("/api/instances?key=remembered"), HttpStatusCode.OK);
        Assert.Equal(4, instances["total"]!.GetValue<int>());
    }

    /// <summary>Waits for something another thread does (a notification heard), for at most ten seconds.</summary>
    protected static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(20);
        }
    }

    /// <summary>Deploys flow "remembered" and registers webhook "remembered" for it on <paramref name="node"/>.</summary>
    protected static async Task<(HttpClient Admin, string Secret)> RegisterAsync(WebApplicationFactory<Program> node)
    {
        var admin = await node.AdminAsync();
        await DeployAsync(admin, MessageStartFlow("remembered", "Remembered"));
        var created = await ExpectAsync(await admin.PostAsJsonAsync("/api/webhooks", new { key = "remembered", messageName = "Remembered" }), HttpStatusCode.Created);
        return (admin, created["secret"]!.GetValue<string>());
    }

    protected HttpRequestMessage Delivery(string secret, int n, string? idempotencyKey = null) =>
        SignedDelivery("/hooks/remembered", secret, $$"""{"n":{{n}}}""", idempotencyKey, Nodes.Wall.GetUtcNow());

}

public sealed class KnownWebhooksTests_Sqlite() : KnownWebhooksTests(TestDatabaseProvider.Sqlite);

/// <summary>SQLite is one node: only PostgreSQL's nodes tell each other of a change.</summary>
public sealed class KnownWebhooksTests_Postgres() : KnownWebhooksTests(TestDatabaseProvider.Postgres)
{
    [SkippableFact]
    public async Task On_PostgreSQL_a_node_forgets_a_webhook_disabled_on_another_node_as_soon_as_it_hears_of_it()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabaseProvider.Postgres);
        await using var factoryA = Nodes.Node(database);
        await using var nodeA = Nodes.WithWallClock(factoryA);
        var (admin, secret) = await RegisterAsync(nodeA);
        await using var factoryB = Nodes.Node(database);
        await using var nodeB = Nodes.WithWallClock(factoryB);
        var hooksB = nodeB.CreateClient();
        var knownOnB = nodeB.Services.GetRequiredService<KnownWebhooks>();
        await Until(() => knownOnB.Heard, "node B listens for webhook changes");
        await ExpectAsync(await hooksB.SendAsync(Delivery(secret, 1)), HttpStatusCode.Accepted);
        Assert.True(knownOnB.TryGet("remembered", out _));

        // The wall clock stands still: only the notification can make node B forget.
        await ExpectAsync(await admin.PutAsJsonAsync("/api/webhooks/remembered", new { enabled = false }), HttpStatusCode.OK);
        await Until(() => !knownOnB.TryGet("remembered", out _), "node B forgets the disabled webhook");
        Assert.Equal(HttpStatusCode.NotFound, (await hooksB.SendAsync(Delivery(secret, 2))).StatusCode);
    }
}

/// <summary>What a node remembers, without a server: a change in between, the lifetime, and not hearing the other nodes.</summary>
public sealed class KnownWebhooksMemoryTests
{
    [Fact]
    public void A_look_up_that_began_before_a_change_does_not_store_what_it_read()
    {
        var known = Known(DatabaseProvider.Sqlite, out var clock);
        var hook = new WebhookRecord { Key = "k", MessageName = "M", ProtectedSecret = "x", Enabled = true };

        var before = known.Generation;
        known.Forget();
        known.Remember(hook, before);
        Assert.False(known.TryGet("k", out _));

        known.Remember(hook, known.Generation);
        Assert.True(known.TryGet("k", out var remembered));
        Assert.Same(hook, remembered);
        clock.Advance(KnownWebhooks.Lifetime);
        Assert.False(known.TryGet("k", out _));

        known.Remember(new WebhookRecord { Key = "off", MessageName = "M", ProtectedSecret = "x", Enabled = false }, known.Generation);
        Assert.False(known.TryGet("off", out _));
    }

    [Fact]
    public void A_PostgreSQL_node_uses_nothing_it_remembers_while_it_does_not_hear_the_other_nodes()
    {
        var known = Known(DatabaseProvider.Postgres, out _);
        var hook = new WebhookRecord { Key = "k", MessageName = "M", ProtectedSecret = "x", Enabled = true };
        known.Remember(hook, known.Generation);
        Assert.False(known.TryGet("k", out _));

        known.Hearing(true);
        known.Remember(hook, known.Generation);
        Assert.True(known.TryGet("k", out _));
        known.Hearing(false);
        Assert.False(known.TryGet("k", out _));
        known.Hearing(true);
        Assert.False(known.TryGet("k", out _));
    }

    private static KnownWebhooks Known(DatabaseProvider provider, out FakeTimeProvider clock)
    {
        clock = new FakeTimeProvider();
        var connection = provider == DatabaseProvider.Sqlite ? "Data Source=known.db" : "Host=localhost;Database=x;Username=u;Password=p";
        var database = new HubDatabase(Options.Create(new HubDatabaseOptions { Provider = provider, ConnectionString = connection }),
            new HubPaths(Path.GetTempPath()));
        return new KnownWebhooks(database, clock, NullLogger<KnownWebhooks>.Instance);
    }
}
