using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Features.Calendar;
using WorkflowHub.Server.Features.Identity;
using WorkflowHub.Server.Features.Organisation.Seed;
using static WorkflowHub.Server.Features.Calendar.DeadlineClock;

namespace WorkflowHub.Server.Features.Categories;

/// <summary>
/// The categories of the source documents, seeded once: seed 001's four groups with their concrete items and seed 000's
/// 九无 (those outside the bureau's remit have no sector group: they go to the street's 双报到 units). Time limits follow
/// common practice of digital city-management platforms (e.g. exposed garbage 4 working hours, road cleaning 2, greening
/// upkeep 5 working days, illegal building 15); a missing manhole cover runs on calendar hours because it cannot wait.
/// </summary>
public static class CategorySeed
{
    public const string RunName = "categories";

    private sealed record Item(
        string Code, string Name, string? Parent, CategoryKind Kind, string Filing, string Closing, string? Sector,
        (double, DeadlineClock) Urgent, (double, DeadlineClock) Normal, (double, DeadlineClock) Complex, bool Before = true, bool After = true);

    private const string Sanitation = "sector-sanitation";
    private const string Municipal = "sector-municipal";
    private const string Construction = "sector-construction";
    private const string Property = "sector-property";

    private static readonly Item[] Items =
    [
        new("HJ", "环境卫生和绿化", null, CategoryKind.Event, "环境卫生、绿化管护不精细的问题（卫生无死角、绿化无缺失）。", "按小类结案标准逐项验收。", Sanitation, (2, WorkingHours), (4, WorkingHours), (3, WorkingDays)),
        new("HJ01", "道路保洁不到位、路面积土", "HJ", CategoryKind.Event, "道路、人行道可见积土、垃圾、污渍，保洁不精细。", "路面无积土、无垃圾、无污渍，整改前后照片对比可见。", Sanitation, (1, WorkingHours), (2, WorkingHours), (1, WorkingDays)),
        new("HJ02", "商超周边垃圾落地、暴露垃圾", "HJ", CategoryKind.Event, "商超周边、路面有暴露垃圾，落地时间长未清理。", "垃圾清除、地面洁净，周边无新增暴露垃圾。", Sanitation, (2, WorkingHours), (4, WorkingHours), (1, WorkingDays)),
        new("HJ03", "卫生死角", "HJ", CategoryKind.Event, "城乡结合部、背街小巷、城中村等处有积存垃圾、杂物的卫生死角（卫生无死角）。", "死角清理完毕、杂物清运，建立保洁责任人。", Sanitation, (4, WorkingHours), (1, WorkingDays), (3, WorkingDays)),
        new("HJ04", "生活垃圾清运不及时、垃圾外溢", "HJ", CategoryKind.Event, "垃圾桶（箱）满溢、垃圾未按时清运或运输扰民。", "垃圾清运完毕、桶周洁净，清运频次落实。", Sanitation, (2, WorkingHours), (4, WorkingHours), (1, WorkingDays)),
        new("HJ05", "垃圾桶破损", "HJ", CategoryKind.Component, "垃圾桶（箱）破损、缺盖、缺失。", "破损垃圾桶维修或更换到位。", Sanitation, (4, WorkingHours), (1, WorkingDays), (3, WorkingDays)),
        new("HJ06", "道路洒水不规范、溅水扰民", "HJ", CategoryKind.Event, "洒水作业时间、方式不规范，溅水扰民。", "作业方式整改，相关作业人员告知到位。", Sanitation, (2, WorkingHours), (4, WorkingHours), (1, WorkingDays), After: false),
        new("HJ07", "公厕未按时开放、设施损坏", "HJ", CategoryKind.Component, "公厕未按时开放，卫生设施损坏未及时维修，保洁不及时。", "公厕按时开放、设施完好、保洁到位。", Sanitation, (2, WorkingHours), (1, WorkingDays), (3, WorkingDays)),
        new("HJ08", "绿化养护不到位", "HJ", CategoryKind.Event, "绿化带积存垃圾、缺株断档、死树枯枝，绿篱修剪、杂草清理不及时（绿化无缺失）。", "补植到位、枯枝清除、修剪整齐、无杂草垃圾。", Sanitation, (1, WorkingDays), (5, WorkingDays), (10, WorkingDays)),
        new("SZ", "市政设施", null, CategoryKind.Component, "市政道路红线范围内设施维护不及时的问题（道路无坑洼）。", "按小类结案标准逐项验收。", Municipal, (4, WorkingHours), (3, WorkingDays), (10, WorkingDays)),
        new("SZ01", "道路坑洼、坑槽", "SZ", CategoryKind.Component, "车行道、人行道坑洼不平、坑槽，影响通行（道路无坑洼）。", "修补平整、与原路面衔接顺直，无积水。", Municipal, (4, WorkingHours), (2, WorkingDays), (5, WorkingDays)),
        new("SZ02", "车行道沉降、拥包", "SZ", CategoryKind.Component, "车行道沉降、拥包、裂缝。", "病害处治完成，路面平整。", Municipal, (1, WorkingDays), (5, WorkingDays), (15, WorkingDays)),
        new("SZ03", "人行道板破损、缺失", "SZ", CategoryKind.Component, "人行道板破损、松动、缺失。", "更换铺装，平整稳固，与周边一致。", Municipal, (1, WorkingDays), (3, WorkingDays), (7, WorkingDays)),
        new("SZ04", "检查井破损、下陷、缺失", "SZ", CategoryKind.Component, "检查井盖破损、下陷、缺失，存在安全隐患。", "井盖复位或更换，井周平整，隐患消除；缺失的先设警示。", Municipal, (2, CalendarHours), (1, WorkingDays), (3, WorkingDays)),
        new("SZ05", "路沿石缺失、下陷、移位", "SZ", CategoryKind.Component, "路缘石缺失、下陷、移位。", "路缘石补齐、归位、线形顺直。", Municipal, (1, WorkingDays), (5, WorkingDays), (10, WorkingDays)),
        new("SZ06", "路名牌歪斜、锈蚀、缺失", "SZ", CategoryKind.Component, "路名牌歪斜、生锈破损、缺失。", "路名牌扶正、更换或补设，信息准确。", Municipal, (1, WorkingDays), (5, WorkingDays), (10, WorkingDays)),
        new("GD", "建筑工地", null, CategoryKind.Event, "建筑工地品质不高的问题。", "按小类结案标准逐项验收。", Construction, (2, WorkingHours), (1, WorkingDays), (5, WorkingDays)),
        new("GD01", "围挡破损、歪斜，宣传布老旧", "GD", CategoryKind.Component, "工地围挡破损、歪斜，宣传布老旧或无公益内容。", "围挡修复稳固、整洁，公益宣传更新。", Construction, (1, WorkingDays), (3, WorkingDays), (5, WorkingDays)),
        new("GD02", "出入口不整洁、带泥上路", "GD", CategoryKind.Event, "工地出入口不整洁，车辆带泥上路污染道路。", "出入口硬化冲洗到位，道路污染清除。", Construction, (2, WorkingHours), (4, WorkingHours), (1, WorkingDays)),
        new("GD03", "扬尘污染、降尘不及时", "GD", CategoryKind.Event, "施工现场洒水降尘不及时，土方作业扬尘管控不到位（六个100%未落实）。", "裸土全覆盖、雾炮洒水到位，六个100%落实。", Construction, (2, WorkingHours), (4, WorkingHours), (1, WorkingDays)),
        new("GD04", "违法建设", "GD", CategoryKind.Event, "未经许可的新建、扩建、搭建。", "违建拆除或依法处理完毕，现场恢复。", Construction, (5, WorkingDays), (15, WorkingDays), (30, WorkingDays)),
        new("WY", "小区物业管理", null, CategoryKind.Event, "小区物业管理缺失的问题（小区无失管）。", "按小类结案标准逐项验收。", Property, (4, WorkingHours), (3, WorkingDays), (10, WorkingDays)),
        new("WY01", "物业服务不到位", "WY", CategoryKind.Event, "物业服务企业未按合同提供保洁、秩序、维修等服务（小区无失管）。", "服务恢复，合同内容、服务标准公示。", Property, (1, WorkingDays), (3, WorkingDays), (10, WorkingDays)),
        new("WY02", "合同履约不到位", "WY", CategoryKind.Event, "物业服务合同履约不到位，未公示合同内容、服务标准。", "整改完成并公示，不良信息按规定记入信用档案。", Property, (3, WorkingDays), (10, WorkingDays), (20, WorkingDays), Before: false, After: false),
        new("WY03", "小区卫生脏乱差", "WY", CategoryKind.Event, "小区公共区域卫生脏乱差，存在卫生死角。", "公共区域洁净，垃圾桶整治、清运到位。", Property, (4, WorkingHours), (1, WorkingDays), (3, WorkingDays)),
        new("SR", "市容秩序（双报到）", null, CategoryKind.Event, "九无中超出本局职责的市容秩序问题，转街道双报到单位。", "按小类结案标准逐项验收。", null, (2, WorkingHours), (1, WorkingDays), (3, WorkingDays)),
        new("SR01", "车辆违停", "SR", CategoryKind.Event, "机动车、非机动车违规停放（车辆无违停）。", "车辆驶离或规范停放。", null, (1, WorkingHours), (2, WorkingHours), (1, WorkingDays)),
        new("SR02", "沿街出店经营", "SR", CategoryKind.Event, "沿街商户越门出店、占道经营（沿街无出店）。", "物品收回店内，占道清除。", null, (2, WorkingHours), (4, WorkingHours), (2, WorkingDays)),
        new("SR03", "菜场乱象", "SR", CategoryKind.Event, "农贸市场内外占道、脏乱、秩序混乱（菜场无乱象）。", "秩序恢复，场内外洁净。", null, (4, WorkingHours), (1, WorkingDays), (3, WorkingDays)),
        new("SR04", "违规广告", "SR", CategoryKind.Component, "未经审批或破损的户外广告、招牌（广告无违规）。", "违规广告拆除或规范设置。", null, (1, WorkingDays), (3, WorkingDays), (7, WorkingDays)),
        new("SR05", "公共区域牛皮癣", "SR", CategoryKind.Event, "公共区域小广告、乱涂乱画（公共区域无牛皮癣）。", "小广告清除，墙面恢复。", null, (4, WorkingHours), (1, WorkingDays), (3, WorkingDays)),
    ];

