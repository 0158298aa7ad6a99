using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using WorkflowHub.Server.Features.Calendar;
using WorkflowHub.Server.Features.Categories;
using WorkflowHub.Server.Features.Organisation;

namespace WorkflowHub.Server.Features.Cases;

/// <summary>What registering a problem needs, from the API form or a flow's variables.</summary>
public sealed record CaseDraft(
    CaseChannel Channel, string CategoryCode, Urgency Urgency, string Description, string Address, string? AreaCode,
    string? ReporterName = null, string? ReporterContact = null, double? Latitude = null, double? Longitude = null, string? ExternalRef = null);

/// <summary>Where a change comes from, for the timeline.</summary>
public sealed record CaseActor(string Actor, string? ProcessInstanceId = null, string? ElementId = null);

/// <summary>
/// The ledger's operations on cases, through whichever DbContext the caller gives: the request's for the API, the
/// engine step's for handlers, so the case, its timeline and the engine's state commit together. The status machine
/// lives here; every change appends a timeline entry.
/// </summary>
public sealed class CaseLedger(CalendarStore calendar, IOptions<CaseOptions> options)
{
    public const int DescriptionMaxLength = 2000;

    private static readonly Dictionary<CaseStatus, CaseStatus[]> Allowed = new()
    {
        [CaseStatus.Pending] = [CaseStatus.Registered],
        [CaseStatus.Registered] = [CaseStatus.InProgress, CaseStatus.ReportedUp, CaseStatus.Forwarded, CaseStatus.Merged],
        [CaseStatus.InProgress] = [CaseStatus.ReportedUp, CaseStatus.Forwarded, CaseStatus.AwaitingVerification, CaseStatus.InProgress],
        [CaseStatus.ReportedUp] = [CaseStatus.InProgress, CaseStatus.Forwarded, CaseStatus.AwaitingVerification],
        [CaseStatus.Forwarded] = [CaseStatus.InProgress, CaseStatus.AwaitingVerification],
        [CaseStatus.AwaitingVerification] = [CaseStatus.InProgress, CaseStatus.Closed, CaseStatus.AwaitingVerification],
        [CaseStatus.Closed] = [CaseStatus.Reopened],
        [CaseStatus.Reopened] = [CaseStatus.InProgress, CaseStatus.ReportedUp, CaseStatus.Forwarded, CaseStatus.AwaitingVerification],
    };

    /// <summary>Registers (挂号) a new case: validates the draft, numbers it, routes it and sets its time limit.</summary>
    public async Task<ProblemCase> RegisterAsync(DbContext db, CaseDraft draft, CaseActor by, DateTimeOffset now, CancellationToken ct)
    {
        Check(draft);
        if (draft.AreaCode is not null && !await db.Set<Area>().AnyAsync(a => a.Code == draft.AreaCode, ct))
        {
            throw new CaseRuleException($"There is no area '{draft.AreaCode}'.", "areaCode");
        }
        var category = await db.Set<ProblemCategory>().AsNoTracking().FirstOrDefaultAsync(c => c.Code == draft.CategoryCode, ct)
            ?? throw new CaseRuleException($"There is no category '{draft.CategoryCode}'.", "categoryCode");
        var routing = await CaseRouter.RouteAsync(db, draft.CategoryCode, draft.AreaCode, ct);
        var @case = new ProblemCase
        {
            Channel = draft.Channel, ExternalRef = draft.ExternalRef, ReporterName = draft.ReporterName, ReporterContact = draft.ReporterContact,
            Address = draft.Address, AreaCode = draft.AreaCode, StreetCode = routing.StreetCode, Latitude = draft.Latitude, Longitude = draft.Longitude,
            CategoryCode = category.Code, Urgency = draft.Urgency, Description = draft.Description, Status = CaseStatus.Pending,
            AreaGroupId = routing.AreaGroupId, SectorGroupId = routing.SectorGroupId, ProcessInstanceId = by.ProcessInstanceId,
            CreatedBy = by.Actor, ReportedAt = now, UpdatedAt = now,
        };
        @case.Number = await NextNumberAsync(db, now, ct);
        @case.RegisteredAt = now;
        string? dueNote = null;
        try
        {
            @case.DueAt = category.DeadlineOf(draft.Urgency).From(calendar.Current, now);
        }
        catch (CalendarException ex)
        {
            dueNote = "时限未能计算：" + ex.Message;
        }
        db.Add(@case);
        Transition(db, @case, CaseStatus.Registered, "register", by, now,
            $"挂号 {@case.Number}；{category.Name}（{draft.Urgency}，{category.DeadlineOf(draft.Urgency)}）；{routing.Explanation}" + (dueNote is null ? "" : "；" + dueNote));
        return @case;
    }

