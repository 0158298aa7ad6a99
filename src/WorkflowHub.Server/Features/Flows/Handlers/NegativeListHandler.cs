using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Features.Cases;
using WorkflowHub.Server.Features.Cases.Handlers;

namespace WorkflowHub.Server.Features.Flows.Handlers;

/// <summary>
/// case.negative-list (负面清单): puts the case's responsible area group on the negative list — a "negative-list"
/// ledger entry naming the group and the reason, read by the reports (KPIs, 周督查通报) — once per case.
/// </summary>
public sealed class NegativeListHandler : CaseHandler
{
    public const string Action = "negative-list";

    public override string Topic => "case.negative-list";

    public override string Description => "Negative list: the responsible area group goes on the negative list for this case (timeline entry, cited by reports and the weekly bulletin).";

    public override IReadOnlyList<HandlerParameter> Parameters { get; } = [CaseNumberInput, NoteInput, ActorInput];

    protected override async Task RunAsync(ServiceTaskContext context, CancellationToken ct)
    {
        var @case = await CaseAsync(context, ct);
        if (!await context.Db.Set<CaseTimelineEntry>().AnyAsync(t => t.CaseId == @case.Id && t.Action == Action, ct))
        {
            var reason = Text(context, "note", 1000) ?? $"第{@case.ReboundCount}次回弹，全局通报";
            @case.UpdatedAt = context.Now;
            CaseLedger.Record(context.Db, @case, Action, Actor(context), context.Now, $"{@case.AreaGroupId} 列入负面清单：{reason}");
        }
        Set(context, "onNegativeList", true);
        Publish(context, @case);
    }
}
