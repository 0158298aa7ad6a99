using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Data;

namespace WorkflowHub.Server.Features.Categories;

/// <summary>
/// The categories' time limits for <c>deadlineFor</c>, which runs synchronously inside engine steps: loaded on start and
/// after every edit on this node (see the README for several nodes).
/// </summary>
public sealed class CategoryStore(IDbContextFactory<HubDbContext> contexts)
{
    private volatile IReadOnlyDictionary<string, ProblemCategory> _byCode = new Dictionary<string, ProblemCategory>();

    public ProblemCategory? Find(string code) => _byCode.GetValueOrDefault(code);

    public async Task ReloadAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        _byCode = await db.Set<ProblemCategory>().AsNoTracking().ToDictionaryAsync(c => c.Code, StringComparer.Ordinal, ct);
    }
}
