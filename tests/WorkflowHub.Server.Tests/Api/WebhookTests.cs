using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Server.Features.Webhooks;
using static WorkflowHub.Server.Tests.Api.Api;

namespace WorkflowHub.Server.Tests.Api;

public abstract class WebhookTests(ApiServer server)
{
    /// <summary>Deploys a flow started by a message and registers a webhook for it; returns its key and secret.</summary>
    private async Task<(HttpClient Admin, string Key, string Secret, string ProcessKey)> SetUpAsync()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var processKey = "hookintake" + suffix;
        await DeployAsync(admin, MessageStartFlow(processKey, "CitizenReport" + suffix));
        var created = await ExpectAsync(await admin.PostAsJsonAsync("/api/webhooks", new
        {
            key = "hotline-" + suffix,
            messageName = "CitizenReport" + suffix,
            businessKeyVariable = "/ticket/id",
            variablesExpression = "/ticket",
        }), HttpStatusCode.Created);
        var secret = created["secret"]!.GetValue<string>();
        Assert.True(secret.Length >= 32);
        var listed = Items((await admin.GetFromJsonAsync<JsonObject>("/api/webhooks"))!);
        Assert.DoesNotContain(secret, listed!.ToJsonString(), StringComparison.Ordinal);
        return (admin, "hotline-" + suffix, secret, processKey);
    }

    private static HttpRequestMessage Delivery(string key, string secret, string body, DateTimeOffset? at = null, string? idempotencyKey = null, string? signature = null) =>
        SignedDelivery($"/hooks/{key}", secret, body, idempotencyKey, at, signature);

    [SkippableFact]
    public async Task The_same_signed_delivery_twice_with_one_idempotency_key_starts_one_instance()
    {
        var (admin, key, secret, processKey) = await SetUpAsync();
        var app = await server.GetAsync();
        var hooks = app.CreateClient();
        const string body = """{"ticket":{"id":"12345-0042","street":"Jiefang Rd 8","kind":"litter"}}""";

        var first = await hooks.SendAsync(Delivery(key, secret, body, idempotencyKey: "delivery-42"));
        var answer = await ExpectAsync(first, HttpStatusCode.Accepted);
        var second = await hooks.SendAsync(Delivery(key, secret, body, idempotencyKey: "delivery-42"));
        var again = await ExpectAsync(second, HttpStatusCode.Accepted);

        Assert.Equal(answer["instanceId"]!.GetValue<string>(), again["instanceId"]!.GetValue<string>());
        Assert.Equal("12345-0042", again["businessKey"]!.GetValue<string>());
        Assert.Equal("true", second.Headers.GetValues(WebhookReceiver.ReplayedHeader).Single());
        var instances = await ExpectAsync(await admin.GetAsync($"/api/instances?key={processKey}"), HttpStatusCode.OK);
        Assert.Equal(1, instances["total"]!.GetValue<int>());

        var detail = await ExpectAsync(await admin.GetAsync($"/api/instances/{answer["instanceId"]}"), HttpStatusCode.OK);
        Assert.Equal("Jiefang Rd 8", detail["variables"]!["street"]!.GetValue<string>());
        Assert.Equal("12345-0042", detail["variables"]!["payload"]!["ticket"]!["id"]!.GetValue<string>());

        // The same key with another body is refused rather than answered with the first body's result.
        var other = await hooks.SendAsync(Delivery(key, secret, """{"ticket":{"id":"other"}}""", idempotencyKey: "delivery-42"));
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);

        var deliveries = await ExpectAsync(await admin.GetAsync($"/api/webhooks/{key}/deliveries"), HttpStatusCode.OK);
        var log = Items(deliveries);
        Assert.Equal(3, log.Count);
        Assert.Equal([409, 202, 202], log.Select(d => d!["status"]!.GetValue<int>()).ToArray());
        Assert.True(log[1]!["replayed"]!.GetValue<bool>());
        Assert.All(log, d => Assert.Equal("delivery-42", d!["idempotencyKey"]!.GetValue<string>()));
        Assert.Equal(answer["instanceId"]!.GetValue<string>(), log[2]!["instanceId"]!.GetValue<string>());
    }

    /// <summary>The race the step's <c>ON CONFLICT DO NOTHING</c> decides: deliveries with one key in flight at once.</summary>
    [SkippableFact]
    public async Task Simultaneous_deliveries_with_one_idempotency_key_start_one_instance()
    {
        var (admin, key, secret, processKey) = await SetUpAsync();
        var hooks = (await server.GetAsync()).CreateClient();
        const string body = """{"ticket":{"id":"12345-0077","street":"Renmin Rd 1","kind":"litter"}}""";

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            await ExpectAsync(await hooks.SendAsync(Delivery(key, secret, body, idempotencyKey: "race-77")), HttpStatusCode.Accepted)));

        Assert.Single(answers.Select(a => a["instanceId"]!.GetValue<string>()).Distinct());
        var instances = await ExpectAsync(await admin.GetAsync($"/api/instances?key={processKey}"), HttpStatusCode.OK);
        Assert.Equal(1, instances["total"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task Forged_stale_and_unsigned_deliveries_are_401()
    {
        var (admin, key, secret, processKey) = await SetUpAsync();
        var app = await server.GetAsync();
        var hooks = app.CreateClient();
        const string body = """{"ticket":{"id":"X-1"}}""";

        var forged = await hooks.SendAsync(Delivery(key, "whsec_not-the-secret-at-all", body));
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        var garbage = await hooks.SendAsync(Delivery(key, secret, body, signature: "sha256=zz"));
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
        var stale = await hooks.SendAsync(Delivery(key, secret, body, at: DateTimeOffset.UtcNow.AddMinutes(-30)));
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        var future = await hooks.SendAsync(Delivery(key, secret, body, at: DateTimeOffset.UtcNow.AddMinutes(30)));
        Assert.Equal(HttpStatusCode.Unauthorized, future.StatusCode);
        var tampered = Delivery(key, secret, body);
        tampered.Content = new StringContent("""{"ticket":{"id":"X-2"}}""", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.Unauthorized, (await hooks.SendAsync(tampered)).StatusCode);
        var unsigned = new HttpRequestMessage(HttpMethod.Post, $"/hooks/{key}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        Assert.Equal(HttpStatusCode.Unauthorized, (await hooks.SendAsync(unsigned)).StatusCode);

        var instances = await ExpectAsync(await admin.GetAsync($"/api/instances?key={processKey}"), HttpStatusCode.OK);
        Assert.Equal(0, instances["total"]!.GetValue<int>());
        var deliveries = await ExpectAsync(await admin.GetAsync($"/api/webhooks/{key}/deliveries"), HttpStatusCode.OK);
        Assert.All(Items(deliveries), d => Assert.Equal(401, d!["status"]!.GetValue<int>()));
    }

    [SkippableFact]
    public async Task Malformed_JSON_is_400_with_its_position_oversize_is_413_and_an_unknown_key_404()
    {
        var (_, key, secret, _) = await SetUpAsync();
        var app = await server.GetAsync();
        var hooks = app.CreateClient();

        var malformed = await hooks.SendAsync(Delivery(key, secret, "{\"ticket\":\n {\"id\": 12,,}}"));
        var problem = await ExpectAsync(malformed, HttpStatusCode.BadRequest);
        Assert.Equal(2, problem["position"]!["line"]!.GetValue<int>());
        Assert.NotNull(problem["position"]!["bytePositionInLine"]);

        var missingKey = await hooks.SendAsync(Delivery(key, secret, """{"ticket":{}}"""));
        await ExpectFieldErrorAsync(missingKey, "body");

        var big = "{\"ticket\":{\"id\":\"B-1\",\"text\":\"" + new string('x', 8000) + "\"}}";
        var oversize = await hooks.SendAsync(Delivery(key, secret, big));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversize.StatusCode);

        var unknown = await hooks.SendAsync(Delivery("no-such-hook", secret, """{"ticket":{"id":"1"}}"""));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [SkippableFact]
    public async Task A_rotated_secret_replaces_the_old_one_and_a_disabled_webhook_is_404()
    {
        var (admin, key, secret, _) = await SetUpAsync();
        var app = await server.GetAsync();
        var hooks = app.CreateClient();
        const string body = """{"ticket":{"id":"ROT-1"}}""";
        // Accepted first, so the node has the old secret unprotected when it is rotated.
        await ExpectAsync(await hooks.SendAsync(Delivery(key, secret, """{"ticket":{"id":"ROT-0"}}""")), HttpStatusCode.Accepted);
        var rotated = await ExpectAsync(await admin.PostAsJsonAsync($"/api/webhooks/{key}/secret", new { }), HttpStatusCode.OK);
        var fresh = rotated["secret"]!.GetValue<string>();
        Assert.NotEqual(secret, fresh);
        Assert.Equal(HttpStatusCode.Unauthorized, (await hooks.SendAsync(Delivery(key, secret, body))).StatusCode);
        await ExpectAsync(await hooks.SendAsync(Delivery(key, fresh, body)), HttpStatusCode.Accepted);

        var disabled = await ExpectAsync(await admin.PutAsJsonAsync($"/api/webhooks/{key}", new { enabled = false }), HttpStatusCode.OK);
        Assert.False(disabled["enabled"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, (await hooks.SendAsync(Delivery(key, fresh, """{"ticket":{"id":"ROT-2"}}"""))).StatusCode);
        await ExpectFieldErrorAsync(await admin.PutAsJsonAsync($"/api/webhooks/{key}", new { messageName = " " }), "messageName");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync("/api/webhooks/no-such-hook", new { enabled = true })).StatusCode);
    }

    private static HttpRequestMessage StandardDelivery(string key, string secret, string body, string id, DateTimeOffset? at = null)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/hooks/{key}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        // As a sender's library signs: the StandardWebhooks package with the secret as given at registration.
        var signature = new StandardWebhooks.StandardWebhook(secret).Sign(id, DateTimeOffset.FromUnixTimeSeconds(timestamp), body);
        request.Headers.Add("webhook-signature", "v1,bm90LXRoaXMtb25l " + signature);
        return request;
    }

    [SkippableFact]
    public async Task Standard_Webhooks_deliveries_are_accepted_and_webhook_id_makes_them_idempotent()
    {
        var (admin, key, secret, processKey) = await SetUpAsync();
        var app = await server.GetAsync();
        var hooks = app.CreateClient();
        const string body = """{"ticket":{"id":"SW-1","street":"Renmin Rd 3"}}""";
        var first = await ExpectAsync(await hooks.SendAsync(StandardDelivery(key, secret, body, "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W")), HttpStatusCode.Accepted);
        var again = await hooks.SendAsync(StandardDelivery(key, secret, body, "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"));
        Assert.Equal(first["instanceId"]!.GetValue<string>(), (await ExpectAsync(again, HttpStatusCode.Accepted))["instanceId"]!.GetValue<string>());
        Assert.True(again.Headers.Contains(WebhookReceiver.ReplayedHeader));
        await ExpectAsync(await hooks.SendAsync(StandardDelivery(key, secret, """{"ticket":{"id":"SW-2"}}""", "msg_other")), HttpStatusCode.Accepted);
        Assert.Equal(2, (await ExpectAsync(await admin.GetAsync($"/api/instances?key={processKey}"), HttpStatusCode.OK))["total"]!.GetValue<int>());

        var forged = StandardDelivery(key, WebhookSecrets.Generate(), body, "msg_forged");
        Assert.Equal(HttpStatusCode.Unauthorized, (await hooks.SendAsync(forged)).StatusCode);
        var stale = StandardDelivery(key, secret, body, "msg_stale", DateTimeOffset.UtcNow.AddMinutes(-30));
        Assert.Equal(HttpStatusCode.Unauthorized, (await hooks.SendAsync(stale)).StatusCode);
    }

    [SkippableFact]
    public async Task An_exact_signed_replay_without_an_idempotency_key_correlates_once()
    {
        var (admin, key, secret, processKey) = await SetUpAsync();
        var app = await server.GetAsync();
        var hooks = app.CreateClient();
        const string body = """{"ticket":{"id":"RP-1"}}""";
        var at = DateTimeOffset.UtcNow;
        var first = await ExpectAsync(await hooks.SendAsync(Delivery(key, secret, body, at)), HttpStatusCode.Accepted);
        var replay = await hooks.SendAsync(Delivery(key, secret, body, at));
        Assert.Equal(first["instanceId"]!.GetValue<string>(), (await ExpectAsync(replay, HttpStatusCode.Accepted))["instanceId"]!.GetValue<string>());
        Assert.True(replay.Headers.Contains(WebhookReceiver.ReplayedHeader));
        // The same body signed at another second is a new delivery.
        await ExpectAsync(await hooks.SendAsync(Delivery(key, secret, """{"ticket":{"id":"RP-2"}}""", at.AddSeconds(1))), HttpStatusCode.Accepted);
        Assert.Equal(2, (await ExpectAsync(await admin.GetAsync($"/api/instances?key={processKey}"), HttpStatusCode.OK))["total"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task A_delivery_sent_again_after_its_instance_moved_on_gets_the_first_answer()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await DeployAsync(admin, Process("awaits" + suffix, """
            <bpmn:startEvent id="s"/><bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "wait", "e"), $"""<bpmn:message id="m" name="Reply{suffix}"/>"""));
        var secret = (await ExpectAsync(await admin.PostAsJsonAsync("/api/webhooks", new { key = "reply-" + suffix, messageName = "Reply" + suffix, businessKeyVariable = "/id" }),
            HttpStatusCode.Created))["secret"]!.GetValue<string>();
        var started = (await StartAsync(admin, "awaits" + suffix, "R-" + suffix, new { }))["id"]!.GetValue<string>();
        var hooks = app.CreateClient();
        var body = $$"""{"id":"R-{{suffix}}"}""";

        // The first delivery ends the instance (and the node now remembers the webhook); the same one again finds
        // nothing waiting, yet answers as the first did instead of failing.
        var first = await ExpectAsync(await hooks.SendAsync(Delivery("reply-" + suffix, secret, body, idempotencyKey: "reply-1")), HttpStatusCode.Accepted);
        Assert.Equal(started, first["instanceId"]!.GetValue<string>());
        var again = await hooks.SendAsync(Delivery("reply-" + suffix, secret, body, idempotencyKey: "reply-1"));
        Assert.Equal(started, (await ExpectAsync(again, HttpStatusCode.Accepted))["instanceId"]!.GetValue<string>());
        Assert.Equal("true", again.Headers.GetValues(WebhookReceiver.ReplayedHeader).Single());
        // A new delivery for the ended instance is still refused.
        Assert.NotEqual(HttpStatusCode.Accepted, (await hooks.SendAsync(Delivery("reply-" + suffix, secret, body, idempotencyKey: "reply-2"))).StatusCode);
    }

    [SkippableFact]
    public async Task A_webhook_for_a_message_no_process_receives_is_refused_unless_allowed()
    {
        var (admin, key, _, _) = await SetUpAsync();
        var refused = await ExpectFieldErrorAsync(await admin.PostAsJsonAsync("/api/webhooks", new { key = "nobody-listens", messageName = "NobodyListensHere" }), "messageName");
        Assert.Contains("NobodyListensHere", refused["errors"]!["messageName"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        await ExpectAsync(await admin.PostAsJsonAsync("/api/webhooks", new { key = "nobody-listens", messageName = "NobodyListensHere", allowUnknownMessage = true }), HttpStatusCode.Created);
        await ExpectFieldErrorAsync(await admin.PutAsJsonAsync($"/api/webhooks/{key}", new { messageName = "StillNobody" }), "messageName");

        // A waiting catch in any deployed definition counts, not only a start event.
        await DeployAsync(admin, Process("catches", """
            <bpmn:startEvent id="s"/><bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="e"/>
            """ + Chain("f", "s", "wait", "e"), """<bpmn:message id="m" name="CaughtLater"/>"""));
        await ExpectAsync(await admin.PostAsJsonAsync("/api/webhooks", new { key = "caught-later", messageName = "CaughtLater" }), HttpStatusCode.Created);
    }

    [SkippableFact]
    public async Task The_retention_job_removes_deliveries_and_idempotency_records_past_the_period()
    {
        var (admin, key, secret, _) = await SetUpAsync();
        var app = await server.GetAsync();
        await ExpectAsync(await app.CreateClient().SendAsync(Delivery(key, secret, """{"ticket":{"id":"OLD-1"}}""", idempotencyKey: "old")), HttpStatusCode.Accepted);
        var retention = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<WebhookRetention>().Single();
        await retention.RunOnceAsync(CancellationToken.None);
        Assert.NotEmpty(Items(await ExpectAsync(await admin.GetAsync($"/api/webhooks/{key}/deliveries"), HttpStatusCode.OK)));

        // Thirty-one days on (the records are stamped by the wall clock, so they are aged in the database).
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowHub.Server.Data.HubDbContext>();
            var old = DateTimeOffset.UtcNow.AddDays(-31);
            await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(
                db.Set<WebhookDeliveryRecord>().Where(d => d.WebhookKey == key), s => s.SetProperty(d => d.ReceivedAt, old));
            await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(
                db.Set<IdempotencyRecord>().Where(r => r.WebhookKey == key), s => s.SetProperty(r => r.CreatedAt, old));
        }
        Assert.True(await retention.RunOnceAsync(CancellationToken.None) >= 2);
        Assert.Empty(Items(await ExpectAsync(await admin.GetAsync($"/api/webhooks/{key}/deliveries"), HttpStatusCode.OK)));
        // With its record gone, the same key is a new delivery.
        Assert.False((await app.CreateClient().SendAsync(Delivery(key, secret, """{"ticket":{"id":"OLD-1"}}""", idempotencyKey: "old"))).Headers.Contains(WebhookReceiver.ReplayedHeader));
    }

    [SkippableFact]
    public async Task Registering_webhooks_checks_fields_and_duplicates()
    {
        var (admin, key, _, _) = await SetUpAsync();
        await ExpectFieldErrorAsync(await admin.PostAsJsonAsync("/api/webhooks", new { key = "has space", messageName = "m" }), "key");
        await ExpectFieldErrorAsync(await admin.PostAsJsonAsync("/api/webhooks", new { key = "okkey", messageName = "" }), "messageName");
        await ExpectFieldErrorAsync(await admin.PostAsJsonAsync("/api/webhooks", new { key = "okkey", messageName = "m", secret = "short" }), "secret");
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/webhooks", new { key, messageName = "m" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/webhooks/no-such-hook/deliveries")).StatusCode);
    }
}

public sealed class WebhookTests_Sqlite(SqliteApiServer server) : WebhookTests(server), IClassFixture<SqliteApiServer>;

public sealed class WebhookTests_Postgres(PostgresApiServer server) : WebhookTests(server), IClassFixture<PostgresApiServer>;
