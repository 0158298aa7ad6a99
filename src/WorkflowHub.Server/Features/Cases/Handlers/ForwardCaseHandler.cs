using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Features.Organisation;

namespace WorkflowHub.Server.Features.Cases.Handlers;

/// <summary>
/// case.forward: what the group cannot solve is reported up to the responsible leader (逐级上报 → 已上报: the leader linked
/// (包联) to the case's area, else the area group's head); what is outside the remit goes to the street's 双报到 unit (已转办).
/// </summary>
public sealed class ForwardCaseHandler : CaseHandler
{
    public override string Topic => "case.forward";

    public override string Description => "Report up or forward: mode=report-up to the responsible leader (reported up); mode=dual-report to the street's dual-report unit (forwarded). Outputs forwardedTo.";

    public override IReadOnlyList<HandlerParameter> Parameters { get; } =
    [
        CaseNumberInput,
        new("mode", "string", true, "report-up（逐级上报）或 dual-report（转双报到单位）"),
        new("unitId", "number", false, "双报到单位编号；缺省取案件所在街道的第一个单位"),
        NoteInput,
        ActorInput,
    ];

    protected override async Task RunAsync(ServiceTaskContext context, CancellationToken ct)
    {
        var @case = await CaseAsync(context, ct);
        var mode = Required(context, "mode", 20);
        var note = Text(context, "note", 1000);
        string target;
        if (mode == "report-up")
        {
            target = await ResponsibleLeaderAsync(context, @case, ct)
                ?? throw new CaseRuleException($"Case {@case.Number}: nobody to report up to, no linked leader and no head of the area group.");
            CaseLedger.Transition(context.Db, @case, CaseStatus.ReportedUp, "forward", Actor(context), context.Now, $"逐级上报 → {target}" + (note is null ? "" : "；" + note));
        }
        else if (mode == "dual-report")
        {
            var unitId = (long?)Number(context, "unitId", 1, long.MaxValue);
            var units = context.Db.Set<DualReportUnit>().AsNoTracking();
            var unit = unitId is not null
                ? await units.FirstOrDefaultAsync(u => u.Id == unitId, ct) ?? throw new CaseRuleException($"The input 'unitId' names no dual-report unit {unitId}.", "unitId")
                : await units.Where(u => u.StreetCode == @case.StreetCode).OrderBy(u => u.Id).FirstOrDefaultAsync(ct)
                  ?? throw new CaseRuleException($"The street '{@case.StreetCode ?? "-"}' of case {@case.Number} has no dual-report unit; give unitId.", "unitId");
            @case.ForwardedToUnitId = unit.Id;
            target = unit.Name;
            CaseLedger.Transition(context.Db, @case, CaseStatus.Forwarded, "forward", Actor(context), context.Now, $"转双报到单位 → {unit.Name}（{unit.Remit}）" + (note is null ? "" : "；" + note));
        }
        else
        {
            throw new CaseRuleException($"The input 'mode' must be report-up or dual-report, not '{mode}'.", "mode");
        }
        Set(context, "forwardedTo", target);
        Publish(context, @case);
    }

    /// <summary>The leader linked (包联) to the nearest area above the case, else the head of its area group.</summary>
    private static async Task<string?> ResponsibleLeaderAsync(ServiceTaskContext context, ProblemCase @case, CancellationToken ct)
    {
        var areas = await context.Db.Set<Area>().AsNoTracking().Select(a => new { a.Code, a.ParentCode }).ToDictionaryAsync(a => a.Code, a => a.ParentCode, ct);
        var links = await (from l in context.Db.Set<LeaderLink>().AsNoTracking()
                           join u in context.Db.Set<WorkflowHub.Server.Identity.HubUser>() on l.LeaderUserId equals u.Id
                           where l.AreaCode != null
                           select new { l.AreaCode, u.UserName }).ToListAsync(ct);
        var depth = 0;
        for (var code = @case.AreaCode; code is not null && depth < 16; code = areas.GetValueOrDefault(code), depth++)
        {
            if (links.FirstOrDefault(l => l.AreaCode == code) is { } link)
            {
                return link.UserName;
            }
        }
        return await EscalateCaseHandler.HeadOfAsync(context, @case.AreaGroupId, ct);
    }
}
