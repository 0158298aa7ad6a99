using WorkflowHub.Engine.Services;

namespace WorkflowHub.Server.Features.Cases.Handlers;

/// <summary>case.schedule-lookback (回头看): sets when a closed case is re-inspected; lookbackAt is for the flow's timer.</summary>
public sealed class ScheduleLookbackHandler : CaseHandler
{
    public override string Topic => "case.schedule-lookback";

    public override string Description => "Look-back: sets the review time (after: an ISO-8601 duration, default P30D; or at: a time); outputs lookbackAt for the timer.";

    public override IReadOnlyList<HandlerParameter> Parameters { get; } =
    [
        CaseNumberInput,
        new("after", "string", false, "销号后多久复查，ISO-8601 时长（缺省 P30D）"),
        new("at", "date", false, "复查时间（代替 after）"),
        ActorInput,
    ];

    protected override async Task RunAsync(ServiceTaskContext context, CancellationToken ct)
    {
        var @case = await CaseAsync(context, ct);
        if (@case.Status != CaseStatus.Closed)
        {
            throw new CaseRuleException($"Only a closed case gets a look-back; {@case.Number} is {@case.Status}.");
        }
        var at = Date(context, "at");
        if (at is null)
        {
            var after = Text(context, "after", 40) ?? "P30D";
            var from = @case.ClosedAt ?? context.Now;
            TimeSpan span;
            try
            {
                span = System.Xml.XmlConvert.ToTimeSpan(after);
            }
            catch (Exception ex) when (ex is FormatException or OverflowException)
            {
                span = TimeSpan.Zero;
            }
            var due = from + span;
            if (span <= TimeSpan.Zero || span > TimeSpan.FromDays(731))
            {
                throw new CaseRuleException($"The input 'after' must be an ISO-8601 duration within two years (such as P30D), not '{after}'.", "after");
            }
            at = due;
        }
        else if (at <= context.Now || at > context.Now.AddYears(2))
        {
            throw new CaseRuleException("The input 'at' must be within the next two years.", "at");
        }
        @case.LookbackAt = at;
        @case.UpdatedAt = context.Now;
        CaseLedger.Record(context.Db, @case, "schedule-lookback", Actor(context), context.Now, $"回头看定于 {at:yyyy-MM-dd HH:mm} UTC");
        Set(context, "lookbackAt", at);
        Publish(context, @case);
    }
}
