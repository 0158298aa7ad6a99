namespace WorkflowHub.Server.Features.Organisation;

/// <summary>A 双报到 unit of a street: receives the problems outside the bureau's remit (网格发现、社区吹哨、城管报到).</summary>
public sealed class DualReportUnit : Tables.INumberedRow
{
    public long Id { get; set; }

    /// <summary>The street (an area of level Street).</summary>
    public string StreetCode { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>What it handles (违停, 市场秩序...), so dispatchers pick the right one.</summary>
    public string? Remit { get; set; }

    public string? Contact { get; set; }

    public string? Phone { get; set; }
}
