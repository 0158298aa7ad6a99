using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Server.Features.Flows.Handlers;

/// <summary>
/// rhythm.missing (未报): the groups whose daily report task (element <c>report</c>) of this instance is still open,
/// as <c>reportMissing</c> (group ids), <c>reportMissingNames</c> and <c>reportMissingTo</c> (their heads, else the group).
/// </summary>
public sealed class RhythmMissingHandler : IServiceTaskHandler
{
    public string Topic => "rhythm.missing";

    public string? Description => "Daily reporting: the groups that have not reported today, and their heads.";

    public IReadOnlyList<HandlerParameter> Parameters { get; } = [new("element", "string", false, "日报任务的元素 id（缺省 report）")];

    public async ValueTask ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        var element = context.GetVariable("element")?.ToString() ?? "report";
        var open = await context.Db.Set<UserTaskRecord>().AsNoTracking()
            .Where(t => t.InstanceId == context.InstanceId && t.ElementId == element).Select(t => t.CandidateGroups).ToListAsync(ct);
        var missing = open.Where(g => !string.IsNullOrWhiteSpace(g)).Select(g => g!.Split(',')[0].Trim()).Distinct().Order(StringComparer.Ordinal).ToList();
        var groups = context.GetVariable("reportGroups") as JsonArray ?? [];
        var known = groups.OfType<JsonObject>().ToDictionary(g => g["id"]!.GetValue<string>(), g => g);
        context.SetVariable("reportMissing", new JsonArray([.. missing.Select(m => (JsonNode?)JsonValue.Create(m))]));
        context.SetVariable("reportMissingNames", JsonValue.Create(string.Join("、", missing.Select(m => known.GetValueOrDefault(m)?["name"]?.GetValue<string>() ?? m))));
        context.SetVariable("reportMissingTo", new JsonArray([.. missing.Select(m => (JsonNode?)JsonValue.Create(known.GetValueOrDefault(m)?["head"]?.GetValue<string>() ?? m))]));
    }
}
