using System.Globalization;
using System.Text.RegularExpressions;

namespace WorkflowHub.Engine.Model;

/// <summary>
/// An ISO-8601 duration <c>[-]PnYnMnWnDTnHnMnS</c>, the one implementation behind timers, due dates, retry cycles,
/// the script helper <c>addDuration</c> and the simulation clock. Years and months move the calendar, as in Camunda
/// 7 (<c>P1M</c> from 31 January is the end of February, not 30 days later); weeks, days and the time part are exact
/// lengths and may carry fractions.
/// </summary>
public readonly partial record struct IsoDuration(int Sign, int Years, int Months, double Milliseconds)
{
    // Beyond these a duration cannot be added to any date the engine keeps (years 1..9999).
    private const int MaxYears = 10_000;
    private const int MaxMonths = 120_000;
    private static readonly double MaxMilliseconds = TimeSpan.MaxValue.TotalMilliseconds;

    /// <summary>True when adding the duration moves time forward.</summary>
    public bool IsPositive => Sign > 0 && (Years > 0 || Months > 0 || Milliseconds > 0);

    public static bool TryParse(string? text, out IsoDuration duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var trimmed = text.Trim();
        if (trimmed.Length > MaxLength)
        {
            return false;
        }
        var match = Pattern().Match(trimmed);
        if (!match.Success || (match.Groups["t"].Success && !(match.Groups["h"].Success || match.Groups["mi"].Success || match.Groups["s"].Success)))
        {
            return false;
        }
        var any = false;
        double Part(string name)
        {
            var group = match.Groups[name];
            if (!group.Success)
            {
                return 0;
            }
            any = true;
            return double.Parse(group.Value.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        var years = Part("y");
        var months = Part("mo");
        var ms = ((((Part("w") * 7) + Part("d")) * 24 + Part("h")) * 60 + Part("mi")) * 60_000 + Part("s") * 1_000;
        if (!any || years > MaxYears || months > MaxMonths || !double.IsFinite(ms) || ms > MaxMilliseconds)
        {
            return false;
        }
        duration = new IsoDuration(match.Groups["neg"].Success ? -1 : 1, (int)years, (int)months, ms);
        return true;
    }

    /// <summary>Parses or throws a <see cref="FormatException"/> that quotes the text.</summary>
    public static IsoDuration Parse(string text) =>
        TryParse(text, out var duration)
            ? duration
            : throw new FormatException($"'{text}' is not an ISO-8601 duration such as PT1H, P3D or P1M (at most {MaxYears} years).");

    /// <summary>The time <paramref name="start"/> plus this duration, or false when it falls outside years 1..9999.</summary>
    public bool TryAddTo(DateTimeOffset start, out DateTimeOffset result)
    {
        result = start;
        try
        {
            result = start.AddYears(Sign * Years).AddMonths(Sign * Months).AddMilliseconds(Sign * Milliseconds);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>As <see cref="TryAddTo"/>, throwing a <see cref="FormatException"/> when the result is out of range.</summary>
    public DateTimeOffset AddTo(DateTimeOffset start) =>
        TryAddTo(start, out var result)
            ? result
            : throw new FormatException($"{this} from {start:u} is beyond the year 9999: it can never be reached.");

    /// <summary>The exact length from <paramref name="start"/> (months differ in length, so it needs a start).</summary>
    public TimeSpan LengthFrom(DateTimeOffset start) => AddTo(start) - start;

    public override string ToString()
    {
        var time = TimeSpan.FromMilliseconds(Milliseconds);
        return string.Create(CultureInfo.InvariantCulture,
            $"{(Sign < 0 ? "-" : "")}P{Years}Y{Months}M{Math.Floor(time.TotalDays)}DT{time.Hours}H{time.Minutes}M{time.Seconds + (time.Milliseconds / 1000d)}S");
    }

    /// <summary>Longer than the longest text the pattern can match (every field at its digit limit).</summary>
    private const int MaxLength = 200;

    // No match timeout: the pattern is anchored with bounded quantifiers and the input at most MaxLength, so a match
    // is cheap; a wall-clock timeout (it was 1 s) fired on a starved CPU (kill harness, load 40 on 2 cores) and turned
    // a due timer into an incident.
    [GeneratedRegex(
        @"^(?<neg>-)?P(?:(?<y>\d{1,9})Y)?(?:(?<mo>\d{1,9})M)?(?:(?<w>\d{1,15}(?:[.,]\d{1,9})?)W)?(?:(?<d>\d{1,15}(?:[.,]\d{1,9})?)D)?(?<t>T(?:(?<h>\d{1,15}(?:[.,]\d{1,9})?)H)?(?:(?<mi>\d{1,15}(?:[.,]\d{1,9})?)M)?(?:(?<s>\d{1,15}(?:[.,]\d{1,9})?)S)?)?$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Pattern();
}
