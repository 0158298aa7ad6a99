using Microsoft.AspNetCore.Http;
using WorkflowHub.Server.Api;

namespace WorkflowHub.Server.Features.Cases;

/// <summary>The ledger's filters, as the list and the export take them from the query string.</summary>
public sealed record CaseQuery(
    string? Area, string? AreaGroup, string? SectorGroup, string? Category, CaseStatus? Status, bool Overdue, CaseChannel? Channel,
    DateTimeOffset? From, DateTimeOffset? To, string? Text)
{
    public static CaseQuery Read(HttpRequest request)
    {
        var q = request.Query;
        var from = ApiRequest.Date(q["from"], "from");
        var to = ApiRequest.Date(q["to"], "to");
        if (from is not null && to is not null && to < from)
        {
            throw ApiRequestException.Invalid("to", "'to' must not be before 'from'.");
        }
        return new CaseQuery(
            Short(q["area"], "area"), Short(q["areaGroup"], "areaGroup"), Short(q["sectorGroup"], "sectorGroup"), Short(q["category"], "category"),
            ApiRequest.Enum<CaseStatus>(q["status"], "status"), ApiRequest.Bool(q["overdue"], "overdue"), ApiRequest.Enum<CaseChannel>(q["channel"], "channel"),
            from, to, Short(q["q"], "q"));
    }

    /// <summary>
    /// Filters <paramref name="cases"/> (already scoped); <paramref name="areas"/> is the area filter with everything below
    /// it, <paramref name="categories"/> the category with its 小类.
    /// </summary>
    public IQueryable<ProblemCase> Apply(IQueryable<ProblemCase> cases, IReadOnlyList<string>? areas, IReadOnlyList<string>? categories, DateTimeOffset now)
    {
        if (areas is not null)
        {
            cases = cases.Where(c => (c.AreaCode != null && areas.Contains(c.AreaCode)) || (c.StreetCode != null && areas.Contains(c.StreetCode)));
        }
        if (AreaGroup is not null)
        {
            cases = cases.Where(c => c.AreaGroupId == AreaGroup);
        }
        if (SectorGroup is not null)
        {
            cases = cases.Where(c => c.SectorGroupId == SectorGroup);
        }
        if (categories is not null)
        {
            cases = cases.Where(c => categories.Contains(c.CategoryCode));
        }
        if (Status is not null)
        {
            cases = cases.Where(c => c.Status == Status);
        }
        if (Overdue)
        {
            cases = cases.Where(c => c.DueAt != null && c.DueAt < now && c.Status != CaseStatus.Closed && c.Status != CaseStatus.Pending && c.Status != CaseStatus.Merged);
        }
        if (Channel is not null)
        {
            cases = cases.Where(c => c.Channel == Channel);
        }
        if (From is not null)
        {
            cases = cases.Where(c => c.ReportedAt >= From);
        }
        if (To is not null)
        {
            cases = cases.Where(c => c.ReportedAt < To);
        }
        if (Text is not null)
        {
            cases = cases.Where(c => c.Number == Text || c.Address.Contains(Text) || c.Description.Contains(Text));
        }
        return cases;
    }

    private static string? Short(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? null
        : value.Length <= 100 ? value.Trim()
        : throw ApiRequestException.Invalid(field, $"{field} has at most 100 characters.");
}
