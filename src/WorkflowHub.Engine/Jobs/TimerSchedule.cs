using System.Globalization;
using System.Text.Json.Nodes;
using Cronos;
using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Jobs;

/// <summary>A timer's next due time and what the job must remember to compute the one after (cycles).</summary>
internal sealed record TimerDue(DateTimeOffset DueAt, string? Payload);

/// <summary>
/// The three timer forms of BPMN 2.0 §10.5.6 with ISO-8601 text: a date, a duration from now, or a cycle —
/// repeating intervals <c>R[n]/[start/]duration</c> — or a cron expression (Quartz style, seconds first).
/// Cycles are computed from the previous due time, not from "now", so they do not drift.
/// </summary>
internal static class TimerSchedule
{
    /// <summary>The most repetitions a cycle may name (Camunda keeps the count in an int as well).</summary>
    public const int MaxRepetitions = 1_000_000;

    public static TimerDue First(TimerKind kind, string text, DateTimeOffset now)
    {
        text = text.Trim();
        switch (kind)
        {
            case TimerKind.Date:
                return new TimerDue(ParseDate(text), null);
            case TimerKind.Duration:
                return new TimerDue(ParseDelay(text).AddTo(now), null);
            default:
                return FirstOfCycle(text, now);
        }
    }

    /// <summary>The firing after the one due at <paramref name="previousDue"/>, or null when the cycle is over.</summary>
    public static TimerDue? Next(string? payload, DateTimeOffset previousDue)
    {
        if (payload is null)
        {
            return null;
        }
        var state = JsonNode.Parse(payload)!.AsObject();
        var remaining = state["remaining"]!.GetValue<int>();
        if (remaining == 0)
        {
            return null;
        }
        var nextRemaining = remaining < 0 ? -1 : remaining - 1;
        if (state["cron"]?.GetValue<string>() is { } cron)
        {
            var next = ParseCron(cron).GetNextOccurrence(previousDue.UtcDateTime, TimeZoneInfo.Utc);
            return next is null ? null : new TimerDue(new DateTimeOffset(next.Value, TimeSpan.Zero), Payload(nextRemaining, cron: cron));
        }
        var everyText = state["every"]!.GetValue<string>();
        return new TimerDue(IsoDuration.Parse(everyText).AddTo(previousDue), Payload(nextRemaining, every: everyText));
    }

    private static TimerDue FirstOfCycle(string text, DateTimeOffset now)
    {
        if (!text.StartsWith('R'))
        {
            var next = ParseCron(text).GetNextOccurrence(now.UtcDateTime, TimeZoneInfo.Utc)
                ?? throw new FormatException($"The cron expression '{text}' never fires.");
            return new TimerDue(new DateTimeOffset(next, TimeSpan.Zero), Payload(-1, cron: text));
        }
        var parts = text.Split('/');
        if (parts.Length is < 2 or > 3)
        {
            throw new FormatException($"'{text}' is not an ISO-8601 repeating interval (R3/PT24H, R/PT1H or R2/2026-01-01T08:00Z/P1D).");
        }
        var count = -1;
        if (parts[0].Length > 1 && (!int.TryParse(parts[0].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out count) || count > MaxRepetitions))
        {
            throw new FormatException($"'{text}': the repetition count '{parts[0][1..]}' is not a whole number from 1 to {MaxRepetitions}.");
        }
        if (count == 0)
        {
            throw new FormatException($"'{text}' repeats zero times.");
        }
        var everyText = parts[^1];
        var every = ParseDuration(everyText);
        var due = parts.Length == 3 ? ParseDate(parts[1]) : every.AddTo(now);
        return new TimerDue(due, Payload(count < 0 ? -1 : count - 1, every: everyText));
    }

    private static string Payload(int remaining, string? every = null, string? cron = null)
    {
        var o = new JsonObject { ["remaining"] = remaining };
        if (every is not null)
        {
            o["every"] = every;
        }
        if (cron is not null)
        {
            o["cron"] = cron;
        }
        return o.ToJsonString();
    }

