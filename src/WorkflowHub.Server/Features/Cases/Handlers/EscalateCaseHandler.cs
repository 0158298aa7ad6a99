using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Features.Identity;

namespace WorkflowHub.Server.Features.Cases.Handlers;

/// <summary>
/// case.escalate (跟踪督查): the supervision ladder — 1 reminder (提醒), 2 supervision order (督办单), 3 reported to the
/// unit head (报责任部门主要负责同志), 4 submitted to the party group (提请局党组研究处置). Leaves escalationTarget: the
/// group or user the flow hands the next task or notice to.
/// </summary>
public sealed class EscalateCaseHandler : CaseHandler
{
    public const int MaxLevel = 4;

    public override string Topic => "case.escalate";

    public override string Description => "Escalation: 1 reminder, 2 supervision order, 3 report to the unit's head, 4 refer to the bureau's party group; outputs escalationLevel and escalationTarget.";

    public override IReadOnlyList<HandlerParameter> Parameters { get; } =
    [
        CaseNumberInput,
        new("level", "number", false, "升到第几级（1–4）；缺省升一级"),
        NoteInput,
        ActorInput,
    ];

    protected override async Task RunAsync(ServiceTaskContext context, CancellationToken ct)
    {
        var @case = await CaseAsync(context, ct);
        if (!@case.IsOpen)
        {
            throw new CaseRuleException($"Case {@case.Number} is {@case.Status}: nothing to escalate.");
        }
        var given = (int?)Number(context, "level", 1, MaxLevel);
        if (given is null && @case.EscalationLevel == MaxLevel)
        {
            throw new CaseRuleException($"Case {@case.Number} is at the top of the ladder ({MaxLevel}) already.", "level");
        }
        var level = given ?? @case.EscalationLevel + 1;
        if (level < @case.EscalationLevel)
        {
            throw new CaseRuleException($"The level cannot go down from {@case.EscalationLevel} to {level}.", "level");
        }
        var target = level switch
        {
            3 => await HeadOfAsync(context, @case.AreaGroupId, ct) ?? @case.AreaGroupId,
            4 => await context.Db.Set<HubGroup>().Where(g => g.Kind == GroupKind.LeadingGroup).OrderBy(g => g.Id).Select(g => g.Id).FirstOrDefaultAsync(ct),
            _ => @case.AreaGroupId,
        };
        if (level == 2)
        {
            @case.SupervisionOrders++;
        }
        @case.EscalationLevel = level;
        @case.UpdatedAt = context.Now;
        var label = level switch { 1 => "提醒", 2 => $"下发督办单（第{@case.SupervisionOrders}张）", 3 => "报单位主要负责人", _ => "提请局党组研究处置" };
        CaseLedger.Record(context.Db, @case, "escalate", Actor(context), context.Now, $"督办{level}级：{label} → {target}" + (Text(context, "note", 1000) is { } note ? "；" + note : ""));
        Set(context, "escalationLevel", level);
        Set(context, "escalationTarget", target);
        Publish(context, @case);
    }

    /// <summary>The user name of a group's head (the "unit head").</summary>
    internal static async Task<string?> HeadOfAsync(ServiceTaskContext context, string? groupId, CancellationToken ct) =>
        groupId is null ? null : await (
            from g in context.Db.Set<HubGroup>()
            join u in context.Db.Set<WorkflowHub.Server.Identity.HubUser>() on g.HeadUserId equals u.Id
            where g.Id == groupId
            select u.UserName).FirstOrDefaultAsync(ct);
}
