namespace WorkflowHub.Server.Features.Calendar;

/// <summary>The "Calendar" settings section: working hours and where the shipped holiday schedules are.</summary>
public sealed class CalendarOptions
{
    public const string Section = "Calendar";

    /// <summary>The time zone working hours are in (IANA id); China has one zone without daylight saving.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    // Lists start empty because configuration binding appends to a list: the defaults are filled in after binding.
    public static readonly DayOfWeek[] DefaultWorkingDays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
    public static readonly string[] DefaultWorkingHours = ["08:30-12:00", "14:00-17:30"];

    /// <summary>The ordinary working days (default Monday–Friday); holidays and make-up working days (调休) override them per date.</summary>
    public List<DayOfWeek> WorkingDays { get; set; } = [];

    /// <summary>The working periods of a working day, "HH:mm-HH:mm", in order (default 08:30-12:00, 14:00-17:30).</summary>
    public List<string> WorkingHours { get; set; } = [];

    public CalendarOptions WithDefaults()
    {
        if (WorkingDays.Count == 0)
        {
            WorkingDays.AddRange(DefaultWorkingDays);
        }
        if (WorkingHours.Count == 0)
        {
            WorkingHours.AddRange(DefaultWorkingHours);
        }
        return this;
    }

    /// <summary>Folder of holiday schedules (one JSON file per year, as workflows/calendar/cn-2026.json) loaded on start for years not yet in the database.</summary>
    public string DataFolder { get; set; } = "workflows/calendar";
}