    /// <summary>
    /// A timeDuration: zero fires at once, as Camunda 7 accepts it (its own tests wait "PT0S"); a negative one is refused.
    /// A cycle's interval stays strictly positive (<see cref="ParseDuration"/>), or it would fire without end.
    /// </summary>
    private static IsoDuration ParseDelay(string text)
    {
        var duration = IsoDuration.Parse(text.Trim());
        return duration.IsPositive || duration is { Years: 0, Months: 0, Milliseconds: 0 }
            ? duration
            : throw new FormatException($"The duration '{text}' is negative.");
    }

    /// <summary>A strictly positive ISO-8601 duration (<see cref="IsoDuration"/>).</summary>
    public static IsoDuration ParseDuration(string text)
    {
        var duration = IsoDuration.Parse(text.Trim());
        return duration.IsPositive ? duration : throw new FormatException($"The duration '{text}' is not positive.");
    }

    public static DateTimeOffset ParseDate(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : throw new FormatException($"'{text}' is not an ISO-8601 date-time between the years 1 and 9999.");

    /// <summary>
    /// Null when the timer text can be scheduled from <paramref name="now"/>, else why not (bad syntax, a count or
    /// date beyond what the engine keeps, a cron expression that never fires). Deployment checks literals with it.
    /// </summary>
    public static string? Check(TimerKind kind, string text, DateTimeOffset now)
    {
        try
        {
            First(kind, text, now);
            return null;
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            return ex.Message;
        }
    }

    /// <summary>Quartz cron (as Camunda uses): 6 or 7 fields with seconds; the year field is not supported and dropped when '*'.</summary>
    private static CronExpression ParseCron(string text)
    {
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 7 && fields[6] is "*" or "?")
        {
            fields = fields[..6];
        }
        try
        {
            return fields.Length switch
            {
                6 => CronExpression.Parse(string.Join(' ', fields), CronFormat.IncludeSeconds),
                5 => CronExpression.Parse(string.Join(' ', fields), CronFormat.Standard),
                _ => throw new FormatException($"'{text}' is not a cron expression of 5 or 6 fields."),
            };
        }
        catch (CronFormatException ex)
        {
            throw new FormatException($"'{text}' is not a valid cron expression: {ex.Message}", ex);
        }
    }
}

/// <summary>
/// camunda:failedJobRetryTimeCycle: how often a failing job is tried again and how long to wait before each try —
/// <c>R3/PT5M</c>, or Camunda's list <c>PT1M,PT5M,PT10M</c> (one retry per entry, waiting each in turn).
/// </summary>
internal sealed record RetryCycle(int Retries, IReadOnlyList<IsoDuration> Intervals)
{
    public static RetryCycle Parse(string text)
    {
        var trimmed = text.Trim();
        var parts = trimmed.Split('/');
        if (parts.Length == 2 && parts[0].StartsWith('R')
            && int.TryParse(parts[0].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var retries)
            && retries <= TimerSchedule.MaxRepetitions && IsoDuration.TryParse(parts[1], out var interval))
        {
            return new RetryCycle(retries, [interval]);
        }
        var list = trimmed.Split(',', StringSplitOptions.TrimEntries);
        var intervals = new List<IsoDuration>(list.Length);
        foreach (var entry in list)
        {
            if (!IsoDuration.TryParse(entry, out var each) || each.Sign < 0)
            {
                throw new FormatException($"'{text}' is not a retry cycle such as R3/PT5M or PT1M,PT5M,PT10M.");
            }
            intervals.Add(each);
        }
        return new RetryCycle(intervals.Count, intervals);
    }

    /// <summary>The wait before the next try, given how many retries were left before this failure.</summary>
    public IsoDuration IntervalBefore(int retriesLeftBeforeFailure) =>
        Intervals[Math.Clamp(Retries - retriesLeftBeforeFailure, 0, Intervals.Count - 1)];
}
