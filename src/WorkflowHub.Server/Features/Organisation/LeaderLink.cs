namespace WorkflowHub.Server.Features.Organisation;

/// <summary>What a leader is linked to (包联): seed 000's "七个一".</summary>
public enum LeaderLinkKind
{
    /// <summary>一个专项行动</summary>
    SpecialAction = 0,

    /// <summary>一个街道</summary>
    Street = 1,

    /// <summary>一个社区</summary>
    Community = 2,

    /// <summary>一条主干道</summary>
    MainRoad = 3,

    /// <summary>一个重难点小区</summary>
    DifficultComplex = 4,

    /// <summary>一个农贸市场</summary>
    Market = 5,

    /// <summary>一个项目</summary>
    Project = 6,
}

/// <summary>A leader's link (包联) to a place or an action; shown on the cases within its area.</summary>
public sealed class LeaderLink : Tables.INumberedRow
{
    public long Id { get; set; }

    public string LeaderUserId { get; set; } = "";

    public LeaderLinkKind Kind { get; set; }

    /// <summary>What is linked: the street's or community's name, the road, the complex, the market, the action.</summary>
    public string Target { get; set; } = "";

    /// <summary>The area the target lies in (the street or community itself for those kinds); null for a city-wide action.</summary>
    public string? AreaCode { get; set; }

    public string? Note { get; set; }
}
