using WorkflowHub.Server.Features.Identity;
using WorkflowHub.Server.Identity;

namespace WorkflowHub.Server.Features.Organisation.Seed;

/// <summary>
/// Seed 001's organisation "1+5+4+4" (one creation office, five area action groups, four sector groups, four functional
/// groups, under a leading group) with two communities and a few grids per area, and one demo user per role and group.
/// </summary>
public static class DemoOrganisation
{
    public sealed record GroupSeed(string Id, string Name, GroupKind Kind);

    public sealed record UserSeed(string UserName, string DisplayName, string Role, string Group, bool Head);

    public sealed record StreetSeed(string Code, string Name, string Group, string Prefix, (string Code, string Name)[] Communities);

    public const string District = "XQ";

    /// <summary>The demo users' mail domain (example.org is reserved for examples, so nothing leaves by accident).</summary>
    public const string MailDomain = "demo.example.org";

    public static readonly GroupSeed[] Groups =
    [
        new("leading-group", "文明城市创建工作领导小组", GroupKind.LeadingGroup),
        new("office-creation", "创城办公室", GroupKind.CreationOffice),
        new("area-dongge", "东阁街道片区行动组", GroupKind.Area),
        new("area-liyuan", "李园街道片区行动组", GroupKind.Area),
        new("area-fengtai", "凤台街道片区行动组", GroupKind.Area),
        new("area-kaifaqu", "原经济开发区片区行动组", GroupKind.Area),
        new("area-tonghe", "同和街道片区行动组", GroupKind.Area),
        new("sector-sanitation", "环境卫生和绿化整治组", GroupKind.Sector),
        new("sector-municipal", "市政设施整治组", GroupKind.Sector),
        new("sector-construction", "建筑工地整治组", GroupKind.Sector),
        new("sector-property", "小区物业整治组", GroupKind.Sector),
        new("func-collection", "问题收集组", GroupKind.Functional),
        new("func-supervision", "巡查督导组", GroupKind.Functional),
        new("func-publicity", "信息宣传组", GroupKind.Functional),
        new("func-institution", "制度建设组", GroupKind.Functional),
    ];

    public static readonly StreetSeed[] Streets =
    [
        new("DG", "东阁街道", "area-dongge", "dongge", [("DG01", "东关社区"), ("DG02", "阁前社区")]),
        new("LY", "李园街道", "area-liyuan", "liyuan", [("LY01", "李园社区"), ("LY02", "园东社区")]),
        new("FT", "凤台街道（不含原经济开发区）", "area-fengtai", "fengtai", [("FT01", "凤台社区"), ("FT02", "凤鸣社区")]),
        new("KF", "原经济开发区", "area-kaifaqu", "kaifaqu", [("KF01", "创业社区"), ("KF02", "科技园社区")]),
        new("TH", "同和街道", "area-tonghe", "tonghe", [("TH01", "同和社区"), ("TH02", "和平社区")]),
    ];

    private static readonly (string Prefix, string Surname)[] AreaPeople =
        [("dongge", "陈"), ("liyuan", "刘"), ("fengtai", "孙"), ("kaifaqu", "周"), ("tonghe", "吴")];

    private static readonly (string Prefix, string Group, string Surname)[] SectorPeople =
        [("sanitation", "sector-sanitation", "郑"), ("municipal", "sector-municipal", "冯"), ("construction", "sector-construction", "蒋"), ("property", "sector-property", "沈")];

    public static IEnumerable<UserSeed> Users()
    {
        yield return new("leader", "王局长（领导小组组长）", HubRoles.Leader, "leading-group", true);
        yield return new("office", "李主任（创城办）", HubRoles.Dispatcher, "office-creation", true);
        yield return new("collector", "张收集（问题收集组）", HubRoles.Dispatcher, "func-collection", true);
        yield return new("inspector", "赵督导（巡查督导组·机关纪委）", HubRoles.Supervisor, "func-supervision", true);
        yield return new("publicity", "钱宣传（信息宣传组）", HubRoles.Staff, "func-publicity", true);
        yield return new("institution", "何制度（制度建设组）", HubRoles.Staff, "func-institution", true);
        foreach (var (prefix, surname) in AreaPeople)
        {
            var street = Streets.Single(s => s.Prefix == prefix);
            yield return new($"{prefix}-head", $"{surname}片长（{street.Name}）", HubRoles.Leader, street.Group, true);
            yield return new($"{prefix}-staff", $"{surname}网格长（{street.Name}）", HubRoles.Staff, street.Group, false);
        }
        foreach (var (prefix, group, surname) in SectorPeople)
        {
            var name = Groups.Single(g => g.Id == group).Name;
            yield return new($"{prefix}-head", $"{surname}组长（{name}）", HubRoles.Leader, group, true);
            yield return new($"{prefix}-staff", $"{surname}队员（{name}）", HubRoles.Staff, group, false);
        }
    }

    /// <summary>The leader's 七个一 links (code of the area, or null for a city-wide action).</summary>
    public static readonly (string Leader, LeaderLinkKind Kind, string Target, string? Area)[] Links =
    [
        ("leader", LeaderLinkKind.SpecialAction, "背街小巷环境整治专项行动", null),
        ("leader", LeaderLinkKind.Street, "东阁街道", "DG"),
        ("leader", LeaderLinkKind.Community, "东关社区", "DG01"),
        ("leader", LeaderLinkKind.MainRoad, "人民路（东阁段）", "DG"),
        ("leader", LeaderLinkKind.DifficultComplex, "幸福里小区", "DG01"),
        ("leader", LeaderLinkKind.Market, "东关农贸市场", "DG01"),
        ("leader", LeaderLinkKind.Project, "老旧小区改造提升项目", "DG02"),
        ("dongge-head", LeaderLinkKind.Street, "东阁街道", "DG"),
        ("liyuan-head", LeaderLinkKind.Street, "李园街道", "LY"),
        ("fengtai-head", LeaderLinkKind.Street, "凤台街道", "FT"),
        ("kaifaqu-head", LeaderLinkKind.Street, "原经济开发区", "KF"),
        ("tonghe-head", LeaderLinkKind.Street, "同和街道", "TH"),
    ];

    /// <summary>Each street's 双报到 units for the 九无 items outside the bureau's remit.</summary>
    public static IEnumerable<(string Street, string Name, string Remit)> DualReportUnits() =>
        Streets.SelectMany(s => new[]
        {
            (s.Code, $"县交警大队{s.Name[..2]}中队", "车辆违停、交通秩序"),
            (s.Code, $"县市场监管局{s.Name[..2]}所", "沿街出店经营、农贸市场秩序"),
            (s.Code, $"县综合行政执法局{s.Name[..2]}中队", "违规广告、牛皮癣、违法建设协查"),
        });
}
