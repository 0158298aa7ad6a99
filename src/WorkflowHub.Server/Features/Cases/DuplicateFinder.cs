using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace WorkflowHub.Server.Features.Cases;

/// <summary>An open case a new report may duplicate (疑似重复), with why it matched.</summary>
public sealed record DuplicateCandidate(string Number, string Address, CaseStatus Status, DateTimeOffset ReportedAt, double? DistanceMetres, bool AddressMatch);

/// <summary>
/// Finds the open cases a new report may repeat (并单): same category, same grid, open (not closed, pending or merged),
/// reported within <see cref="DuplicateOptions.WindowDays"/>, and either both with coordinates at most
/// <see cref="DuplicateOptions.DistanceMetres"/> apart or with the same address once spaces and punctuation are
/// ignored. The dispatcher decides; nothing is merged here.
/// </summary>
public static class DuplicateFinder
{
    public const int CandidatesMaxLength = 400;

    private const double EarthRadiusMetres = 6_371_008.8;

    /// <summary>How many same-grid, same-category cases are read at most; a grid with more open ones is a data problem, not a duplicate.</summary>
    private const int ReadLimit = 500;

    public static async Task<IReadOnlyList<DuplicateCandidate>> FindAsync(
        DbContext db, ProblemCase report, double distanceMetres, int windowDays, int max, CancellationToken ct)
    {
        if (report.AreaCode is null)
        {
            return [];
        }
        var since = report.ReportedAt.AddDays(-windowDays);
        var same = await db.Set<ProblemCase>().AsNoTracking()
            .Where(c => c.Id != report.Id && c.Number != null && c.CategoryCode == report.CategoryCode && c.AreaCode == report.AreaCode
                && c.Status != CaseStatus.Closed && c.Status != CaseStatus.Pending && c.Status != CaseStatus.Merged && c.ReportedAt >= since)
            .OrderByDescending(c => c.ReportedAt).Take(ReadLimit).ToListAsync(ct);
        var address = Normalise(report.Address);
        return same
            .Select(c =>
            {
                double? distance = report.Latitude is { } lat && report.Longitude is { } lon && c.Latitude is { } clat && c.Longitude is { } clon
                    ? Math.Round(Metres(lat, lon, clat, clon), 1) : null;
                return new DuplicateCandidate(c.Number!, c.Address, c.Status, c.ReportedAt, distance, address.Length > 0 && Normalise(c.Address) == address);
            })
            .Where(c => c.AddressMatch || c.DistanceMetres <= distanceMetres)
            .OrderBy(c => c.DistanceMetres ?? (c.AddressMatch ? 0 : double.MaxValue)).ThenByDescending(c => c.ReportedAt)
            .Take(max).ToList();
    }

    /// <summary>Great-circle distance (haversine): accurate to well under a metre at the distances that matter here.</summary>
    public static double Metres(double lat1, double lon1, double lat2, double lon2)
    {
        static double Rad(double degrees) => degrees * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>The address as people type it differently: full-width forms folded (NFKC), case, spaces and punctuation ignored.</summary>
    public static string Normalise(string address)
    {
        var text = address.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var kept = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (!char.IsWhiteSpace(ch) && !char.IsPunctuation(ch) && !char.IsSymbol(ch) && category != UnicodeCategory.Format)
            {
                kept.Append(ch);
            }
        }
        return kept.ToString();
    }
}
