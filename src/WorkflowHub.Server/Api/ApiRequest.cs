using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Options;

namespace WorkflowHub.Server.Api;

/// <summary>Reading query values and bodies by hand, so that every bad value is a 400 naming its field.</summary>
public static class ApiRequest
{
    /// <summary>The <c>page</c> and <c>pageSize</c> query values every list takes (400 naming the field when wrong).</summary>
    public static PageRequest Paging(HttpContext http, string? page, string? pageSize, int defaultSize = 50)
    {
        var max = http.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value.MaxPageSize;
        return PageRequest.Bounded(Int(page, "page", 1, 1, int.MaxValue), Int(pageSize, "pageSize", Math.Min(defaultSize, max), 1, max));
    }

    public static int Int(string? value, string field, int fallback, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) || parsed < min || parsed > max)
        {
            throw ApiRequestException.Invalid(field, $"'{value}' is not a whole number from {min} to {max}.");
        }
        return parsed;
    }

    public static bool Bool(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }
        return bool.TryParse(value, out var parsed)
            ? parsed
            : throw ApiRequestException.Invalid(field, $"'{value}' is not true or false.");
    }

    public static DateTimeOffset? Date(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : throw ApiRequestException.Invalid(field, $"'{value}' is not an ISO-8601 date and time (e.g. 2026-03-02T08:30:00+08:00).");
    }

    public static TEnum? Enum<TEnum>(string? value, string field)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        return System.Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed) && !char.IsDigit(value[0])
            ? parsed
            : throw ApiRequestException.Invalid(field, $"'{value}' is not one of {string.Join(", ", System.Enum.GetNames<TEnum>())}.");
    }

    /// <summary>A strictly positive ISO-8601 duration (PT24H, P1DT2H, P1M: a calendar month).</summary>
    public static WorkflowHub.Engine.Model.IsoDuration Duration(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw ApiRequestException.Invalid(field, "An ISO-8601 duration is required (e.g. PT24H or P1D).");
        }
        if (!WorkflowHub.Engine.Model.IsoDuration.TryParse(value, out var parsed))
        {
            throw ApiRequestException.Invalid(field, $"'{value}' is not an ISO-8601 duration of at most 10000 years (e.g. PT24H or P1D).");
        }
        return parsed.IsPositive ? parsed : throw ApiRequestException.Invalid(field, "The duration must be longer than zero.");
    }

    /// <summary>Reads the whole body, refusing (413) more than <paramref name="limit"/> bytes whatever Content-Length says.</summary>
    public static async Task<byte[]> ReadBodyAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
        {
            throw ApiRequestException.TooLarge(limit);
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw ApiRequestException.TooLarge(limit);
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public static async Task<string> ReadTextAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        var bytes = await ReadBodyAsync(request, limit, ct);
        var encoding = request.GetTypedHeaders().ContentType?.Encoding ?? Encoding.UTF8;
        return encoding.GetString(bytes);
    }

    /// <summary>The name the engine knows a user by (assignee, candidate user, actor): the login name.</summary>
    public static string UserName(this ClaimsPrincipal user) =>
        user.Identity?.Name ?? throw new InvalidOperationException("The endpoint requires an authenticated user.");
}
