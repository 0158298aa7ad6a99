using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Features.Categories;

namespace WorkflowHub.Server.Features.Cases.Handlers;

/// <summary>
/// case.verify (验收): result=submitted — the handler reports it fixed (待验收; the category's after-photo must be there);
/// passed — the supervision and sector groups accept it (then case.close 销号); failed — back to handling, rework counted.
/// </summary>
public sealed class VerifyCaseHandler : CaseHandler
{
    public override string Topic => "case.verify";

    public override string Description => "Verification: result=submitted submits it (checks the after photo where required), passed passes, failed sends it back to be handled again. Outputs verificationPassed.";

    public override IReadOnlyList<HandlerParameter> Parameters { get; } =
    [
        CaseNumberInput,
        new("result", "string", true, "submitted | passed | failed"),
        NoteInput,
        ActorInput,
    ];

    protected override async Task RunAsync(ServiceTaskContext context, CancellationToken ct)
    {
        var @case = await CaseAsync(context, ct);
        var result = Required(context, "result", 20);
        var note = Text(context, "note", 1000);
        var by = Actor(context);
        switch (result)
        {
            case "submitted":
                var category = await context.Db.Set<ProblemCategory>().AsNoTracking().FirstOrDefaultAsync(c => c.Code == @case.CategoryCode, ct);
                if (category?.PhotoAfterRequired == true && !await context.Db.Set<CasePhoto>().AnyAsync(p => p.CaseId == @case.Id && p.Stage == PhotoStage.After, ct))
                {
                    throw new CaseRuleException($"Case {@case.Number}: the category '{category.Name}' requires an after photo before verification.", "result");
                }
                CaseLedger.Transition(context.Db, @case, CaseStatus.AwaitingVerification, "verify", by, context.Now, "提交验收" + (note is null ? "" : "；" + note));
                break;
            case "passed" or "failed":
                if (@case.Status != CaseStatus.AwaitingVerification)
                {
                    throw new CaseRuleException($"Case {@case.Number} is {@case.Status}, not awaiting verification.", "result");
                }
                var passed = result == "passed";
                @case.Verifications++;
                @case.LastVerificationPassed = passed;
                @case.LastVerificationNote = note;
                if (passed)
                {
                    CaseLedger.Transition(context.Db, @case, CaseStatus.AwaitingVerification, "verify", by, context.Now, "验收通过" + (note is null ? "" : "；" + note));
                }
                else
                {
                    @case.ReworkCount++;
                    CaseLedger.Transition(context.Db, @case, CaseStatus.InProgress, "verify", by, context.Now, $"验收不通过，退回重办（第{@case.ReworkCount}次）" + (note is null ? "" : "；" + note));
                }
                Set(context, "verificationPassed", passed);
                break;
            default:
                throw new CaseRuleException($"The input 'result' must be submitted, passed or failed, not '{result}'.", "result");
        }
        Publish(context, @case);
    }
}
