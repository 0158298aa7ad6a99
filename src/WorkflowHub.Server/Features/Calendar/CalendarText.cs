namespace WorkflowHub.Server.Features.Calendar;

/// <summary>
/// The resource marker of the working calendar's texts (工作日历): code writes them in English, CalendarText.zh-CN.resx translates them (the English text is
/// the key) for answers in zh-CN, the default; Accept-Language: en keeps the English.
/// </summary>
public sealed class CalendarText;
