using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Features.Calendar;
using WorkflowHub.Server.Features.Categories;
using Microsoft.EntityFrameworkCore;

namespace WorkflowHub.Server.Features.Cases.Handlers;

/// <summary>case.assign (交办处置): the case goes into handling with its time limit, counted now on the category's clock unless given.</summary>
public sealed class AssignCaseHandler(CalendarStore calendar) : CaseHandler
{
    public override string Topic => "case.assign";

    public override string Description => "Assignment: the case goes into handling, with a time limit from its category and urgency (or the given one).";

    public override IReadOnlyList<HandlerParameter> Parameters { get; } =
    [
        CaseNumberInput,
        new("assignee", "string", false, "处置人（用户名）"),
        new("urgency", "string", false, "改定紧急程度 Urgent|Normal|Complex"),
        new("dueAt", "date", false, "处置期限；缺省按 deadlineFor(类别, 紧急程度) 从现在起算"),
        ActorInput,
    ];

    protected override async Task RunAsync(ServiceTaskContext context, CancellationToken ct)
    {
        var @case = await CaseAsync(context, ct);
        var assignee = Text(context, "assignee", 256);
        if (assignee is not null && !await context.Db.Set<WorkflowHub.Server.Identity.HubUser>().AnyAsync(u => u.UserName == assignee, ct))
        {
            throw new CaseRuleException($"The input 'assignee' names no user '{assignee}'.", "assignee");
        }
        @case.Urgency = Choice(context, "urgency", UrgencyNames.Parse) ?? @case.Urgency;
        var due = Date(context, "dueAt");
        if (due is null)
        {
            var category = await context.Db.Set<ProblemCategory>().AsNoTracking().FirstOrDefaultAsync(c => c.Code == @case.CategoryCode, ct)
                ?? throw new CaseRuleException($"The case's category '{@case.CategoryCode}' no longer exists.", "caseNumber");
            try
            {
                due = category.DeadlineOf(@case.Urgency).From(calendar.Current, context.Now);
            }
            catch (CalendarException ex)
            {
                throw new CaseRuleException(ex.Message, "dueAt");
            }
        }
        else if (due <= context.Now)
        {
            throw new CaseRuleException("The input 'dueAt' must be in the future.", "dueAt");
        }
        @case.DueAt = due;
        @case.Assignee = assignee ?? @case.Assignee;
        CaseLedger.Transition(context.Db, @case, CaseStatus.InProgress, "assign", Actor(context), context.Now,
            $"交 {@case.AreaGroupId}{(assignee is null ? "" : "（" + assignee + "）")} 处置，{@case.SectorGroupId ?? "无行业组"} 协助；期限 {due:yyyy-MM-dd HH:mm} UTC");
        Publish(context, @case);
    }
}
