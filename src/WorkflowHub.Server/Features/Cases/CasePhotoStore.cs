using Microsoft.Extensions.Options;
using WorkflowHub.Server.Hosting;

namespace WorkflowHub.Server.Features.Cases;

/// <summary>
/// Case photos on disk under Cases:PhotoFolder (data/case-photos): checked by size, declared type and the content's own
/// signature, stored under a random name (year/month/guid.ext), never under the uploader's name or path.
/// </summary>
public sealed class CasePhotoStore(IOptions<CaseOptions> options, HubPaths paths)
{
    private static readonly Dictionary<string, (string Extension, byte[][] Signatures)> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/jpeg"] = ("jpg", [[0xFF, 0xD8, 0xFF]]),
        ["image/png"] = ("png", [[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]]),
        ["image/webp"] = ("webp", [[0x52, 0x49, 0x46, 0x46]]),
    };

    public string Root => paths.Resolve(options.Value.PhotoFolder);

    /// <summary>Checks an upload; the error names the field (photos[i]).</summary>
    public (string Extension, string? Error) Check(string field, string? contentType, long length, ReadOnlySpan<byte> head)
    {
        var settings = options.Value;
        if (length <= 0 || length > settings.MaxPhotoBytes)
        {
            return ("", $"{field}: a photo is at most {settings.MaxPhotoBytes / 1024 / 1024} MB.");
        }
        if (contentType is null || !settings.PhotoContentTypes.Contains(contentType, StringComparer.OrdinalIgnoreCase) || !Types.TryGetValue(contentType, out var type))
        {
            return ("", $"{field}: only {string.Join(", ", settings.PhotoContentTypes)} photos are accepted.");
        }
        var signatureMatches = false;
        foreach (var signature in type.Signatures)
        {
            signatureMatches |= head.StartsWith(signature);
        }
        signatureMatches &= contentType != "image/webp" || (head.Length >= 12 && head[8..12].SequenceEqual("WEBP"u8));
        return signatureMatches ? (type.Extension, null) : ("", $"{field}: the content is not a {contentType} image.");
    }

    /// <summary>Writes the photo and returns its path below <see cref="Root"/>.</summary>
    public async Task<string> SaveAsync(Stream content, string extension, DateTimeOffset now, CancellationToken ct)
    {
        var relative = Path.Combine(now.ToString("yyyy", System.Globalization.CultureInfo.InvariantCulture), now.ToString("MM", System.Globalization.CultureInfo.InvariantCulture), $"{Guid.NewGuid():N}.{extension}");
        var full = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await using (var file = new FileStream(full, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
        {
            await content.CopyToAsync(file, ct);
        }
        return relative.Replace('\\', '/');
    }

    public void Delete(string relative)
    {
        var full = FullPath(relative);
        if (File.Exists(full))
        {
            File.Delete(full);
        }
    }

    /// <summary>The file of a stored path; refuses anything that would leave the folder.</summary>
    public string FullPath(string relative)
    {
        var full = Path.GetFullPath(Path.Combine(Root, relative));
        return full.StartsWith(Path.GetFullPath(Root) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full
            : throw new InvalidOperationException("A stored photo path leaves the photo folder.");
    }
}
