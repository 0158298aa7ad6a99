namespace WorkflowHub.Server.Features.Organisation;

/// <summary>
/// A row of the routing table (分派规则) administrators edit: a case of the category (or its 大类) in the area (or
/// below it) goes to these groups instead of the defaults (the area's 片区行动组, the category's 行业领域组). The most
/// specific matching rule wins; among equals, the lower <see cref="Priority"/>.
/// </summary>
public sealed class RoutingRule : Tables.INumberedRow
{
    public long Id { get; set; }

    public int Priority { get; set; } = 100;

    /// <summary>Null: any category.</summary>
    public string? CategoryCode { get; set; }

    /// <summary>Null: anywhere.</summary>
    public string? AreaCode { get; set; }

    /// <summary>The area group to give it to; null keeps the area's own.</summary>
    public string? AreaGroupId { get; set; }

    /// <summary>The sector group to assist; null keeps the category's own.</summary>
    public string? SectorGroupId { get; set; }

    public string? Note { get; set; }
}
