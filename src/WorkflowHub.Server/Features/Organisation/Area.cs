namespace WorkflowHub.Server.Features.Organisation;

/// <summary>The levels of the area hierarchy: 区 &gt; 街道·片区 &gt; 社区 &gt; 网格 (a grid may hold sub-grids 子网格).</summary>
public enum AreaLevel
{
    /// <summary>区/县</summary>
    District = 0,

    /// <summary>街道·片区</summary>
    Street = 1,

    /// <summary>社区/村居</summary>
    Community = 2,

    /// <summary>网格 (or 子网格 under another grid)</summary>
    Grid = 3,
}

/// <summary>A part of the city: district, street, community or (sub-)grid, with the group responsible for it.</summary>
public sealed class Area
{
    public const int CodeMaxLength = 32;

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public AreaLevel Level { get; set; }

    public string? ParentCode { get; set; }

    /// <summary>The responsible area action group (片区行动组); inherited from the parent when null.</summary>
    public string? AreaGroupId { get; set; }

    /// <summary>For grids: the grid leader (网格长), a user's Identity id.</summary>
    public string? GridLeaderUserId { get; set; }

    public List<AreaMember> Members { get; set; } = [];

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A grid member (网格员): at least three per grid in practice (seed 000).</summary>
public sealed class AreaMember
{
    public string AreaCode { get; set; } = "";

    public string UserId { get; set; } = "";
}
