using WorkflowHub.Engine.Services;

namespace WorkflowHub.Server.Features.Cases.Handlers;

/// <summary>
/// case.reopen (回弹重办): the look-back found the problem again. Leaves reboundCount and notifyBureauWide (the second
/// rebound is notified bureau-wide, 二次回弹全局通报) for the flow's notice.
/// </summary>
public sealed class ReopenCaseHandler : CaseHandler
{
    public override string Topic => "case.reopen";

    public override string Description => "Rebound: the look-back found the problem back, so it is handled again; outputs reboundCount and notifyBureauWide (bureau-wide notice on a second rebound).";

    public override IReadOnlyList<HandlerParameter> Parameters { get; } = [CaseNumberInput, NoteInput, ActorInput];

    protected override async Task RunAsync(ServiceTaskContext context, CancellationToken ct)
    {
        var @case = await CaseAsync(context, ct);
        if (@case.Status != CaseStatus.Closed)
        {
            throw new CaseRuleException($"Only a closed case can be reopened; {@case.Number} is {@case.Status}.");
        }
        @case.ReboundCount++;
        @case.ClosedAt = null;
        @case.LastVerificationPassed = null;
        @case.LookbackAt = null;
        CaseLedger.Transition(context.Db, @case, CaseStatus.Reopened, "reopen", Actor(context), context.Now,
            $"回弹（第{@case.ReboundCount}次）" + (@case.ReboundCount >= 2 ? "，全局通报" : "，提醒") + (Text(context, "note", 1000) is { } note ? "；" + note : ""));
        Set(context, "reboundCount", @case.ReboundCount);
        Set(context, "notifyBureauWide", @case.ReboundCount >= 2);
        Publish(context, @case);
    }
}
