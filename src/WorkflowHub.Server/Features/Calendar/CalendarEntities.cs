namespace WorkflowHub.Server.Features.Calendar;

public enum CalendarDayKind
{
    /// <summary>法定节假日: a public holiday (no work, whatever the weekday).</summary>
    Holiday = 0,

    /// <summary>调休: a make-up working day (work, though it is a weekend day).</summary>
    MakeUpWorkday = 1,
}

/// <summary>A year whose holiday schedule is known; a year without one is not guessed at.</summary>
public sealed class CalendarYearRecord
{
    public int Year { get; set; }

    /// <summary>Where the dates come from (the State Council notice), shown to administrators.</summary>
    public string Source { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }

    public List<CalendarDayRecord> Days { get; set; } = [];
}

/// <summary>One date that differs from an ordinary week: a holiday or a make-up working day.</summary>
public sealed class CalendarDayRecord
{
    public int Year { get; set; }

    public DateOnly Date { get; set; }

    public CalendarDayKind Kind { get; set; }

    /// <summary>The holiday's name (春节), or for a make-up day the holiday it makes up for.</summary>
    public string Name { get; set; } = "";
}
