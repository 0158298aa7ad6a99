using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Server.Features.Cases.Handlers;

/// <summary>
/// case.find-duplicates (疑似重复): at intake, looks for open cases the new report may repeat (<see cref="DuplicateFinder"/>).
/// Marks the case with the candidates and leaves suspectedDuplicate, duplicateCandidates, duplicateOptions (for the
/// dispatcher's select) and mergeInto (the nearest) for the flow, which offers the merge (并单) to the dispatcher.
/// </summary>
public sealed class FindDuplicatesHandler(IOptions<CaseOptions> options) : CaseHandler
{
    public override string Topic => "case.find-duplicates";

    public override string Description => "Duplicate check: open cases of the same category and grid within the distance or at the same address go to the collection group, who decides whether to merge.";

    public override IReadOnlyList<HandlerParameter> Parameters { get; } =
    [
        CaseNumberInput,
        new("distanceMetres", "number", false, "两点坐标相距不超过多少米视为同一地点，缺省 Cases:Duplicates:DistanceMetres"),
        new("windowDays", "number", false, "只看多少天内上报的案件，缺省 Cases:Duplicates:WindowDays"),
        ActorInput,
    ];

    protected override async Task RunAsync(ServiceTaskContext context, CancellationToken ct)
    {
        var settings = options.Value.Duplicates;
        var @case = await CaseAsync(context, ct);
        var distance = Number(context, "distanceMetres", 0, 10_000) ?? settings.DistanceMetres;
        var window = (int)(Number(context, "windowDays", 1, 366) ?? settings.WindowDays);
        var found = settings.Enabled
            ? await DuplicateFinder.FindAsync(context.Db, @case, distance, window, settings.MaxCandidates, ct)
            : [];
        Set(context, "suspectedDuplicate", found.Count > 0);
        context.SetVariable("duplicateCandidates", new JsonArray([.. found.Select(c => (JsonNode?)new JsonObject
        {
            ["number"] = c.Number, ["address"] = c.Address, ["status"] = c.Status.ToString(), ["statusName"] = StatusNames.Of(c.Status),
            ["reportedAt"] = c.ReportedAt.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture),
            ["distanceMetres"] = c.DistanceMetres, ["addressMatch"] = c.AddressMatch,
        })]));
        context.SetVariable("duplicateOptions", new JsonArray([.. found.Select(c => (JsonNode?)new JsonObject
        {
            ["label"] = $"{c.Number} · {c.Address} · {StatusNames.Of(c.Status)}" + (c.DistanceMetres is { } m ? $" · 相距 {m:0.#} 米" : " · 地址相同"),
            ["value"] = c.Number,
        })]));
        Set(context, "mergeInto", found.FirstOrDefault()?.Number);
        if (found.Count > 0)
        {
            var numbers = string.Join(",", found.Select(c => c.Number));
            @case.DuplicateCandidates = numbers.Length <= DuplicateFinder.CandidatesMaxLength ? numbers : numbers[..DuplicateFinder.CandidatesMaxLength];
            CaseLedger.Record(context.Db, @case, "suspect-duplicate", Actor(context), context.Now,
                $"疑似重复，待问题收集组决定是否并单：{string.Join("、", found.Select(c => c.Number))}。");
        }
        Publish(context, @case);
    }
}
