using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using WorkflowHub.Server.Features.Webhooks;

using WorkflowHub.Testing;

namespace WorkflowHub.Benchmarks.Harness;

/// <summary>The HTTP calls the scenarios make, as a client of the server would make them.</summary>
internal static class HubApi
{
    /// <summary>A keep-alive client for one node, signed in as the administrator with a bearer token.</summary>
    public static async Task<HttpClient> AdminAsync(Uri node, string? token = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10), MaxConnectionsPerServer = 64 })
        {
            BaseAddress = node,
            Timeout = TimeSpan.FromSeconds(30),
        };
        token ??= await LoginAsync(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<string> LoginAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/identity/login?useCookies=false", new { email = "admin", password = ServerNode.AdminPassword });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
    }

    public static async Task DeployAsync(HttpClient admin, string xml)
    {
        var response = await admin.PostAsync("/api/definitions", new StringContent(xml, Encoding.UTF8, "application/xml"));
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"deploy: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Registers a webhook that correlates <paramref name="message"/>, the business key from the body's "id"; returns its secret.</summary>
    public static async Task<string> CreateWebhookAsync(HttpClient admin, string key, string message)
    {
        var response = await admin.PostAsJsonAsync("/api/webhooks", new { key, messageName = message, businessKeyVariable = "/id" });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"webhook: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["secret"]!.GetValue<string>();
    }

    /// <summary>
    /// A 503 carrying the server's database-unavailable problem, known by its type: the title is in the request's
    /// language (zh-CN by default).
    /// </summary>
    public static async Task<bool> IsDatabaseProblemAsync(HttpResponseMessage response) =>
        (int)response.StatusCode == 503
        && (await response.Content.ReadAsStringAsync()).Contains("/problems/database-unavailable", StringComparison.Ordinal);

    /// <summary>A signed delivery whose business key and Idempotency-Key are <paramref name="id"/>.</summary>
    public static HttpRequestMessage Delivery(string key, string secret, string id)
    {
        var body = $$"""{"id":"{{id}}","kind":"litter","street":"Jiefang Rd 8"}""";
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/hooks/{key}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSecrets.TimestampHeader, timestamp);
        request.Headers.Add(WebhookSecrets.SignatureHeader, WebhookSecrets.Sign(secret, timestamp, Encoding.UTF8.GetBytes(body)));
        request.Headers.Add(WebhookReceiver.IdempotencyHeader, id);
        return request;
    }

    public static HttpClient Anonymous(Uri node) => new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = node, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The address the harness's notice step writes to (the harness's own SMTP server receives it).</summary>
    public const string NoticeAddress = "desk@harness.example.gov.cn";

    /// <summary>
    /// Message start → timer (optional) → a notice mail (optional: the shipped 催办 template to <see cref="NoticeAddress"/>,
    /// one outbox row per instance) → parallel split into two user tasks, as an intake of the grid (登记, 派遣).
    /// </summary>
    public static string IntakeFlow(string key, string message, string? timer, bool notice = false) => Bpmn($$"""
        <bpmn:process id="{{key}}" isExecutable="true">
          <bpmn:startEvent id="reported"><bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent>
          {{(timer is null ? "" : $"""<bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>{timer}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>""")}}
          {{(notice ? NoticeStep : "")}}
          <bpmn:parallelGateway id="split"/>
          <bpmn:userTask id="register" camunda:candidateGroups="dispatch"/>
          <bpmn:userTask id="inspect" camunda:candidateGroups="area-1"/>
          <bpmn:parallelGateway id="join"/><bpmn:endEvent id="done"/>
          {{Chain(timer is null ? ["reported", notice ? "notify" : null, "split"] : ["reported", "wait", notice ? "notify" : null, "split"])}}
          <bpmn:sequenceFlow id="f1" sourceRef="split" targetRef="register"/><bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="inspect"/>
          <bpmn:sequenceFlow id="f3" sourceRef="register" targetRef="join"/><bpmn:sequenceFlow id="f4" sourceRef="inspect" targetRef="join"/>
          <bpmn:sequenceFlow id="f5" sourceRef="join" targetRef="done"/>
        </bpmn:process>
        <bpmn:message id="m" name="{{message}}"/>
        """);

    private const string NoticeStep = $$"""
        <bpmn:sendTask id="notify" name="催办提醒" camunda:topic="notice"><bpmn:extensionElements><camunda:inputOutput>
          <camunda:inputParameter name="template">reminder</camunda:inputParameter>
          <camunda:inputParameter name="to">{{NoticeAddress}}</camunda:inputParameter>
          <camunda:inputParameter name="values"><camunda:map>
            <camunda:entry key="problemNumber">${payload.id}</camunda:entry>
            <camunda:entry key="location">${payload.street}</camunda:entry>
            <camunda:entry key="problemDescription">${payload.kind}</camunda:entry>
          </camunda:map></camunda:inputParameter>
        </camunda:inputOutput></bpmn:extensionElements></bpmn:sendTask>
        """;

    /// <summary>Sequence flows f0, f0b, ... along the given elements (nulls skipped).</summary>
    private static string Chain(string?[] elements)
    {
        var steps = elements.OfType<string>().ToList();
        return string.Concat(steps.Zip(steps.Skip(1)).Select((p, i) => $"""<bpmn:sequenceFlow id="f0{(char)('a' + i)}" sourceRef="{p.First}" targetRef="{p.Second}"/>"""));
    }

    /// <summary>Start → a timer at the variable "due" → end: one timer per instance.</summary>
    public static string TimerFlow(string key) => Bpmn($$"""
        <bpmn:process id="{{key}}" isExecutable="true">
          <bpmn:startEvent id="s"/>
          <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDate>${due}</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
          <bpmn:endEvent id="e"/>
          <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="wait"/><bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="e"/>
        </bpmn:process>
        """);

    /// <summary>Start → one user task for the administrator → end (the HTTP path scenario).</summary>
    public static string TaskFlow(string key) => Bpmn($$"""
        <bpmn:process id="{{key}}" isExecutable="true">
          <bpmn:startEvent id="s"/><bpmn:userTask id="t" camunda:assignee="admin"/><bpmn:endEvent id="e"/>
          <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/>
        </bpmn:process>
        """);

    private static string Bpmn(string content) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://workflowhub/harness">
        {content}
        </bpmn:definitions>
        """;
}