    /// <summary>Seeds the categories the first time; a sector group that does not exist (demo data off) is left empty.</summary>
    public static async Task EnsureAsync(DbContext db, TimeProvider time, CancellationToken ct)
    {
        if (await SeedRun.HasRunAsync(db, RunName, ct))
        {
            return;
        }
        var groups = await db.Set<HubGroup>().Select(g => g.Id).ToListAsync(ct);
        var now = time.GetUtcNow();
        foreach (var item in Items)
        {
            db.Add(new ProblemCategory
            {
                Code = item.Code, Name = item.Name, ParentCode = item.Parent, Kind = item.Kind,
                FilingStandard = item.Filing, ClosingStandard = item.Closing,
                SectorGroupId = item.Sector is not null && groups.Contains(item.Sector) ? item.Sector : null,
                UrgentAmount = item.Urgent.Item1, UrgentClock = item.Urgent.Item2,
                NormalAmount = item.Normal.Item1, NormalClock = item.Normal.Item2,
                ComplexAmount = item.Complex.Item1, ComplexClock = item.Complex.Item2,
                PhotoBeforeRequired = item.Before, PhotoAfterRequired = item.After, UpdatedAt = now,
            });
        }
        SeedRun.Mark(db, RunName, now);
        await db.SaveChangesAsync(ct);
    }
}
