using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Features.Identity;

namespace WorkflowHub.Server.Features.Cases.Handlers;

/// <summary>case.route (双重分配): the area group from the grid or community, the sector group from the category, the routing table over both.</summary>
public sealed class RouteCaseHandler : CaseHandler
{
    public override string Topic => "case.route";

    public override string Description => "Dual assignment: the area group by grid or community, the sector group by category, routing rules first; the collection group may name them.";

    public override IReadOnlyList<HandlerParameter> Parameters { get; } =
    [
        CaseNumberInput,
        new("areaGroup", "string", false, "指定片区行动组（覆盖自动分派）"),
        new("sectorGroup", "string", false, "指定行业领域组（覆盖自动分派）"),
        ActorInput,
    ];

    protected override async Task RunAsync(ServiceTaskContext context, CancellationToken ct)
    {
        var @case = await CaseAsync(context, ct);
        var routing = await CaseRouter.RouteAsync(context.Db, @case.CategoryCode, @case.AreaCode, ct);
        var areaGroup = Text(context, "areaGroup", HubGroup.IdMaxLength);
        var sectorGroup = Text(context, "sectorGroup", HubGroup.IdMaxLength);
        foreach (var (name, id, kind) in new[] { ("areaGroup", areaGroup, GroupKind.Area), ("sectorGroup", sectorGroup, GroupKind.Sector) })
        {
            if (id is null)
            {
                continue;
            }
            var group = await context.Db.Set<HubGroup>().FindAsync([id], ct);
            if (group is null || group.Kind != kind)
            {
                throw new CaseRuleException($"The input '{name}' names no {kind} group '{id}'.", name);
            }
        }
        @case.AreaGroupId = areaGroup ?? routing.AreaGroupId;
        @case.SectorGroupId = sectorGroup ?? routing.SectorGroupId;
        @case.StreetCode = routing.StreetCode;
        @case.UpdatedAt = context.Now;
        if (@case.AreaGroupId is null)
        {
            throw new CaseRuleException($"Case {@case.Number}: no area group is responsible for the area '{@case.AreaCode ?? "-"}'; complete the area or the routing table.", "areaGroup");
        }
        CaseLedger.Record(context.Db, @case, "route", Actor(context), context.Now,
            routing.Explanation + (areaGroup is null && sectorGroup is null ? "" : $"；指定 → {@case.AreaGroupId} / {@case.SectorGroupId}"));
        Publish(context, @case);
    }
}
