using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Features.Categories;
using WorkflowHub.Server.Features.Organisation;

namespace WorkflowHub.Server.Features.Cases;

/// <summary>The groups a case goes to (双重分配) and why.</summary>
public sealed record Routing(string? AreaGroupId, string? SectorGroupId, string? StreetCode, long? RuleId, string Explanation);

/// <summary>
/// 双重分配: the area group responsible for the case's grid or community (the nearest area up the hierarchy that names
/// one) and the sector group of its category (or its 大类); the routing table's most specific matching rule overrides either.
/// </summary>
public static class CaseRouter
{
    public static async Task<Routing> RouteAsync(DbContext db, string categoryCode, string? areaCode, CancellationToken ct)
    {
        var areas = await db.Set<Area>().AsNoTracking().Select(a => new { a.Code, a.ParentCode, a.Level, a.AreaGroupId }).ToListAsync(ct);
        var byCode = areas.ToDictionary(a => a.Code, StringComparer.Ordinal);
        var chain = new List<string>();
        for (var code = areaCode; code is not null && chain.Count < 16 && byCode.TryGetValue(code, out var a); code = a.ParentCode)
        {
            chain.Add(code);
        }
        var street = chain.FirstOrDefault(c => byCode[c].Level == AreaLevel.Street);
        var areaGroup = chain.Select(c => byCode[c].AreaGroupId).FirstOrDefault(g => g is not null);

        var category = await db.Set<ProblemCategory>().AsNoTracking().FirstOrDefaultAsync(c => c.Code == categoryCode, ct)
            ?? throw new CaseRuleException($"There is no category '{categoryCode}'.", "categoryCode");
        var parent = category.ParentCode is null ? null
            : await db.Set<ProblemCategory>().AsNoTracking().FirstOrDefaultAsync(c => c.Code == category.ParentCode, ct);
        var categoryChain = parent is null ? new[] { category.Code } : [category.Code, parent.Code];
        var sectorGroup = category.SectorGroupId ?? parent?.SectorGroupId;

        var rules = await db.Set<RoutingRule>().AsNoTracking().ToListAsync(ct);
        // Most specific first: a rule naming the nearer area, then the 小类 over the 大类, then the lower priority.
        var rule = rules
            .Where(r => (r.CategoryCode is null || categoryChain.Contains(r.CategoryCode)) && (r.AreaCode is null || chain.Contains(r.AreaCode)))
            .OrderBy(r => r.AreaCode is null ? int.MaxValue : chain.IndexOf(r.AreaCode))
            .ThenBy(r => r.CategoryCode is null ? int.MaxValue : Array.IndexOf(categoryChain, r.CategoryCode))
            .ThenBy(r => r.Priority).ThenBy(r => r.Id)
            .FirstOrDefault();
        var explanation = $"片区：{areaGroup ?? "（区域未指定片区行动组）"}；行业：{sectorGroup ?? "（类别无行业组，转双报到）"}";
        if (rule is not null)
        {
            areaGroup = rule.AreaGroupId ?? areaGroup;
            sectorGroup = rule.SectorGroupId ?? sectorGroup;
            explanation += $"；分派规则 #{rule.Id}{(rule.Note is null ? "" : "（" + rule.Note + "）")} → {areaGroup} / {sectorGroup}";
        }
        return new Routing(areaGroup, sectorGroup, street, rule?.Id, explanation);
    }
}
