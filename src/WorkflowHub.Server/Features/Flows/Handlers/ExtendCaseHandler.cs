using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Features.Cases;
using WorkflowHub.Server.Features.Cases.Handlers;

namespace WorkflowHub.Server.Features.Flows.Handlers;

/// <summary>
/// case.extend (延期): the responsible leader extends the time limit once, with a reason; the case goes back into
/// handling. The ledger's "extend" entry is what the 按期结案率 leaves out of its denominator (deferred cases).
/// </summary>
public sealed class ExtendCaseHandler : CaseHandler
{
    public const string Action = "extend";

    public override string Topic => "case.extend";

    public override string Description => "Extension: the responsible leader moves the time limit once (with a reason) and the case returns to handling.";

    public override IReadOnlyList<HandlerParameter> Parameters { get; } =
    [
        CaseNumberInput,
        new("dueAt", "date", true, "新的处置期限"),
        new("note", "string", true, "延期理由"),
        ActorInput,
    ];

    protected override async Task RunAsync(ServiceTaskContext context, CancellationToken ct)
    {
        var @case = await CaseAsync(context, ct);
        var due = Date(context, "dueAt") ?? throw new CaseRuleException("The input 'dueAt' is missing.", "dueAt");
        var reason = Required(context, "note", 1000);
        if (await context.Db.Set<CaseTimelineEntry>().AnyAsync(t => t.CaseId == @case.Id && t.Action == Action, ct))
        {
            throw new CaseRuleException($"Case {@case.Number} was extended once already.", "dueAt");
        }
        if (due <= context.Now || (@case.DueAt is { } previous && due <= previous))
        {
            throw new CaseRuleException("The new time limit must be later than now and than the old one.", "dueAt");
        }
        var old = @case.DueAt;
        @case.DueAt = due;
        var note = $"延期：{old:yyyy-MM-dd HH:mm} → {due:yyyy-MM-dd HH:mm} UTC；理由：{reason}";
        if (@case.Status == CaseStatus.InProgress)
        {
            @case.UpdatedAt = context.Now;
            CaseLedger.Record(context.Db, @case, Action, Actor(context), context.Now, note);
        }
        else
        {
            CaseLedger.Transition(context.Db, @case, CaseStatus.InProgress, Action, Actor(context), context.Now, note);
        }
        Publish(context, @case);
    }
}
