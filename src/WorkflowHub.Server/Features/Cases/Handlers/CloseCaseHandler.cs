using WorkflowHub.Engine.Services;

namespace WorkflowHub.Server.Features.Cases.Handlers;

/// <summary>case.close (销号): a case whose last verification passed is closed.</summary>
public sealed class CloseCaseHandler : CaseHandler
{
    public override string Topic => "case.close";

    public override string Description => "Closing: closes a case whose verification passed.";

    public override IReadOnlyList<HandlerParameter> Parameters { get; } = [CaseNumberInput, NoteInput, ActorInput];

    protected override async Task RunAsync(ServiceTaskContext context, CancellationToken ct)
    {
        var @case = await CaseAsync(context, ct);
        if (@case.Status != CaseStatus.AwaitingVerification || @case.LastVerificationPassed != true)
        {
            throw new CaseRuleException($"Case {@case.Number} is {@case.Status}: it has not passed verification and cannot be closed.");
        }
        @case.ClosedAt = context.Now;
        CaseLedger.Transition(context.Db, @case, CaseStatus.Closed, "close", Actor(context), context.Now, "销号" + (Text(context, "note", 1000) is { } note ? "；" + note : ""));
        Publish(context, @case);
    }
}
