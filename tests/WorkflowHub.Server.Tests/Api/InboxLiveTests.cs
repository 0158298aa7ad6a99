using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WorkflowHub.Testing;
using static WorkflowHub.Server.Tests.Api.Api;

namespace WorkflowHub.Server.Tests.Api;

/// <summary>The inbox's text filter runs on the server: parameterized, wildcards taken literally, on both providers.</summary>
public abstract class InboxTextFilterTests(ApiServer server)
{
    [SkippableFact]
    public async Task The_text_filter_matches_name_business_key_and_process_key_and_takes_wildcards_literally()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var g = Guid.NewGuid().ToString("N")[..6];
        async Task<string> Deploy(string suffix, string name, string businessKey)
        {
            var key = $"textf{g}{suffix}";
            await DeployAsync(admin, Process(key, $"""
                <bpmn:startEvent id="s"/><bpmn:userTask id="fix" name="{name}"/><bpmn:endEvent id="e"/>
                """ + Chain("f", "s", "fix", "e")));
            await StartAsync(admin, key, businessKey);
            return key;
        }
        var a = await Deploy("a", "清运垃圾", $"WH-AXB-{g}");
        var b = await Deploy("b", "完成 100% 整改", $"wh-b-{g}");
        var c = await Deploy("c", "a_b 路灯", $"WH-C-{g}");

        async Task<int> Count(string text, string key) =>
            Items(await ExpectAsync(await admin.GetAsync($"/api/tasks?processKey={key}&text={Uri.EscapeDataString(text)}"), HttpStatusCode.OK)).Count;

        Assert.Equal(1, await Count("清运", a));
        Assert.Equal(0, await Count("清运", b));
        Assert.Equal(1, await Count($"wh-axb-{g}", a)); // business key, case-insensitive
        Assert.Equal(1, await Count($"TEXTF{g.ToUpperInvariant()}C", c)); // process key
        Assert.Equal(1, await Count("100%", b));
        Assert.Equal(0, await Count("%", a)); // a wildcard is taken literally
        Assert.Equal(1, await Count("a_b", c));
        Assert.Equal(0, await Count("a_b", a)); // "axb" would match an unescaped "_"
        Assert.Equal(0, await Count("' OR 1=1 --", a));
        await ExpectFieldErrorAsync(await admin.GetAsync($"/api/tasks?text={new string('x', 101)}"), "text");
    }
}

public sealed class InboxTextFilterTests_Sqlite(SqliteApiServer server) : InboxTextFilterTests(server), IClassFixture<SqliteApiServer>;

public sealed class InboxTextFilterTests_Postgres(PostgresApiServer server) : InboxTextFilterTests(server), IClassFixture<PostgresApiServer>;

/// <summary>A server whose inbox streams beat fast and allow two connections per user.</summary>
public sealed class TaskStreamServer() : ApiServer(TestDatabaseProvider.Sqlite, new Dictionary<string, string?>
{
    ["Tasks:Stream:HeartbeatInterval"] = "00:00:00.200",
    ["Tasks:Stream:MaxConnectionsPerUser"] = "2",
});

/// <summary>GET /api/tasks/stream: new tasks arrive as server-sent events, only to those who may see them.</summary>
public sealed class TaskStreamTests(TaskStreamServer server) : IClassFixture<TaskStreamServer>
{
    [SkippableFact]
    public async Task A_new_task_reaches_the_streams_of_those_who_may_see_it_only()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var g = Guid.NewGuid().ToString("N")[..6];
        var mine = $"live-{g}";
        var other = $"other-{g}";
        var staff = await app.UserAsync(admin, "live", ["Staff"], mine);
        await EnsureGroupAsync(admin, other);
        await DeployAsync(admin, GroupTask($"other{g}", other));
        await DeployAsync(admin, GroupTask($"mine{g}", mine));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1)); // a bound against a hang, not a timed assert

        using var response = await staff.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/tasks/stream"), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = new ServerSentEvents(await response.Content.ReadAsStreamAsync(timeout.Token));
        var ready = await events.NextAsync(timeout.Token);
        Assert.Equal("ready", ready.Event);
        Assert.Equal(15, JsonNode.Parse(ready.Data)!["fallbackPollSeconds"]!.GetValue<int>());

        await StartAsync(admin, $"other{g}");
        var expected = (await StartAsync(admin, $"mine{g}"))["id"]!.GetValue<string>();

        // The other group's task came first; the first task event must still be the one the user may see.
        var task = await events.NextAsync(timeout.Token, skipComments: true);
        Assert.Equal("task", task.Event);
        var data = JsonNode.Parse(task.Data)!;
        Assert.Equal($"mine{g}", data["processKey"]!.GetValue<string>());
        var listed = Assert.Single(Items(await ExpectAsync(await staff.Client.GetAsync($"/api/tasks?processKey=mine{g}"), HttpStatusCode.OK)))!;
        Assert.Equal(listed["id"]!.GetValue<string>(), data["id"]!.GetValue<string>());
        Assert.Equal(expected, listed["instanceId"]!.GetValue<string>());

        // Quiet: heartbeats keep the connection alive.
        Assert.Equal(":", (await events.NextAsync(timeout.Token)).Event);
    }

    [SkippableFact]
    public async Task Streams_are_bounded_per_user_and_closed_to_anonymous_callers()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var staff = await app.UserAsync(admin, "tabs", ["Staff"]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var open = new List<HttpResponseMessage>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                var response = await staff.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/tasks/stream"), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                open.Add(response);
                Assert.Equal("ready", (await new ServerSentEvents(await response.Content.ReadAsStreamAsync(timeout.Token)).NextAsync(timeout.Token)).Event);
            }
            var third = await staff.Client.GetAsync("/api/tasks/stream", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
            Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        }
        finally
        {
            open.ForEach(r => r.Dispose());
        }
        using var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/tasks/stream", HttpCompletionOption.ResponseHeadersRead, timeout.Token)).StatusCode);
        var settings = await ExpectAsync(await staff.Client.GetAsync("/api/tasks/stream/settings", timeout.Token), HttpStatusCode.OK);
        Assert.Equal(60, settings["connectedPollSeconds"]!.GetValue<int>());
    }
}

/// <summary>Reads server-sent events: a comment line is an event named ":".</summary>
public sealed class ServerSentEvents(Stream stream)
{
    private readonly StreamReader _reader = new(stream);

    public async Task<(string Event, string Data)> NextAsync(CancellationToken ct, bool skipComments = false)
    {
        string? name = null;
        var data = new List<string>();
        while (await _reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (name is null && data.Count == 0)
                {
                    continue;
                }
                return (name ?? "message", string.Join('\n', data));
            }
            if (line.StartsWith(':'))
            {
                if (!skipComments)
                {
                    return (":", line[1..].Trim());
                }
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            if (field == "event")
            {
                name = value;
            }
            else if (field == "data")
            {
                data.Add(value);
            }
        }
        throw new EndOfStreamException("the event stream ended");
    }
}
