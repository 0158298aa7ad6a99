using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Server.Features.Dev;
using WorkflowHub.Server.Features.Notices;
using static WorkflowHub.Server.Tests.Api.Api;

namespace WorkflowHub.Server.Tests.Notices;

/// <summary>Flows with a notice task, users with e-mail addresses, and reading the outbox.</summary>
public static class NoticeKit
{
    public static string Unique() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>start → notice (service task, topic notice, the given inputs) → user task "fix" → end.</summary>
    public static string Flow(string key, string inputs, string element = "serviceTask") => Process(key, $"""
        <bpmn:startEvent id="s"/>
        <bpmn:{element} id="notify" name="发送通知" camunda:topic="notice">
          <bpmn:extensionElements><camunda:inputOutput>{inputs}</camunda:inputOutput></bpmn:extensionElements>
        </bpmn:{element}>
        <bpmn:userTask id="fix" name="整改落实" camunda:candidateGroups="nobody"/>
        <bpmn:endEvent id="e"/>
        """ + Chain("f", "s", "notify", "fix", "e"));

    public static string Input(string name, string value) =>
        $"""<camunda:inputParameter name="{name}">{System.Security.SecurityElement.Escape(value)}</camunda:inputParameter>""";

    public static async Task<string> UserWithMailAsync(HttpClient admin, string prefix, string displayName, string email, string? group = null)
    {
        var name = $"{prefix}-{Unique()}";
        var created = await ExpectAsync(await admin.PostAsJsonAsync("/api/users",
            new { userName = name, password = UserPassword, displayName, email, roles = new[] { "Staff" } }), HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        if (group is not null)
        {
            await AddToGroupAsync(admin, group, id);
        }
        return name;
    }

    public static async Task<List<JsonObject>> OutboxAsync(HttpClient admin, string instanceId) =>
        Items(await ExpectAsync(await admin.GetAsync($"/api/notices/outbox?instanceId={instanceId}&pageSize=100"), HttpStatusCode.OK))
            .Select(n => n!.AsObject()).ToList();

    public static Task<int> DeliverAsync(this WebApplicationFactory<Program> app, CancellationToken ct = default) =>
        app.Services.GetRequiredService<NoticeSender>().DeliverDueAsync(ct);

    public static void Advance(this WebApplicationFactory<Program> app, TimeSpan by) =>
        app.Services.GetRequiredService<SimulationTimeProvider>().Advance(by);

    public static string Id(this JsonObject row) => row["id"]!.GetValue<string>();
}
