using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml;

namespace WorkflowHub.Server.Features.Notices;

/// <summary>
/// zh-CN wording for notices: dates (2026年3月2日), durations (3 小时, 2 天 4 小时), what is left of a deadline
/// (还剩 3 小时 / 已超期 2 天) and document numbers (督办〔2026〕第 12 号).
/// </summary>
public static class ZhFormat
{
    public static string Date(DateTimeOffset value, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(value, zone);
        return $"{local.Year}年{local.Month}月{local.Day}日";
    }

    public static string DateTime(DateTimeOffset value, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(value, zone);
        return $"{local.Year}年{local.Month}月{local.Day}日 {local:HH:mm}";
    }

    /// <summary>The largest two units that matter: 2 天 4 小时, 3 小时 20 分钟, 45 分钟, 不到 1 分钟.</summary>
    public static string Duration(TimeSpan span)
    {
        span = span.Duration();
        if (span.TotalDays >= 1)
        {
            return span.Hours > 0 ? $"{(int)span.TotalDays} 天 {span.Hours} 小时" : $"{(int)span.TotalDays} 天";
        }
        if (span.TotalHours >= 1)
        {
            return span.Minutes > 0 ? $"{(int)span.TotalHours} 小时 {span.Minutes} 分钟" : $"{(int)span.TotalHours} 小时";
        }
        return span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes} 分钟" : "不到 1 分钟";
    }

    /// <summary>还剩 3 小时 before the deadline, 已超期 2 天 after it (到期 within the minute).</summary>
    public static string Remaining(DateTimeOffset due, DateTimeOffset now)
    {
        var left = due - now;
        if (left.Duration() < TimeSpan.FromMinutes(1))
        {
            return "已到期";
        }
        return left > TimeSpan.Zero ? "还剩 " + Duration(left) : "已超期 " + Duration(left);
    }

    /// <summary>督办〔2026〕第 12 号: the prefix, the year in 六角括号 and the number.</summary>
    public static string Number(string prefix, int year, long number) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}〔{year}〕第 {number} 号");

    /// <summary>A date as the model holds it: a DateTimeOffset, or an ISO-8601 text from variables; null when neither.</summary>
    public static DateTimeOffset? ToDate(object? value) => value switch
    {
        DateTimeOffset d => d,
        System.DateTime d => new DateTimeOffset(d.Kind == DateTimeKind.Unspecified ? System.DateTime.SpecifyKind(d, DateTimeKind.Utc) : d),
        JsonValue v when v.TryGetValue<string>(out var s) => ToDate(s),
        string s when DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) => d,
        _ => null,
    };

    /// <summary>A duration given as ISO-8601 (PT3H, P2D) or a number of hours.</summary>
    public static TimeSpan? ToDuration(object? value)
    {
        switch (value)
        {
            case TimeSpan t:
                return t;
            case int or long or double or float or decimal:
                return TimeSpan.FromHours(Convert.ToDouble(value, CultureInfo.InvariantCulture));
            case string s:
                try
                {
                    return XmlConvert.ToTimeSpan(s.Trim());
                }
                catch (FormatException)
                {
                    return null;
                }
            default:
                return null;
        }
    }

    /// <summary>The configured zone, or China Standard Time (UTC+8, no daylight saving) where the system lacks tz data.</summary>
    public static TimeZoneInfo Zone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("CST+8", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }
    }
}
