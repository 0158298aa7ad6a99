using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Features.Categories;

namespace WorkflowHub.Server.Features.Cases.Handlers;

/// <summary>
/// case.register (挂号): registers the problem the flow carries (12345, Open311, a webhook...) and numbers it; when the
/// instance serves a case registered already (POST /api/cases starts the flow with the number as business key), it only
/// links them, so a retry never registers twice. Either way the category's 督办梯度 (where it sets one) replaces the
/// flow's defaults of reminderBeforeHours, supervisionAfterWorkdays, headReportAfterWorkdays and partyGroupAfterWorkdays.
/// </summary>
public sealed class RegisterCaseHandler(CaseLedger ledger) : CaseHandler
{
    public override string Topic => "case.register";

    public override string Description => "Registration: records and numbers a problem (channel, category, urgency, description, address, grid), then assigns it by the routing rules and sets its time limit by category.";

    public override IReadOnlyList<HandlerParameter> Parameters { get; } =
    [
        new("channel", "string", true, "渠道 Patrol|Hotline12345|CityPlatform|HandedDown|Kiosk|ThirdParty|LeaderWalk|Open311"),
        new("categoryCode", "string", true, "问题类别编码 (e.g. HJ02)"),
        new("urgency", "string", false, "紧急程度 Urgent|Normal|Complex（紧急/一般/复杂），缺省 Normal"),
        new("description", "string", true, "问题描述"),
        new("address", "string", true, "地址"),
        new("areaCode", "string", false, "网格或社区编码"),
        new("reporterName", "string", false, "报告人"),
        new("reporterContact", "string", false, "联系方式"),
        new("latitude", "number", false, "纬度"),
        new("longitude", "number", false, "经度"),
        new("externalRef", "string", false, "渠道编号（12345 工单号等）"),
        ActorInput,
    ];

    protected override async Task RunAsync(ServiceTaskContext context, CancellationToken ct)
    {
        var existing = await context.Db.Set<ProblemCase>().FirstOrDefaultAsync(
            c => c.ProcessInstanceId == context.InstanceId || (context.BusinessKey != null && c.Number == context.BusinessKey), ct);
        if (existing is not null)
        {
            if (existing.ProcessInstanceId is null)
            {
                existing.ProcessInstanceId = context.InstanceId;
                CaseLedger.Record(context.Db, existing, "link", Actor(context), context.Now, $"流程实例 {context.InstanceId} 接管本案。");
            }
            Publish(context, existing);
            await PublishLadderAsync(context, existing, ct);
            return;
        }
        var draft = new CaseDraft(
            Choice<CaseChannel>(context, "channel") ?? throw new CaseRuleException("The input 'channel' is missing.", "channel"),
            Required(context, "categoryCode", ProblemCategory.CodeMaxLength),
            Choice(context, "urgency", UrgencyNames.Parse) ?? Urgency.Normal,
            Required(context, "description", CaseLedger.DescriptionMaxLength),
            Required(context, "address", 300),
            Text(context, "areaCode", 32),
            Text(context, "reporterName", 100),
            Text(context, "reporterContact", 100),
            Number(context, "latitude", -90, 90),
            Number(context, "longitude", -180, 180),
            Text(context, "externalRef", 100));
        var @case = await ledger.RegisterAsync(context.Db, draft, Actor(context), context.Now, ct);
        Publish(context, @case);
        await PublishLadderAsync(context, @case, ct);
    }

    private static async Task PublishLadderAsync(ServiceTaskContext context, ProblemCase @case, CancellationToken ct)
    {
        var category = await context.Db.Set<ProblemCategory>().AsNoTracking().FirstOrDefaultAsync(c => c.Code == @case.CategoryCode, ct);
        (string Name, double? Value)[] ladder =
        [
            ("reminderBeforeHours", category?.ReminderBeforeHours), ("supervisionAfterWorkdays", category?.SupervisionAfterWorkdays),
            ("headReportAfterWorkdays", category?.HeadReportAfterWorkdays), ("partyGroupAfterWorkdays", category?.PartyGroupAfterWorkdays),
        ];
        foreach (var (name, value) in ladder.Where(l => l.Value is not null))
        {
            context.SetVariable(name, value == Math.Floor(value!.Value) ? JsonValue.Create((long)value.Value) : JsonValue.Create(value.Value));
        }
    }
}