    public static void Check(CaseDraft draft)
    {
        if (string.IsNullOrWhiteSpace(draft.Description) || draft.Description.Length > DescriptionMaxLength)
        {
            throw new CaseRuleException($"A description of at most {DescriptionMaxLength} characters is required.", "description");
        }
        if (string.IsNullOrWhiteSpace(draft.Address) || draft.Address.Length > 300)
        {
            throw new CaseRuleException("An address of at most 300 characters is required.", "address");
        }
        if (draft.Latitude is < -90 or > 90 || draft.Longitude is < -180 or > 180 || (draft.Latitude is null) != (draft.Longitude is null))
        {
            throw new CaseRuleException("Latitude and longitude come together and within range.", "latitude");
        }
        if ((draft.ReporterName?.Length ?? 0) > 100 || (draft.ReporterContact?.Length ?? 0) > 100 || (draft.ExternalRef?.Length ?? 0) > 100)
        {
            throw new CaseRuleException("Reporter, contact and external reference have at most 100 characters.", "reporterName");
        }
    }

    /// <summary>Moves the case to <paramref name="to"/> if the status machine allows it, with a timeline entry.</summary>
    public static void Transition(DbContext db, ProblemCase @case, CaseStatus to, string action, CaseActor by, DateTimeOffset now, string? note = null)
    {
        var from = @case.Status;
        if (!Allowed.TryGetValue(from, out var next) || !next.Contains(to))
        {
            throw new CaseRuleException($"Case {@case.Number} is {from} and cannot become {to}.");
        }
        @case.Status = to;
        @case.UpdatedAt = now;
        Record(db, @case, action, by, now, note, from, to);
    }

    /// <summary>A timeline entry without a status change (routing, escalation, a photo...).</summary>
    public static void Record(DbContext db, ProblemCase @case, string action, CaseActor by, DateTimeOffset now, string? note, CaseStatus? from = null, CaseStatus? to = null)
    {
        // Through the (never loaded) navigation: EF sets the case id, also for a case not inserted yet.
        @case.Timeline.Add(new CaseTimelineEntry
        {
            At = now, Actor = by.Actor, Action = action, FromStatus = from, ToStatus = to,
            Note = note is { Length: > 1000 } ? note[..1000] : note, ProcessInstanceId = by.ProcessInstanceId, ElementId = by.ElementId,
        });
        if (db.Entry(@case).State == EntityState.Detached)
        {
            db.Attach(@case);
        }
    }

    /// <summary>The next number of the registration year (local time): one atomic upsert, inside the caller's transaction.</summary>
    private async Task<string> NextNumberAsync(DbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var year = TimeZoneInfo.ConvertTime(now, calendar.Zone).Year;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using DbCommand command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = """
            INSERT INTO "hub_case_counters" ("Year", "Last") VALUES (@year, 1)
            ON CONFLICT ("Year") DO UPDATE SET "Last" = "hub_case_counters"."Last" + 1
            RETURNING "Last"
            """;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@year";
        parameter.Value = year;
        command.Parameters.Add(parameter);
        var last = Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        return $"{options.Value.NumberPrefix}-{year}-{last:D6}";
    }

    /// <summary>A case by number, also one registered earlier in the same step and not saved yet.</summary>
    public static async Task<ProblemCase> FindAsync(DbContext db, string number, CancellationToken ct) =>
        db.Set<ProblemCase>().Local.FirstOrDefault(c => c.Number == number)
        ?? await db.Set<ProblemCase>().FirstOrDefaultAsync(c => c.Number == number, ct)
        ?? throw new CaseRuleException($"There is no case '{number}'.", "caseNumber");
}
