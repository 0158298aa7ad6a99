using WorkflowHub.Server.Features.Calendar;

namespace WorkflowHub.Server.Features.Categories;

/// <summary>部件 (a thing: a manhole cover, a bin) or 事件 (an event: garbage left, dust, parking).</summary>
public enum CategoryKind
{
    /// <summary>部件</summary>
    Component = 0,

    /// <summary>事件</summary>
    Event = 1,
}

/// <summary>How urgent a case is; each category sets a time limit per urgency.</summary>
public enum Urgency
{
    /// <summary>紧急</summary>
    Urgent = 0,

    /// <summary>一般</summary>
    Normal = 1,

    /// <summary>复杂</summary>
    Complex = 2,
}

/// <summary>
/// A problem category (一类问题、一个标准): 大类 (no parent) or 小类, with its filing and closing standards, the sector group
/// that assists, the time limits per urgency and the photos required.
/// </summary>
public sealed class ProblemCategory
{
    public const int CodeMaxLength = 32;

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public string? ParentCode { get; set; }

    public CategoryKind Kind { get; set; }

    /// <summary>立案标准: when a finding is a case of this category.</summary>
    public string FilingStandard { get; set; } = "";

    /// <summary>结案标准: what "fixed" means, checked at verification (验收).</summary>
    public string ClosingStandard { get; set; } = "";

    /// <summary>The sector group (行业领域组) that assists; null: outside the bureau's remit (双报到 units).</summary>
    public string? SectorGroupId { get; set; }

    public double UrgentAmount { get; set; }
    public DeadlineClock UrgentClock { get; set; }
    public double NormalAmount { get; set; }
    public DeadlineClock NormalClock { get; set; }
    public double ComplexAmount { get; set; }
    public DeadlineClock ComplexClock { get; set; }

    /// <summary>A photo of the problem is required at registration.</summary>
    public bool PhotoBeforeRequired { get; set; }

    /// <summary>A photo of the result is required before verification.</summary>
    public bool PhotoAfterRequired { get; set; }

    /// <summary>督办梯度 of this category; each null means the flow's default (workflows/problem-handling.bpmn, "准备参数").
    /// 催办提醒: hours before the due time.</summary>
    public double? ReminderBeforeHours { get; set; }

    /// <summary>督办单: the n-th working day after the due time.</summary>
    public int? SupervisionAfterWorkdays { get; set; }

    /// <summary>上报单位主要负责人: the n-th working day after the due time.</summary>
    public int? HeadReportAfterWorkdays { get; set; }

    /// <summary>提请局党组研究: the n-th working day after the due time.</summary>
    public int? PartyGroupAfterWorkdays { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Deadline DeadlineOf(Urgency urgency) => urgency switch
    {
        Urgency.Urgent => new Deadline(UrgentAmount, UrgentClock),
        Urgency.Complex => new Deadline(ComplexAmount, ComplexClock),
        _ => new Deadline(NormalAmount, NormalClock),
    };
}
