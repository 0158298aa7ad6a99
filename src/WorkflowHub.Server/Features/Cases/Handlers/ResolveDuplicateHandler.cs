using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Server.Features.Cases.Handlers;

/// <summary>
/// case.resolve-duplicate: the dispatcher's decision on a suspected duplicate. With mergeInto (并单) the report joins
/// that open case: its reporter, channel reference and photos are appended to the surviving case (timeline and photo
/// rows; the files are shared), and the report is closed as 已并单 pointing to it. Without, it is not a duplicate and
/// goes on as its own case. Leaves mergedInto (null when not merged).
/// </summary>
public sealed class ResolveDuplicateHandler(IOptions<CaseOptions> options) : CaseHandler
{
    public const string MergeAction = "merge";

    public override string Topic => "case.resolve-duplicate";

    public override string Description => "Merge decision: mergeInto is the open case the report merges into (reporter, channel reference and photos move there, and the report ends as merged); empty: not a duplicate, handled on its own.";

    public override IReadOnlyList<HandlerParameter> Parameters { get; } =
    [
        CaseNumberInput,
        new("mergeInto", "string", false, "the case number to merge into; empty: not a duplicate, handled on its own"),
        NoteInput,
        ActorInput,
    ];

    protected override async Task RunAsync(ServiceTaskContext context, CancellationToken ct)
    {
        var report = await CaseAsync(context, ct);
        var into = Text(context, "mergeInto", 40);
        var note = Text(context, "note", 500);
        report.DuplicateCandidates = null;
        if (into is null)
        {
            CaseLedger.Record(context.Db, report, "not-duplicate", Actor(context), context.Now, "经核实不是重复问题，单独办理。" + (note is null ? "" : "；" + note));
            Set(context, "mergedInto", (string?)null);
            Publish(context, report);
            return;
        }
        var target = await CaseLedger.FindAsync(context.Db, into, ct);
        if (target.Id == report.Id || !target.IsOpen)
        {
            throw new CaseRuleException(
                $"A report merges only into another open case; {target.Number} is {target.Status}.", "mergeInto");
        }
        var now = context.Now;
        var photos = await context.Db.Set<CasePhoto>().AsNoTracking().Where(p => p.CaseId == report.Id).OrderBy(p => p.Id).ToListAsync(ct);
        var room = Math.Max(0, options.Value.MaxPhotosPerCase - await context.Db.Set<CasePhoto>().CountAsync(p => p.CaseId == target.Id, ct));
        foreach (var photo in photos.Take(room))
        {
            target.Photos.Add(new CasePhoto
            {
                Stage = PhotoStage.Before, FileName = photo.FileName, ContentType = photo.ContentType, Size = photo.Size,
                StoragePath = photo.StoragePath, UploadedAt = photo.UploadedAt, UploadedBy = photo.UploadedBy,
            });
        }
        var reference = report.ExternalRef is null ? "" : " " + report.ExternalRef;
        var reporter = report.ReporterName is null && report.ReporterContact is null ? "" : $"；报告人 {report.ReporterName} {report.ReporterContact}".TrimEnd();
        target.UpdatedAt = now;
        CaseLedger.Record(context.Db, target, "merge-in", Actor(context), now,
            $"并单：{report.Number}（{StatusNames.Of(report.Channel)}{reference}）{reporter}；照片 {Math.Min(room, photos.Count)} 张；{Clip(report.Description, 300)}"
            + (note is null ? "" : "；" + note));
        report.MergedInto = target.Number;
        report.ClosedAt = now;
        CaseLedger.Transition(context.Db, report, CaseStatus.Merged, MergeAction, Actor(context), now,
            $"已并单至 {target.Number}。" + (note is null ? "" : "；" + note));
        Set(context, "mergedInto", target.Number);
        Publish(context, report);
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
