using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Webhooks;

namespace WorkflowHub.Server.Features.Notices;

/// <summary>
/// Posts a robot row's text part (markdown) to the group's robot: 企业微信 <c>msgtype: markdown</c>, 钉钉
/// <c>msgtype: markdown</c> (signed with <c>timestamp</c> + <c>sign</c> in the URL when a secret is set), 飞书 an
/// interactive card with a markdown element (signed with <c>timestamp</c> + <c>sign</c> in the body). A robot answers
/// 200 with its own error code; anything but code 0 is a failed delivery.
/// </summary>
public sealed class RobotTransport(
    IHttpClientFactory clients, IDbContextFactory<HubDbContext> contexts, RobotSecrets secrets,
    [FromKeyedServices(WebhookReceiver.WallClockKey)] TimeProvider wallClock, IEnumerable<INoticeDeliveryObserver> observers)
{
    public const string HttpClientName = "notice-robots";

    public async Task DeliverAsync(NoticeOutboxRecord row, CancellationToken ct)
    {
        GroupRobotRecord? robot;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            robot = await db.Set<GroupRobotRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.GroupId == row.Recipient, ct);
        }
        if (robot is null || !robot.Enabled)
        {
            throw new InvalidOperationException($"group '{row.Recipient}' has no enabled robot.");
        }
        var url = secrets.Unprotect(robot.ProtectedUrl);
        var secret = robot.ProtectedSecret is null ? null : secrets.Unprotect(robot.ProtectedSecret);
        var (target, body) = Request(robot.Kind, url, secret, row.Subject, row.Text, wallClock.GetUtcNow());
        foreach (var observer in observers)
        {
            observer.Transmitting(row);
        }
        using var response = await clients.CreateClient(HttpClientName).PostAsJsonAsync(target, body, ct);
        var answer = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"robot answered {(int)response.StatusCode}: {Excerpt(answer)}");
        }
        var code = TryParse(answer)?["errcode"] ?? TryParse(answer)?["code"] ?? TryParse(answer)?["StatusCode"];
        if (code is not null && code.ToString() != "0")
        {
            throw new HttpRequestException($"robot refused the message: {Excerpt(answer)}");
        }
        foreach (var observer in observers)
        {
            observer.Accepted(row);
        }
    }

    /// <summary>The URL and JSON body of a robot call; public so the signing can be checked against the robots' documentation.</summary>
    public static (string Url, JsonObject Body) Request(RobotKind kind, string url, string? secret, string title, string markdown, DateTimeOffset now)
    {
        switch (kind)
        {
            case RobotKind.DingTalk:
                var body = new JsonObject
                {
                    ["msgtype"] = "markdown",
                    ["markdown"] = new JsonObject { ["title"] = title, ["text"] = markdown },
                };
                if (secret is null)
                {
                    return (url, body);
                }
                var millis = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                var sign = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(millis + "\n" + secret)));
                var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
                return ($"{url}{separator}timestamp={millis}&sign={Uri.EscapeDataString(sign)}", body);
            case RobotKind.Feishu:
                var card = new JsonObject
                {
                    ["msg_type"] = "interactive",
                    ["card"] = new JsonObject
                    {
                        ["header"] = new JsonObject { ["title"] = new JsonObject { ["tag"] = "plain_text", ["content"] = title } },
                        ["elements"] = new JsonArray(new JsonObject { ["tag"] = "markdown", ["content"] = markdown }),
                    },
                };
                if (secret is not null)
                {
                    var seconds = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                    card["timestamp"] = seconds;
                    card["sign"] = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(seconds + "\n" + secret), Array.Empty<byte>()));
                }
                return (url, card);
            default:
                return (url, new JsonObject
                {
                    ["msgtype"] = "markdown",
                    ["markdown"] = new JsonObject { ["content"] = $"**{title}**\n\n{markdown}" },
                });
        }
    }

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string Excerpt(string text) => text.Length <= 300 ? text : text[..300];
}
