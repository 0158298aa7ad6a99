using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Features.Cases;
using WorkflowHub.Server.Features.Cases.Handlers;
using WorkflowHub.Server.Features.Categories;
using WorkflowHub.Server.Features.Identity;

namespace WorkflowHub.Server.Features.Flows.Handlers;

/// <summary>
/// case.describe (通知要素): what the notice templates print about a case — number, title, description, category
/// name, place, channel, the groups' names, the responsible unit, the due time and the category's closing standard —
/// as the object <c>caseFacts</c> (given to the notice handler as <c>values</c>), and <c>allGroups</c>, the ids of every
/// group, for bureau-wide notices (全局通报).
/// </summary>
public sealed class DescribeCaseHandler : CaseHandler
{
    public override string Topic => "case.describe";

    public override string Description => "Collects what notices print about the case: outputs caseFacts (number, title, description, category, place, channel, lead and assisting groups, time limit, what to fix) and allGroups.";

    public override IReadOnlyList<HandlerParameter> Parameters { get; } = [CaseNumberInput];

    protected override async Task RunAsync(ServiceTaskContext context, CancellationToken ct)
    {
        var @case = await CaseAsync(context, ct);
        var category = await context.Db.Set<ProblemCategory>().AsNoTracking().FirstOrDefaultAsync(c => c.Code == @case.CategoryCode, ct);
        var groups = await context.Db.Set<HubGroup>().AsNoTracking().OrderBy(g => g.Id).Select(g => new { g.Id, g.Name }).ToListAsync(ct);
        string? NameOf(string? id) => id is null ? null : groups.FirstOrDefault(g => g.Id == id)?.Name ?? id;
        var title = @case.Description.Length <= 30 ? @case.Description : @case.Description[..30] + "…";
        context.SetVariable("caseFacts", new JsonObject
        {
            ["problemNumber"] = @case.Number,
            ["problemTitle"] = title,
            ["problemDescription"] = @case.Description,
            ["category"] = category?.Name ?? @case.CategoryCode,
            ["location"] = @case.Address,
            ["source"] = ChannelNames.Of(@case.Channel) + (@case.ExternalRef is null ? "" : $"（{@case.ExternalRef}）"),
            ["areaGroup"] = NameOf(@case.AreaGroupId),
            ["sectorGroup"] = NameOf(@case.SectorGroupId) ?? "无",
            ["unit"] = NameOf(@case.AreaGroupId),
            ["deadline"] = @case.DueAt?.ToUniversalTime().ToString("o"),
            ["requirement"] = category?.ClosingStandard,
            ["reportedAt"] = @case.ReportedAt.ToUniversalTime().ToString("o"),
            ["reboundCount"] = @case.ReboundCount,
            ["reworkCount"] = @case.ReworkCount,
        });
        context.SetVariable("allGroups", new JsonArray([.. groups.Select(g => (JsonNode?)JsonValue.Create(g.Id))]));
        Publish(context, @case);
    }
}

/// <summary>The channel's name as people say it.</summary>
public static class ChannelNames
{
    public static string Of(CaseChannel channel) => channel switch
    {
        CaseChannel.Patrol => "巡查/自查",
        CaseChannel.Hotline12345 => "12345 政务服务热线",
        CaseChannel.CityPlatform => "城市管理平台",
        CaseChannel.HandedDown => "上级交办",
        CaseChannel.Kiosk => "服务亭/窗口",
        CaseChannel.ThirdParty => "第三方督查",
        CaseChannel.LeaderWalk => "领导巡查",
        CaseChannel.Open311 => "Open311",
        _ => channel.ToString(),
    };
}
