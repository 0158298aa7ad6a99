namespace WorkflowHub.Server.Features.Cases;

/// <summary>The last case number given per year (挂号 numbers restart every year).</summary>
public sealed class CaseNumberCounter
{
    public int Year { get; set; }

    public long Last { get; set; }
}
