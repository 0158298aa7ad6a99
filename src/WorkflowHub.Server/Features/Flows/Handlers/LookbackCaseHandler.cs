using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Features.Cases;
using WorkflowHub.Server.Features.Cases.Handlers;

namespace WorkflowHub.Server.Features.Flows.Handlers;

/// <summary>
/// case.lookback (回头看结果): records what the re-inspection found — stable (巩固) or rebound (回弹) — as a "lookback"
/// ledger entry, the denominator of the 反弹率; leaves <c>lookbackStable</c> for the flow's gateway.
/// </summary>
public sealed class LookbackCaseHandler : CaseHandler
{
    public const string Action = "lookback";

    public override string Topic => "case.lookback";

    public override string Description => "Look-back result: stable=true consolidated, false rebounded; recorded in the timeline, outputs lookbackStable.";

    public override IReadOnlyList<HandlerParameter> Parameters { get; } =
    [
        CaseNumberInput,
        new("stable", "boolean", true, "是否稳定（未回弹）"),
        NoteInput,
        ActorInput,
    ];

    protected override async Task RunAsync(ServiceTaskContext context, CancellationToken ct)
    {
        var @case = await CaseAsync(context, ct);
        if (@case.Status != CaseStatus.Closed)
        {
            throw new CaseRuleException($"Only a closed case is looked back at; {@case.Number} is {@case.Status}.");
        }
        var stable = context.GetVariable("stable")?.ToString() switch
        {
            "true" or "True" => true,
            "false" or "False" => false,
            _ => throw new CaseRuleException("The input 'stable' must be true or false.", "stable"),
        };
        var note = Text(context, "note", 1000);
        @case.UpdatedAt = context.Now;
        CaseLedger.Record(context.Db, @case, Action, Actor(context), context.Now, (stable ? "回头看：整改成果巩固" : "回头看：问题回弹") + (note is null ? "" : "；" + note));
        Set(context, "lookbackStable", stable);
        Publish(context, @case);
    }
}
